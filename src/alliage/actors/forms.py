from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from alliage.core.models import User

from .models import OrganisationKind, Person


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


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(label=_("E-mail address"))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account already uses this e-mail address."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(email=data.get("email", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.ModelForm):
    """One's profile, with who sees each personal field. Being listed, suggested or contacted
    are consents, given on the consents page."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, for example: inclusion, open data, territory."),
    )

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
