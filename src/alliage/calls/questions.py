"""A call's own questions: the form field each kind asks with, and the answer it stores.

Answers are kept as JSON (text, a number, an ISO date, a list of choices) or, for a file
question, as a file beside the proposal; ``Answer.display`` reads them back as text.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.core.widgets import DatePicker

from .models import Answer, Question, QuestionKind

SHORT_MAX = 300
LONG_MAX = 5000


def form_field(question: Question) -> forms.Field:
    """The field a question is answered with, labelled in the reader's language. Never
    required here: a draft may be incomplete; ``SubmissionForm`` requires on sending."""
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help,
        "required": False,
    }
    kind = question.kind
    if kind == QuestionKind.SHORT:
        return forms.CharField(max_length=SHORT_MAX, **common)
    if kind == QuestionKind.LONG:
        return forms.CharField(
            max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.CHOICES:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(max_digits=15, decimal_places=4, **common)
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=DatePicker(), **common)
    # No "currently" link to the stored file: it is served with the proposal's permission
    # check only (the form says what was sent).
    return forms.FileField(widget=forms.FileInput, **common)


def to_value(question: Question, cleaned: Any) -> Any:
    """What the answer stores for a cleaned form value (None for an empty answer)."""
    if cleaned in (None, "", []):
        return None
    if isinstance(cleaned, Decimal):
        return int(cleaned) if cleaned == cleaned.to_integral_value() else float(cleaned)
    if isinstance(cleaned, dt.date):
        return cleaned.isoformat()
    if isinstance(cleaned, list):
        return [str(v) for v in cleaned]
    return str(cleaned)


def to_initial(answer: Answer) -> Any:
    """The form's initial value for a stored answer."""
    if answer.question.kind == QuestionKind.DATE and answer.value:
        try:
            return dt.date.fromisoformat(answer.value)
        except (TypeError, ValueError):
            return None
    if answer.question.kind == QuestionKind.FILE:
        return answer.file or None
    return answer.value


def check_value(question: Question, value: Any) -> Any:
    """Validate a value given to the service (by the form or the API); raises ValueError
    with a message for the reader."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind in (QuestionKind.SHORT, QuestionKind.LONG):
        text = str(value)
        limit = SHORT_MAX if kind == QuestionKind.SHORT else LONG_MAX
        if len(text) > limit:
            raise ValueError(_("%(limit)s characters at most.") % {"limit": limit})
        return text
    if kind == QuestionKind.CHOICE:
        if value not in question.choices:
            raise ValueError(_("Choose one of the choices offered."))
        return value
    if kind == QuestionKind.CHOICES:
        values = value if isinstance(value, list) else [value]
        if any(v not in question.choices for v in values):
            raise ValueError(_("Choose among the choices offered."))
        return values
    if kind == QuestionKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_("Enter a number."))
        return value
    if kind == QuestionKind.DATE:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError as bad:
            raise ValueError(_("Enter a valid date.")) from bad
        return str(value)
    raise ValueError(_("A file is sent as a file."))


def parse_choices(text: str) -> list[str]:
    """One choice a line, blank lines and repeats left out."""
    seen: list[str] = []
    for line in text.splitlines():
        choice = line.strip()[:200]
        if choice and choice not in seen:
            seen.append(choice)
    return seen
