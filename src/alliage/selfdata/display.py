"""How the "My data" page, my activity log and the team's audit log word Self Data's records
for the person reading them: audit actions by their labels, the objects by their names (and,
on the logs, links to their pages), details by the names of their fields, consent receipts in
the reader's language where the words are known. The archive keeps every record as stored."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import rules
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
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


# Keys whose value is a status code of the object's own ``status`` field.
_STATUS_KEYS = frozenset({"previous", "before", "after"})


# Keys that name an object by its id whatever the object they are recorded on (a coalition's
# join accepted names the person who joined, an event's invitation the person invited).
_KEY_MODELS = {"person": "actors.person"}


def _related_model(model: type[models.Model] | None, key: str) -> type[models.Model] | None:
    """The model a detail's key names by its id: a foreign key of the object ("publication"
    on a reuse), one of its reverse relations ("resource" on a publication), or the model a
    key always names (``_KEY_MODELS``)."""
    if model is not None:
        for name in (key, key + "s"):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation and field.related_model is not None and not field.many_to_many:
                return field.related_model
    return _model(_KEY_MODELS[key]) if key in _KEY_MODELS else None


def _choice_label(model: type[models.Model] | None, key: str, value: str) -> str | None:
    if model is None:
        return None
    names = (key, "status") if key in _STATUS_KEYS else (key,)
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        choices = getattr(field, "choices", None)
        if choices and value in dict(choices):
            return str(dict(choices)[value])
    return None


def _quoted(name: object) -> str:
    return _("“%(name)s”") % {"name": name}


def _words(
    value: Any,
    *,
    key: str,
    model: type[models.Model] | None,
    found: dict[tuple[str, str], models.Model] | None = None,
) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "fields" and isinstance(value, list | tuple):
        return ", ".join(capfirst(_field_name(model, str(v))) for v in value)
    if key == "purpose" and value in Purpose.values:
        return str(Purpose(value).label)
    if isinstance(value, str) and (label := _choice_label(model, key, value)) is not None:
        return label
    related = _related_model(model, key)
    if related is not None and found is not None and isinstance(value, int | str):
        obj = found.get((related._meta.label_lower, str(value)))
        if obj is not None:
            return _quoted(obj)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _detail_label(key: str, *, model: type[models.Model] | None) -> str:
    if key in DETAIL_LABELS:
        return str(DETAIL_LABELS[key])
    related = _related_model(model, key)
    if related is not None:
        return str(related._meta.verbose_name)
    return key.replace("_", " ")


def audit_details(
    data: Any,
    *,
    model: type[models.Model] | None,
    found: dict[tuple[str, str], models.Model] | None = None,
) -> str:
    """``{"revision": 2, "fields": ["summary"]}`` as "Revision: 2; Fields changed: Summary",
    with the fields by their names in the reader's language and the objects named by their id
    (in ``found``, read by ``audit_display``) by their names."""
    if not isinstance(data, dict) or not data:
        return ""
    french = translation.get_language() == "fr"
    colon, semicolon = ("\u00a0: ", "\u00a0; ") if french else (": ", "; ")
    return semicolon.join(
        capfirst(_detail_label(k, model=model)) + colon + _words(v, key=k, model=model, found=found)
        for k, v in data.items()
    )


def _fetch(ids: dict[str, set[str]]) -> dict[tuple[str, str], models.Model]:
    """The objects named, one query per kind, with what they need to be named, linked and
    checked (their required foreign keys) read in the same query."""
    found: dict[tuple[str, str], models.Model] = {}
    for label, pks in ids.items():
        model = _model(label)
        valid = [pk for pk in pks if pk.isdigit()]
        if model is None or not valid:
            continue
        joined = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and not f.null and f.related_model is not model
        ]
        for pk, obj in model._default_manager.select_related(*joined).in_bulk(valid).items():
            found[(label, str(pk))] = obj
    return found


def _link(obj: models.Model, user: User) -> str:
    """The object's page, when it has one and the viewer may see it (each app's
    ``<app>.see_<model>`` rule); otherwise no link."""
    perm = f"{obj._meta.app_label}.see_{obj._meta.model_name}"
    if not hasattr(obj, "get_absolute_url") or not rules.perm_exists(perm):
        return ""
    return str(obj.get_absolute_url()) if user.has_perm(perm, obj) else ""


def audit_display(
    rows: list[dict[str, Any]], user: User, *, links: bool = False
) -> list[dict[str, Any]]:
    """The action by its label, the object by its kind and name (one query per kind of
    object on the page), the details in words; with ``links``, the object's page when the
    viewer may see it."""
    ids: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        label, pk = row.get("target_type") or "", str(row.get("target_id") or "")
        if label and pk and not (label == "core.user" and pk == str(user.pk)):
            ids[label].add(pk)
        model = _model(label) if label else None
        details = row.get("details")
        if isinstance(details, dict):
            for key, value in details.items():
                related = _related_model(model, key)
                if related is not None and isinstance(value, int | str):
                    ids[related._meta.label_lower].add(str(value))
    found = _fetch(ids)
    person_id = _person_id(user)
    shown = []
    for row in rows:
        label, pk = row.get("target_type") or "", str(row.get("target_id") or "")
        model = _model(label) if label else None
        url = ""
        if label == "core.user" and pk == str(user.pk):
            kind, name = _("account"), _("your account")
        elif label == "actors.person" and person_id is not None and pk == str(person_id):
            kind, name = _("profile"), _("your profile")
        elif model is not None:
            kind = str(model._meta.verbose_name)
            obj = found.get((label, pk))
            name = _quoted(obj) if obj is not None else _("(no longer exists)")
            if links and obj is not None:
                url = _link(obj, user)
        else:
            kind, name = "", ""
        shown.append(
            {
                "action": action_label(row.get("action") or ""),
                "target_type": kind,
                "target_id": name,
                "target_url": url,
                "details": audit_details(row.get("details"), model=model, found=found),
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
    language. The language given is always that of the text on the page: a purpose's text
    read in translation also names the language it was shown in; the carried-over text is
    the platform's note, shown in no language of its own (stored as its English source)."""
    reader = translation.get_language() or "fr"
    shown = []
    for row in rows:
        text, language = row.get("text") or "", row.get("language") or ""
        words: dict[str, Any] = {"language": _language_name(language) if language else ""}
        if language and language != reader:
            known = _known_text(text, language=language)
            if known is None:
                words["text"] = _("%(text)s (shown in %(language)s)") % {
                    "text": text,
                    "language": _language_name(language),
                }
            else:
                words["text"] = known
                words["language"] = (
                    _language_name(reader)
                    if text == INITIAL_TEXT
                    else _("%(language)s (a translation: it was shown in %(original)s)")
                    % {"language": _language_name(reader), "original": _language_name(language)}
                )
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
