from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why report it?"), choices=Reason.choices)
    note = forms.CharField(
        label=_("Details for the team (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("hide", _("Hide it")), ("keep", _("Keep it (show it again if hidden)"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason, which the author reads"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
