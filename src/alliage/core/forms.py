"""Form fields every app's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
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
