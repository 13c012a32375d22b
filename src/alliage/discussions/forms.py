from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": "mention-input"}),
        help_text=_("Markdown is welcome. Type @ and a name to mention someone."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
