from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation
from alliage.core.forms import ContentLanguageField
from alliage.core.text import OneLineField

from .models import ASKABLE_FIELDS, INDIVIDUALS, Call, Decision, QuestionKind, Submission
from .questions import form_field as question_field
from .questions import to_initial, to_value


class CallFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def filters(self) -> dict[str, str]:
        return {"q": self.cleaned_data["q"]} if self.is_valid() else {}


class SubmissionForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("In my own name"),
    )
    content_language = ContentLanguageField()

    class Meta:
        model = Submission
        fields = ("organisation", "title", "summary", "diagnostic", "impact", "partners_sought",
                  "attachment", "content_language")  # fmt: skip
        field_classes = {"title": OneLineField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "diagnostic": forms.Textarea(attrs={"rows": 6}),
            "impact": forms.Textarea(attrs={"rows": 3}),
            "partners_sought": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("In a few lines: what, for whom, with whom."),
            "diagnostic": _("The problem, the evidence, why now."),
            "impact": _("What will have changed, for whom, and by when."),
            "attachment": _("Optional: PDF, OpenDocument, Office, PNG or JPEG, 10 MB at most."),
        }

    def __init__(
        self,
        *args: Any,
        call: Call,
        organisations: Any,
        answers: dict[int, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if call.allowed_kinds and INDIVIDUALS not in call.allowed_kinds:
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
        # A call asks for some parts only; drafts may be incomplete: the service checks
        # completeness when the submission is sent, and the form marks beforehand what
        # sending needs (``required_to_send``), the service's refusal then landing on each.
        for name in ASKABLE_FIELDS:
            if name not in call.asks:
                del self.fields[name]
        for name, field in self.fields.items():
            if name != "organisation":
                field.required = False
        for name in call.parts_to_send:
            self.fields[name].required_to_send = True  # type: ignore[attr-defined]
        if "attachment" in self.fields:
            # Stored under a random name: the name given may be long (it is kept shortened).
            self.fields["attachment"].max_length = None
        # The call's own questions, after the parts every proposal has; a required one is
        # required to send the proposal (a draft may leave it empty).
        self.questions = list(call.questions.all())
        stored = answers or {}
        for question in self.questions:
            field = question_field(question)
            field.question = question  # type: ignore[attr-defined]
            field.required_to_send = question.required  # type: ignore[attr-defined]
            self.fields[question.field_name] = field
            if question.pk in stored:
                self.initial[question.field_name] = to_initial(stored[question.pk])
                field.sent = stored[question.pk].display  # type: ignore[attr-defined]

    def add_incomplete(self, fields: tuple[str, ...], message: str) -> None:
        """Sending refused (``services.Incomplete``): the summary above the form, and beside
        each empty part what it lacks; the text typed stays in the fields."""
        self.add_error(None, message)
        for name in fields:
            if name in self.fields:
                self.add_error(name, _("Fill this in to send the proposal."))

    def base_fields_bound(self) -> list[forms.BoundField]:
        names = {q.field_name for q in self.questions}
        return [self[name] for name in self.fields if name not in names]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[q.field_name] for q in self.questions]

    def answers(self) -> dict[int, Any]:
        """The answers typed, for ``services.submission_save`` (files apart)."""
        return {
            q.pk: to_value(q, self.cleaned_data.get(q.field_name))
            for q in self.questions
            if q.kind != QuestionKind.FILE
        }

    def answer_files(self) -> dict[int, Any]:
        return {
            q.pk: self.cleaned_data[q.field_name]
            for q in self.questions
            if q.kind == QuestionKind.FILE and self.cleaned_data.get(q.field_name)
        }


def scale_help(criterion: Any) -> str:
    """What a criterion's score means, said on the form in the page's language. Its guidance,
    written in the call's language, follows it apart (``field.guidance``) so that the template
    can mark that language (WCAG 3.1.2)."""
    return str(_("From 0 (weakest) to %(top)s (strongest).") % {"top": criterion.scale})


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the programme team"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            top = criterion.scale
            labels = {0: _("0 — weakest"), top: _("%(top)s — strongest") % {"top": top}}
            field = forms.TypedChoiceField(
                label=criterion.name,
                help_text=scale_help(criterion),
                choices=[
                    ("", _("Not scored yet")),
                    *((str(i), str(labels.get(i, i))) for i in range(top + 1)),
                ],
                coerce=int,
                empty_value=None,
                required=False,
            )
            field.required_to_send = True  # type: ignore[attr-defined]
            field.guidance = criterion.guidance  # type: ignore[attr-defined]
            self.fields[criterion.field_name] = field

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(c.field_name) for c in self.criteria}

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[c.field_name] for c in self.criteria]

    def add_incomplete(self, fields: tuple[str, ...], message: str) -> None:
        """Sending refused (``services.Incomplete``): the summary above the form, and beside
        each unscored criterion what it lacks."""
        self.add_error(None, message)
        for name in fields:
            if name in self.fields:
                self.add_error(name, _("Score this criterion to send your review."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_unreviewed = forms.BooleanField(
        label=_("I accept this proposal although nobody has reviewed it"), required=False
    )

    def __init__(self, *args: Any, unreviewed: bool = False, **kwargs: Any) -> None:
        """``unreviewed``: no review of the proposal is submitted; accepting it then needs
        the box ticked (the other outcomes do not)."""
        super().__init__(*args, **kwargs)
        self.unreviewed = unreviewed
        if not unreviewed:
            del self.fields["accept_unreviewed"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            self.unreviewed
            and cleaned.get("decision") == Decision.ACCEPTED
            and not cleaned.get("accept_unreviewed")
        ):
            self.add_error(
                "accept_unreviewed",
                _("Nobody has reviewed this proposal: tick the box to accept it all the same."),
            )
        return cleaned
