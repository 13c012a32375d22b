from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(slug, kind.label) for slug, kind in KINDS.items()],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon, UTF-8) or XLSX, 2 MB at most; "
            "its first row names the columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class CommitForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=2000)
