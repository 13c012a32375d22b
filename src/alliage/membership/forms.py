"""The application form: a tier, who holds it (oneself or an organisation one belongs to), a
start and a message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person, Tier
from alliage.core.widgets import DatePicker


class ApplyForm(forms.Form):
    tier = forms.ModelChoiceField(
        label=_("Tier"), queryset=Tier.objects.filter(is_open=True), empty_label=None
    )
    organisation = forms.ModelChoiceField(
        label=_("For"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    starts_on = forms.DateField(
        label=_("Starting on"),
        required=False,
        widget=DatePicker(),
        help_text=_("Left empty: today."),
    )
    message = forms.CharField(
        label=_("Message to the team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, person: Person | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if person is not None:
            # Any organisation may be chosen; the service refuses one the person does not
            # belong to with a clear message (a forged choice, or an affiliation just ended).
            self.fields["organisation"].queryset = Organisation.objects.filter(
                affiliations__person=person
            ).order_by("name")


class RepresentativeForm(forms.Form):
    """Who votes in an organisation's name: one of its people, or nobody designated. The
    choices are those the page already read (``people``); the service checks the choice."""

    representative = forms.ModelChoiceField(
        label=_("Votes in its name at assemblies"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody designated (the chair chooses)"),
    )

    def __init__(self, *args: Any, membership: Any, people: Any = None, **kwargs: Any) -> None:
        # One form per membership on the same page: ids of their own.
        kwargs.setdefault("auto_id", f"id_m{membership.pk}_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        field.queryset = Person.objects.filter(
            affiliations__organisation_id=membership.organisation_id
        ).distinct()
        if people is not None:
            field.choices = [("", field.empty_label), *((p.pk, p.full_name) for p in people)]
