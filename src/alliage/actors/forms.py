from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from alliage.core.forms import ContentLanguageField, KeepsLanguageMixin
from alliage.core.widgets import DatePicker

from . import selectors
from .models import (
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Payment,
    PaymentMethod,
    Person,
    Tier,
)
from .services import TIER_FIELDS


class DirectoryFilterForm(forms.Form):
    """The directory's search; the tab it searches (organisations or people) is kept in the form
    so the filters stay on it, and people have no kind to filter by."""

    tab = forms.CharField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )

    def __init__(self, *args: Any, tab: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["tab"] = tab
        self.fields["tab"].initial = tab
        if tab == "people":
            del self.fields["kind"]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v and k != "tab"}


class ProfileForm(KeepsLanguageMixin, forms.ModelForm):
    """One's profile, with who sees each personal field. Being listed, suggested or contacted
    are consents, given on the consents page."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, for example: inclusion, open data, territory."),
    )
    content_language = ContentLanguageField()

    class Meta:
        model = Person
        fields = (
            "first_name",
            "last_name",
            "bio",
            "bio_visibility",
            "intentions",
            "intentions_visibility",
            "capabilities",
            "capabilities_visibility",
            "tags_visibility",
            "affiliations_visibility",
            "content_language",
        )
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 3}),
            "intentions": forms.Textarea(attrs={"rows": 3}),
            "capabilities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if name.endswith("_visibility"):
                self.fields[name].required = False  # left out: stays as it was

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.fields:
            if name.endswith("_visibility") and not data.get(name):
                data[name] = getattr(self.instance, name)
        return data

    def tag_names(self) -> list[str]:
        return [t for t in self.cleaned_data["tags"].split(",") if t.strip()]


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent by e-mail with your address to reply to; their address stays hidden from you."
        ),
    )


# --- The team's back-office and a person's own organisation ------------------------------


class OrganisationForm(KeepsLanguageMixin, forms.ModelForm):
    """An organisation's card, for the team (``is_listed`` too) or its own people."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    content_language = ContentLanguageField()

    class Meta:
        model = Organisation
        fields = ("name", "kind", "city", "website", "description", "content_language", "is_listed")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, team: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not team:
            del self.fields["is_listed"]

    def _post_clean(self) -> None:
        """The service validates and saves; the form only parses (no uniqueness query)."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class OwnOrganisationForm(OrganisationForm):
    """A person creates their organisation and says their role in it."""

    role = forms.CharField(
        label=_("Your role in it"),
        max_length=120,
        required=False,
        help_text=_("For example: director, project manager, volunteer."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, team=False, **kwargs)

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "role"}


class TeamPersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    role = forms.CharField(label=_("Role"), max_length=120, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("email", "organisation", "role"):
                del self.fields[name]


class MembershipForm(forms.Form):
    """A membership's holder (an organisation or a person, by e-mail), tier and period."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    person_email = forms.EmailField(label=_("Or a person (their e-mail address)"), required=False)
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=Tier.objects.all(), empty_label=None)
    starts_on = forms.DateField(label=_("Starts on"), widget=DatePicker())
    ends_on = forms.DateField(label=_("Ends on"), widget=DatePicker())
    amount_due = forms.DecimalField(
        label=_("Amount due (€)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Left empty on a new membership: the tier's yearly amount."),
    )
    representative = forms.ModelChoiceField(
        label=_("Votes through"),
        queryset=Person.objects.none(),
        required=False,
        empty_label="—",
        help_text=_(
            "One of the organisation's people, who votes in its name at assemblies; "
            "none for a person's membership."
        ),
    )

    def __init__(self, *args: Any, holder: Organisation | Person | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        choices = selectors.representative_choices()
        # Editing, only the holder's people are offered (none to a person); posted, anyone
        # affiliated somewhere may be, and ``clean`` checks they belong to the organisation.
        if isinstance(holder, Organisation) and not self.is_bound:
            choices = choices.filter(affiliations__organisation=holder)
        elif isinstance(holder, Person) and not self.is_bound:
            choices = choices.none()
        field.queryset = choices
        field.label_from_instance = _representative_label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        email = data.get("person_email")
        data["person"] = None
        if email:
            data["person"] = Person.objects.filter(user__email__iexact=email).first()
            if data["person"] is None:
                self.add_error("person_email", _("No person has this e-mail address."))
        if data.get("organisation") and email:
            self.add_error("person_email", _("Choose an organisation or a person, not both."))
        elif not data.get("organisation") and not email and not self.errors:
            self.add_error("organisation", _("Choose an organisation or a person."))
        representative = data.get("representative")
        if representative is not None:
            organisation = data.get("organisation")
            if organisation is None:
                self.add_error(
                    "representative",
                    _("A person's membership has no representative: the person votes."),
                )
            elif not selectors.person_is_affiliated(
                person=representative, organisation=organisation
            ):
                self.add_error(
                    "representative",
                    _("The representative must be one of the organisation's people."),
                )
        return data


def _representative_label(person: Person) -> str:
    organisations = ", ".join(sorted(a.organisation.name for a in person.affiliations.all()))
    return f"{person.full_name} ({organisations})" if organisations else person.full_name


class PaymentForm(forms.Form):
    """A payment the team records on a membership (no payment provider)."""

    paid_on = forms.DateField(label=_("Paid on"), widget=DatePicker())
    amount = forms.DecimalField(
        label=_("Amount (€)"), min_value=Decimal("0.01"), max_digits=9, decimal_places=2
    )
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=Payment._meta.get_field("reference").max_length,
        required=False,
        help_text=_("A cheque's number, a transfer's label, a receipt…"),
    )


class TierForm(forms.ModelForm):
    """A membership tier's fields; its code is chosen at creation and then only shown."""

    class Meta:
        model = Tier
        fields = ("code", *TIER_FIELDS)
        widgets = {"benefits": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            del self.fields["code"]
        else:
            self.fields["code"].help_text = _(
                "Letters, digits and hyphens, for example: small-organisation. "
                "It cannot change afterwards."
            )
        self.fields["yearly_amount"].widget.attrs["min"] = 0
        self.fields["yearly_amount"].validators.append(MinValueValidator(0))
        self.fields["votes"].validators.append(MinValueValidator(1))
        self.fields["votes"].widget.attrs["min"] = 1

    def _post_clean(self) -> None:
        """The service validates and saves; the form only parses (no uniqueness query)."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "code"}


class MembershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    tier = forms.ModelChoiceField(
        label=_("Tier"), required=False, queryset=Tier.objects.all(), empty_label=_("All tiers")
    )
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("", _("All periods")),
            ("current", _("Current")),
            ("due", _("Renewal due (ends within 30 days)")),
            ("lapsed", _("Lapsed within 90 days")),
            ("future", _("Not started yet")),
            ("past", _("Ended")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MembershipStatus.choices],
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class TeamSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


class MergeForm(forms.Form):
    """Two records of the same kind: the one kept, and its duplicate."""

    keep = forms.ModelChoiceField(label=_("Keep"), queryset=Organisation.objects.none())
    drop = forms.ModelChoiceField(
        label=_("Duplicate to merge into it"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == "people":
            queryset = Person.objects.select_related("user").order_by("last_name", "first_name")
            label = _person_choice_label
        else:
            queryset = Organisation.objects.order_by("name")
            label = _organisation_choice_label
        for name in ("keep", "drop"):
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("drop"):
            self.add_error("drop", _("Choose two different records."))
        return data


def _person_choice_label(person: Person) -> str:
    return f"{person.full_name} <{person.user.email}>"


def _organisation_choice_label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.slug})"


class JoinOrganisationForm(forms.Form):
    role = forms.CharField(label=_("Your role in it"), max_length=120, required=False)
    message = forms.CharField(
        label=_("A word for its people"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
