from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core.forms import ContentLanguageField, language_kept
from alliage.core.text import OneLineField, folded
from alliage.core.uploads import validate_document
from alliage.core.widgets import CheckboxList, DatePicker

from .licences import LICENCE_CHOICES
from .models import Publication, PublicationFile, PublicationKind, Reuse, ReuseStatus
from .services import RESERVED_SLUGS
from .uploads import validate_cover, validate_resource

DATE = DatePicker()


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    licence = forms.ChoiceField(label=_("Licence"), required=False)

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(PublicationKind.choices)
        self.fields["programme"].choices = everything + [(p.slug, p.name) for p in programmes]
        self.fields["licence"].choices = everything + LICENCE_CHOICES

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class PublicationForm(forms.ModelForm):
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("Optional: PNG or JPEG, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)
    content_language = ContentLanguageField()
    # "Save anyway with the same title": the template shows it as a checkbox, only when other
    # publications have the title, whose value is the title it was shown for.
    same_title = forms.CharField(required=False, max_length=200)

    class Meta:
        model = Publication
        fields = ("kind", "title", "slug", "summary", "body", "programme", "coalitions",
                  "author_organisations", "author_people", "published_on", "licence", "status",
                  "cover_alt", "temporal_start", "temporal_end", "spatial",
                  "content_language")  # fmt: skip
        field_classes = {"title": OneLineField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "coalitions": CheckboxList,
            "author_organisations": CheckboxList,
            "author_people": CheckboxList,
            "published_on": DATE,
            "temporal_start": DATE,
            "temporal_end": DATE,
        }
        help_texts = {
            "slug": _("The end of the page's address; leave empty to make it from the title."),
            "author_people": _("Authors also see the publication while it is a draft."),
        }

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[Programme],
        programme_required: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["programme"].queryset = programmes
        self.fields["programme"].required = programme_required
        self.fields["coalitions"].queryset = Coalition.objects.order_by("title").only("pk", "title")
        self.fields["author_organisations"].queryset = Organisation.objects.order_by("name").only(
            "pk", "name"
        )
        self.fields["author_people"].queryset = Person.objects.order_by(
            "last_name", "first_name"
        ).only("pk", "first_name", "last_name")

    def _get_validation_exclusions(self) -> set[str]:
        # The service dates a publication the day it is published: leave that rule to it.
        return {*super()._get_validation_exclusions(), "published_on"}

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This address is reserved: choose another one."))
        return slug

    def clean_cover(self) -> Any:
        cover = self.cleaned_data.get("cover")
        if cover:
            validate_cover(cover)
        return cover

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_cover = bool(data.get("cover")) or (
            bool(self.instance.cover) and not data.get("remove_cover")
        )
        if has_cover and not (data.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Describe the image for people who cannot see it."))
        return data

    def title_to_check(self) -> str:
        """The title sent, if the view must look for other publications with it: not when it
        is the title the publication already had (case and accents aside)."""
        title = getattr(self, "cleaned_data", {}).get("title") or ""
        if folded(title) == folded(self.initial.get("title") or ""):
            return ""
        return title

    def same_title_confirmed(self) -> bool:
        """The person ticked "save anyway" for the title they send now (ticked for a title
        since changed, it does not count)."""
        data = getattr(self, "cleaned_data", {})
        confirmed = folded(data.get("same_title") or "")
        return bool(confirmed) and confirmed == folded(data.get("title") or "")

    def publication_fields(self) -> dict[str, Any]:
        relations = ("coalitions", "author_organisations", "author_people")
        return language_kept(
            {name: self.cleaned_data[name] for name in self.Meta.fields if name not in relations}
        )


class PublicationFileForm(forms.Form):
    replaces = forms.ModelChoiceField(
        label=_("New version of"),
        queryset=PublicationFile.objects.none(),
        required=False,
        empty_label=_("— none: a new file —"),
    )
    label = forms.CharField(
        label=_("Name of a new file"),
        max_length=200,
        required=False,
        help_text=_("For example “Full cahier (PDF)”. Ignored for a new version."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, OpenDocument, Office, PNG or JPEG, 10 MB at most."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args: Any, publication: Publication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {}
        for f in publication.files.order_by("label", "-version"):
            current.setdefault(f.label, f.pk)
        self.fields["replaces"].queryset = PublicationFile.objects.filter(pk__in=current.values())
        self.fields["replaces"].label_from_instance = lambda f: f"{f.label} (v{f.version})"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_document(upload)
        return upload


class ResourceForm(forms.Form):
    title = OneLineField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("CSV, TSV, JSON, GeoJSON, or a document; 25 MB at most."),
    )
    url = forms.URLField(
        label=_("Or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Data hosted elsewhere, for example an API."),
    )
    file_format = forms.CharField(
        label=_("Format of the link"),
        max_length=20,
        required=False,
        help_text=_("For example CSV, JSON, API. Read from the content for a file."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            validate_resource(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = bool(data.get("file")) or "file" in self.errors
        if has_file == bool(data.get("url")):
            raise ValidationError(_("Send a file or give a link (one of the two)."))
        return data


class ReuseForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The address where people can see your reuse."),
    )

    class Meta:
        model = Reuse
        fields = ("title", "url", "kind", "description")
        field_classes = {"title": OneLineField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _("What you made, for whom, and how it uses the publication."),
        }


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReuseStatus.PUBLISHED, _("Publish")),
            (ReuseStatus.REFUSED, _("Refuse")),
        ],
    )
    note = forms.CharField(label=_("Message to the person"), max_length=300, required=False)
