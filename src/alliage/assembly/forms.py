"""The assembly's forms: its settings, a motion, a proxy, a check-in and a ballot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alliage.core.widgets import DatePicker

from .models import Assembly, Attendance, Majority, MotionKind, Voter
from .services import SETTINGS


class AssemblySettingsForm(forms.ModelForm):
    class Meta:
        model = Assembly
        fields = SETTINGS
        widgets = {"cutoff_on": DatePicker()}


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text of the motion"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    documents = forms.CharField(
        label=_("Documents"),
        required=False,
        help_text=_("Markdown: one link per document, e.g. [Annual report](https://…)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(label=_("Kind of vote"), choices=MotionKind.choices)
    options = forms.CharField(
        label=_("Options or candidates"),
        required=False,
        help_text=_("One per line; for a resolution, leave empty: yes, no and abstain."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    seats = forms.IntegerField(
        label=_("Seats to fill"), min_value=1, max_value=50, initial=1,
        help_text=_("For an election."),
    )  # fmt: skip
    majority = forms.ChoiceField(label=_("Majority needed"), choices=Majority.choices)
    secret = forms.BooleanField(
        label=_("Secret ballot"),
        required=False,
        help_text=_("Who voted is kept for the minutes; what each one voted is not kept at all."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES, initial="fr"
    )

    def option_lines(self) -> list[str]:
        return self.cleaned_data.get("options", "").splitlines()


class CheckInForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Attending"),
        choices=[(Attendance.IN_PERSON, _("In person")), (Attendance.ONLINE, _("Online"))],
        initial=Attendance.IN_PERSON,
    )


class ProxyForm(forms.Form):
    """Give a proxy: which line of mine (or, for the chair, of the roll) to which voter."""

    giver = forms.ModelChoiceField(label=_("Proxy of"), queryset=Voter.objects.none())
    holder = forms.ModelChoiceField(
        label=_("Given to"),
        queryset=Voter.objects.none(),
        help_text=_("A voter of the roll who will attend."),
    )

    def __init__(self, *args: Any, givers: Any, holders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["giver"].queryset = givers
        self.fields["holder"].queryset = holders
        if len(givers) == 1:
            self.fields["giver"].initial = givers[0].pk
            self.fields["giver"].widget = forms.HiddenInput()
