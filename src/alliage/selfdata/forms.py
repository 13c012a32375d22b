from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliage.core.audit import action_label
from alliage.core.widgets import DatePicker

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
    since = forms.DateField(label=_("From"), required=False, widget=DatePicker())
    until = forms.DateField(label=_("To"), required=False, widget=DatePicker())

    def __init__(self, *args: Any, actions: list[str], target_types: list[str], **kwargs: Any):
        """The actions and kinds of object by their names in the reader's language (the
        values stay the stored codes, so a filtered address keeps working)."""
        super().__init__(*args, **kwargs)
        # A group of actions gets its "every action" choice when it is named after a kind of
        # object, which names it in the reader's language.
        kinds = {m._meta.model_name: m._meta.verbose_name for m in apps.get_models()}
        prefixes = sorted({a.split(".", 1)[0] for a in actions if "." in a} & kinds.keys())
        self.fields["action"].choices = [
            ("", _("All actions")),
            *(
                (p + ".", gettext("%(kind)s: every action") % {"kind": capfirst(kinds[p])})
                for p in prefixes
            ),
            *sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1].lower()),
        ]
        self.fields["target_type"].choices = [
            ("", _("All types")),
            *sorted(((t, _kind_label(t)) for t in target_types), key=lambda c: c[1].lower()),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


def _kind_label(label: str) -> str:
    try:
        return str(capfirst(apps.get_model(label)._meta.verbose_name))
    except (LookupError, ValueError):
        return label
