"""The forms of invitations and introductions; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person
from alliage.coalitions.models import MemberRole
from alliage.core.models import User

from .services import MESSAGE_MAX


class InvitationForm(forms.Form):
    """Whom to invite: a person or an organisation (chosen from the suggestions, carried as
    hidden fields) or an e-mail address; the role offered and a word to them."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("For someone who is not on Alliage yet, or whose address you know."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    message = forms.CharField(
        label=_("A word to them"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignupAcceptForm(forms.Form):
    """An account for the invited address: the link proved it, only names and a password."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
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

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def introducible() -> Any:
    """The people one may ask to be introduced: in the directory, and accepting contact."""
    return Person.objects.listed().filter(is_contactable=True).order_by("last_name", "first_name")


class IntroductionForm(forms.Form):
    """Two people of the directory who accept to be contacted, and why they should meet."""

    a_person = forms.ModelChoiceField(label=_("Introduce"), queryset=Person.objects.none())
    b_person = forms.ModelChoiceField(label=_("To"), queryset=Person.objects.none())
    note = forms.CharField(
        label=_("Why they should meet"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a_person", "b_person"):
            self.fields[name].queryset = introducible()  # type: ignore[attr-defined]
