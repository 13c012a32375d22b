"""Form fields every app's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _


class ContentLanguageField(forms.TypedChoiceField):
    """The language a text is written in (``content_language`` on the model). Optional: a form
    posted without it keeps the text's language, French for a new one; the service decides."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Language of the text"))
        kwargs.setdefault(
            "help_text",
            _("Pages in the other language mark it, so that screen readers read it correctly."),
        )
        super().__init__(
            choices=settings.LANGUAGES, required=False, empty_value="", initial="fr", **kwargs
        )


def language_kept(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without an empty ``content_language``: a form posted without the language
    keeps the text's own."""
    if "content_language" in data and not data["content_language"]:
        data = {k: v for k, v in data.items() if k != "content_language"}
    return data


class KeepsLanguageMixin:
    """For a model form with a ``content_language`` field: posted without it, the text keeps
    its language (a new one: the model's default, French)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        if not data.get("content_language"):
            data["content_language"] = self.instance.content_language  # type: ignore[attr-defined]
        return data


def errors_hidden(*forms_: forms.BaseForm | forms.BaseFormSet) -> None:
    """Bound forms (or formsets) shown back without their errors: a preview, or a draft put
    back in the editor, is no attempt to save, so nothing is flagged yet."""
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            errors_hidden(*form.forms)
            form._errors, form._non_form_errors = [], ErrorList()
        else:
            form._errors = ErrorDict()
