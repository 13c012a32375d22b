"""The team's forms for setting up a call: its settings and dates, a question, a criterion,
a duplicate. They only read input; the services decide and check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import OrganisationKind
from alliage.core.forms import ContentLanguageField, language_kept
from alliage.core.text import OneLineField

from .models import ASKABLE_FIELDS, INDIVIDUALS, CallKind, CallVisibility, QuestionKind
from .questions import parse_choices
from .rubrics import RUBRICS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _when(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


def eligibility_choices() -> list[tuple[str, Any]]:
    return [*OrganisationKind.choices, (INDIVIDUALS, _("People in their own name"))]


ASK_LABELS = {
    "diagnostic": _("Diagnostic"),
    "impact": _("Targeted impact"),
    "partners_sought": _("Partners sought"),
    "attachment": _("Attachment"),
}


class CallDatesMixin(forms.Form):
    opens_at = _when(_("Opens at"))
    closes_at = _when(_("Closes at"))
    review_due_at = _when(
        _("Reviews due"), required=False, help_text=_("After the closing; reviewers see it.")
    )
    decisions_expected_at = _when(
        _("Decisions expected"),
        required=False,
        help_text=_("After the reviews; announced to those who answer."),
    )


class CallForm(CallDatesMixin, forms.Form):
    """A call's settings: what it is, for whom, when, and what every proposal contains."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    title = OneLineField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the call is for; Markdown is accepted."),
    )
    allowed_kinds = forms.MultipleChoiceField(
        label=_("Who may answer"),
        choices=eligibility_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every kind of organisation the call is open to."),
        error_messages={
            "required": _("Tick at least one: every box ticked opens the call to everyone.")
        },
    )
    eligibility = forms.CharField(
        label=_("Other eligibility conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    asks = forms.MultipleChoiceField(
        label=_("Parts every proposal contains, beside its title and summary"),
        choices=[(name, ASK_LABELS[name]) for name in ASKABLE_FIELDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=CallVisibility.choices)
    reviewers_per_submission = forms.IntegerField(
        label=_("Reviewers per proposal"), min_value=1, max_value=20, initial=2
    )
    idea_stage = forms.ModelChoiceField(
        label=_("Idea stage"),
        queryset=None,
        required=False,
        empty_label=_("None: a call on its own"),
        help_text=_("The call for ideas whose retained proposals are invited to answer this one."),
    )
    template = forms.ChoiceField(label=_("Start the rubric from"), required=False)
    content_language = ContentLanguageField()
    field_order = (
        "programme", "title", "kind", "description", "content_language", "allowed_kinds",
        "eligibility", "asks",
        "opens_at", "closes_at", "review_due_at", "decisions_expected_at", "visibility",
        "reviewers_per_submission", "idea_stage", "template",
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        programmes: Any,
        creating: bool,
        idea_stages: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        if idea_stages is None:
            del self.fields["idea_stage"]
        else:
            self.fields["idea_stage"].queryset = idea_stages
        if creating:
            self.fields["allowed_kinds"].initial = [c for c, _l in eligibility_choices()]
            self.fields["template"].choices = [
                ("", _("An empty rubric")),
                *((key, label) for key, (label, _items) in RUBRICS.items()),
            ]
        else:
            del self.fields["template"]

    @staticmethod
    def initial_for(call: Any) -> dict[str, Any]:
        initial = {name: getattr(call, name) for name in (
            "programme", "title", "kind", "description", "eligibility", "asks", "visibility",
            "reviewers_per_submission", "opens_at", "closes_at", "review_due_at",
            "decisions_expected_at", "idea_stage", "content_language",
        )}  # fmt: skip
        initial["allowed_kinds"] = call.allowed_kinds or [c for c, _l in eligibility_choices()]
        return initial

    def settings(self) -> dict[str, Any]:
        """The cleaned settings, as ``services.call_create`` and ``call_update`` take them:
        every box ticked is stored as no restriction at all."""
        data = language_kept({k: v for k, v in self.cleaned_data.items() if k != "template"})
        everyone = {c for c, _l in eligibility_choices()}
        data["allowed_kinds"] = (
            [] if set(data["allowed_kinds"]) >= everyone else list(data["allowed_kinds"])
        )
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    label_fr = forms.CharField(label=_("Question in French"), max_length=300)
    label_en = forms.CharField(
        label=_("Question in English"),
        max_length=300,
        required=False,
        help_text=_("Empty: English readers see the French."),
    )
    help_fr = forms.CharField(label=_("Help text in French"), max_length=500, required=False)
    help_en = forms.CharField(label=_("Help text in English"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Choices, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the choice kinds only."),
    )

    @staticmethod
    def initial_for(question: Any) -> dict[str, Any]:
        return {
            "kind": question.kind,
            "label_fr": question.label_fr,
            "label_en": question.label_en,
            "help_fr": question.help_fr,
            "help_en": question.help_en,
            "required": question.required,
            "choices": "\n".join(question.choices),
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = parse_choices(data.get("choices") or "")
        return data


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    guidance = forms.CharField(
        label=_("Guidance for reviewers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    scale = forms.IntegerField(label=_("Scored from 0 to"), min_value=1, max_value=20, initial=5)


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Add the criteria of a template"),
        choices=lambda: [(key, label) for key, (label, _items) in RUBRICS.items()],
    )


class DuplicateForm(CallDatesMixin, forms.Form):
    title = OneLineField(label=_("Title of the new call"), max_length=200)
    field_order = ("title", "opens_at", "closes_at", "review_due_at", "decisions_expected_at")


class ReviewerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a person by name or e-mail"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, search_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Search as one types (htmx); without JS, the form's button does the same.
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": search_url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#picker-results",
                "aria-controls": "picker-results",
            }
        )
