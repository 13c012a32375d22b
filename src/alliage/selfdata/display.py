"""How the "My data" page words Self Data's own records for the person reading them: audit
actions by their labels, the objects by their names, details by the names of their fields,
consent receipts in the reader's language where the words are known. The archive keeps every
record as stored (codes, numbers)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliage.core.audit import action_label
from alliage.core.models import User

from .consents import INITIAL_TEXT, PURPOSES
from .models import Purpose

DETAIL_LABELS = {
    "revision": gettext_lazy("revision"),
    "fields": gettext_lazy("fields changed"),
    "purpose": gettext_lazy("purpose"),
    "version": gettext_lazy("text version"),
    "confirmed": gettext_lazy("kept for a newer text"),
    "role": gettext_lazy("role"),
    "status": gettext_lazy("status"),
    "kind": gettext_lazy("kind"),
    "before": gettext_lazy("before"),
    "after": gettext_lazy("after"),
    "previous": gettext_lazy("before"),
    "via": gettext_lazy("through"),
    "count": gettext_lazy("number"),
    "filename": gettext_lazy("file"),
    "side": gettext_lazy("side"),
    "note": gettext_lazy("note"),
}


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field_name(model: type[models.Model] | None, name: str) -> str:
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        # A reverse relation has no verbose name of its own: its model's plural name.
        label = getattr(field, "verbose_name", None) or (
            field.related_model._meta.verbose_name_plural if field is not None else None
        )
        if label:
            return str(label)
    return name.replace("_", " ")


def _words(value: Any, *, key: str, model: type[models.Model] | None) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "fields" and isinstance(value, list | tuple):
        return ", ".join(_field_name(model, str(v)) for v in value)
    if key == "purpose" and value in Purpose.values:
        return str(Purpose(value).label)
    if isinstance(value, str) and model is not None:
        for field in model._meta.get_fields():
            choices = getattr(field, "choices", None)
            if field.name == key and choices:
                return str(dict(choices).get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def audit_details(data: Any, *, model: type[models.Model] | None) -> str:
    """``{"revision": 2, "fields": ["summary"]}`` as "revision: 2; fields changed: summary",
    with the fields by their names in the reader's language."""
    if not isinstance(data, dict) or not data:
        return ""
    return "; ".join(
        f"{DETAIL_LABELS.get(k, k.replace('_', ' '))}\u00a0: {_words(v, key=k, model=model)}"
        if translation.get_language() == "fr"
        else f"{DETAIL_LABELS.get(k, k.replace('_', ' '))}: {_words(v, key=k, model=model)}"
        for k, v in data.items()
    )


def audit_display(rows: list[dict[str, Any]], user: User) -> list[dict[str, Any]]:
    """The action by its label, the object by its kind and name (one query per kind of
    object on the page), the details in words."""
    ids: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.get("target_type") and row.get("target_id"):
            ids[row["target_type"]].add(str(row["target_id"]))
    found: dict[tuple[str, str], models.Model] = {}
    for label, pks in ids.items():
        model = _model(label)
        if model is None:
            continue
        if label == "core.user":
            pks = pks - {str(user.pk)}
        valid = [pk for pk in pks if pk.isdigit()]
        for pk, obj in model._default_manager.in_bulk(valid).items():
            found[(label, str(pk))] = obj
    person_id = _person_id(user)
    shown = []
    for row in rows:
        label, pk = row.get("target_type") or "", str(row.get("target_id") or "")
        model = _model(label) if label else None
        if label == "core.user" and pk == str(user.pk):
            kind, name = _("account"), _("your account")
        elif label == "actors.person" and person_id is not None and pk == str(person_id):
            kind, name = _("profile"), _("your profile")
        elif model is not None:
            kind = str(model._meta.verbose_name)
            obj = found.get((label, pk))
            name = f"«\u00a0{obj}\u00a0»" if obj is not None else _("(no longer exists)")
        else:
            kind, name = "", ""
        shown.append(
            {
                "action": action_label(row.get("action") or ""),
                "target_type": kind,
                "target_id": name,
                "details": audit_details(row.get("details"), model=model),
            }
        )
    return shown


def _person_id(user: User) -> int | None:
    from alliage.actors.selectors import person_for_user

    person = person_for_user(user=user)
    return person.pk if person is not None else None


def _language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def receipt_display(rows: list[dict[str, Any]], user: User) -> list[dict[str, Any]]:
    """The text shown, in the reader's language when its words are known in both (the
    carried-over text, a purpose's current text); otherwise as shown, saying in which
    language."""
    reader = translation.get_language() or "fr"
    shown = []
    for row in rows:
        text, language = row.get("text") or "", row.get("language") or ""
        words: dict[str, Any] = {"language": _language_name(language) if language else ""}
        if language and language != reader:
            known = _known_text(text, language=language)
            if known is not None:
                words["text"] = known
            else:
                words["text"] = _("%(text)s (shown in %(language)s)") % {
                    "text": text,
                    "language": _language_name(language),
                }
        shown.append(words)
    return shown


def _known_text(text: str, *, language: str) -> str | None:
    """The text in the reader's language if it is one whose words the platform keeps in both
    languages; None otherwise."""
    if text == INITIAL_TEXT:
        return _(INITIAL_TEXT)
    for purpose in PURPOSES:
        with translation.override(language):
            original = str(purpose.text)
        if original == text:
            return str(purpose.text)
    return None
