from __future__ import annotations

import re
from typing import Any

from django import forms
from django.forms import formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, OrganisationKind
from alliage.core.forms import ContentLanguageField, errors_hidden, language_kept
from alliage.core.text import OneLineField
from alliage.core.widgets import DatePicker

from .models import (
    CANVAS_SHORT_TEXT_MAX,
    Coalition,
    CoalitionStatus,
    MemberRole,
    MilestoneStatus,
    Programme,
)
from .services import CANVAS_FIELDS, PROGRAMME_FIELDS, MilestoneData

TEXTAREA_SHORT = forms.Textarea(attrs={"rows": 6})
TEXTAREA_LONG = forms.Textarea(attrs={"rows": 10})


class CoalitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Actor kind present"), required=False)

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["programme"].choices = everything + [(p.slug, p.name) for p in programmes]
        self.fields["status"].choices = everything + list(CoalitionStatus.choices)
        self.fields["kind"].choices = everything + list(OrganisationKind.choices)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class CanvasTextField(forms.CharField):
    """A canvas text with its line breaks as the page counted them: a browser's ``maxlength``
    counts one character per line break but sends two (CR LF), so a text the page accepted
    would otherwise be refused as too long."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


CANVAS_TEXTS = tuple(
    name
    for name in CANVAS_FIELDS
    if Coalition._meta.get_field(name).get_internal_type() == "TextField"
)


class CanvasForm(forms.ModelForm):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content_language = ContentLanguageField()

    class Meta:
        model = Coalition
        fields = CANVAS_FIELDS
        field_classes = {**dict.fromkeys(CANVAS_TEXTS, CanvasTextField), "title": OneLineField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "diagnostic": TEXTAREA_LONG,
            "swot_strengths": TEXTAREA_SHORT,
            "swot_weaknesses": TEXTAREA_SHORT,
            "swot_opportunities": TEXTAREA_SHORT,
            "swot_threats": TEXTAREA_SHORT,
            "impact_statement": TEXTAREA_SHORT,
            "target_date": DatePicker(),
            "levers": TEXTAREA_LONG,
            "seeking": TEXTAREA_SHORT,
            "evaluation": TEXTAREA_LONG,
            "members_notes": TEXTAREA_SHORT,
        }
        help_texts = {
            "diagnostic": _("The problem, the evidence, why now. Markdown is accepted."),
            "impact_statement": _("Strong but reachable: what will have changed, and for whom."),
            "levers": _("The levers you will pull, one per line. Markdown is accepted."),
            "members_notes": _("Seen only by the coalition's members and the programme team."),
        }

    def canvas_data(self) -> dict[str, Any]:
        """The canvas as posted; a form posted without the language keeps the coalition's."""
        return language_kept({name: self.cleaned_data[name] for name in self.Meta.fields})


class MilestoneForm(forms.Form):
    title = OneLineField(label=_("Milestone"), max_length=200, required=False)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DatePicker(),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MilestoneStatus.choices, initial=MilestoneStatus.PLANNED
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("title") and data.get("due_date") and not data.get("DELETE"):
            self.add_error("title", _("Give this milestone a title, or clear its date."))
        return data


MilestoneFormSet = formset_factory(
    MilestoneForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


MILESTONES_PREFIX = "milestones"
_MILESTONE_ROW = re.compile(rf"^{MILESTONES_PREFIX}-(\d+)-(title|due_date|status|DELETE)$")
_MILESTONE_MANAGEMENT = {
    f"{MILESTONES_PREFIX}-{name}"
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
}


def canvas_draft_data(post: QueryDict) -> dict[str, str]:
    """The canvas editor's fields as posted, by name, to keep as a draft: the canvas form's
    and its milestones' rows (as many as the path may hold), nothing else."""
    names = set(CanvasForm.base_fields) - {"base_revision"}

    def kept(name: str) -> bool:
        if name in names or name in _MILESTONE_MANAGEMENT:
            return True
        row = _MILESTONE_ROW.match(name)
        return row is not None and int(row[1]) < MilestoneFormSet.max_num

    return {name: post[name] for name in post if kept(name)}


def canvas_editor_from_draft(
    coalition: Coalition,
    data: dict[str, str],
    base_revision: int,
    milestones_initial: list[dict[str, Any]],
) -> tuple[CanvasForm, Any]:
    """The editor with a draft put back as it was typed, nothing flagged yet (it is no attempt
    to save); ``base_revision`` keeps the revision the draft started from, so that saving
    still refuses to overwrite a newer save. A draft whose milestones cannot be read shows
    the stored path (``milestones_initial``)."""
    posted = QueryDict(mutable=True)
    posted.update(data)
    posted["base_revision"] = str(base_revision)
    form = CanvasForm(posted, instance=coalition)
    formset = MilestoneFormSet(posted, prefix=MILESTONES_PREFIX)
    if not formset.management_form.is_valid():
        formset = MilestoneFormSet(initial=milestones_initial, prefix=MILESTONES_PREFIX)
    errors_hidden(form, formset)
    return form, formset


def milestones_from(formset: Any) -> list[MilestoneData]:
    return [
        MilestoneData(title=f["title"], due_date=f["due_date"], status=f["status"])
        for f in (form.cleaned_data for form in formset.forms)
        if f and f.get("title") and not f.get("DELETE")
    ]


class JoinRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("In my own name"),
    )
    message = forms.CharField(
        label=_("Message to the leads"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would bring, or why you want to join."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(("accept", _("Accept")), ("decline", _("Decline"))))
    role = forms.ChoiceField(choices=MemberRole.choices, initial=MemberRole.MEMBER, required=False)


class ProposeForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.filter(archived_at__isnull=True)
    )
    title = OneLineField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    impact_statement = CanvasTextField(
        label=_("Targeted impact"),
        required=False,
        max_length=CANVAS_SHORT_TEXT_MAX,
        widget=TEXTAREA_SHORT,
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("In my own name"),
    )
    content_language = ContentLanguageField()

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


DATE = DatePicker()


class ProgrammeForm(forms.ModelForm):
    """A programme as its team writes it; its address (slug) is set once, from the name."""

    content_language = ContentLanguageField()

    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        field_classes = {"name": OneLineField, "tagline": OneLineField}
        widgets = {
            "description": TEXTAREA_LONG,
            "starts_on": DATE,
            "ends_on": DATE,
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=(("up", _("Up")), ("down", _("Down"))))


class ArchiveForm(forms.Form):
    archive = forms.BooleanField(required=False)


class TeamRequestFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    older_than = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=0,
        choices=(("", _("Any time")), ("7", _("More than 7 days")), ("30", _("More than 30 days"))),
    )

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All"))] + [(p.slug, p.name) for p in programmes]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
