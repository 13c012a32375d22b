"""The newsletter's form: its text and its audience; on creation, the programme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import OrganisationKind
from alliage.coalitions.models import Programme
from alliage.core.forms import ContentLanguageField

from .models import Newsletter


class NewsletterForm(forms.ModelForm):
    content_language = ContentLanguageField()
    organisation_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organisation"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only people affiliated to an organisation of these kinds (none: everyone)."),
    )

    class Meta:
        model = Newsletter
        fields = (
            "programme",
            "subject",
            "content_language",
            "body",
            "followers_only",
            "adherents_only",
        )
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["programme"]
            self.initial.setdefault("organisation_kinds", self.instance.organisation_kinds)
        else:
            field = self.fields["programme"]
            field.queryset = (  # type: ignore[attr-defined]
                programmes if programmes is not None else Programme.objects.none()
            )

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            "subject": data["subject"],
            "body": data["body"],
            "followers_only": data["followers_only"],
            "adherents_only": data["adherents_only"],
            "organisation_kinds": data["organisation_kinds"],
            "content_language": data["content_language"] or None,
        }
        if "programme" in self.fields:
            values["programme"] = data["programme"]
        return values
