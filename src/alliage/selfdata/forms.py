from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Purpose


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=Purpose.choices)
    decision = forms.ChoiceField(
        choices=(
            ("grant", _("I agree")),
            ("withdraw", _("Withdraw")),
            ("keep", _("Keep my consent")),
        )
    )

    @property
    def granted(self) -> bool:
        return self.cleaned_data["decision"] == "grant"

    @property
    def keep(self) -> bool:
        """Confirm a consent given under an earlier version of its text."""
        return self.cleaned_data["decision"] == "keep"


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased for good."),
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("By (name or e-mail)"), required=False, max_length=200)
    target_type = forms.ChoiceField(label=_("Object type"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actions: list[str], target_types: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        prefixes = sorted({a.split(".", 1)[0] + "." for a in actions if "." in a})
        self.fields["action"].choices = [
            ("", _("All actions")),
            *((p, p + "*") for p in prefixes),
            *((a, a) for a in actions),
        ]
        self.fields["target_type"].choices = [
            ("", _("All types")),
            *((t, t) for t in target_types),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
