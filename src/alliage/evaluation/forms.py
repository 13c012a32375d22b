from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.core.widgets import DatePicker

from .models import Indicator
from .questionnaire import Grid


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = (
            "name",
            "description",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "is_public",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DatePicker(),
            "target_date": DatePicker(),
        }

    def _post_clean(self) -> None:
        # The service checks the indicator as a whole and says which field is wrong.
        pass


class MeasurementForm(forms.Form):
    value = forms.CharField(
        label=_("Value"),
        max_length=60,
        help_text=_("A number, in the indicator's unit."),
    )
    measured_on = forms.DateField(label=_("Date of the measurement"), widget=DatePicker())
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the value comes from: a survey, a meter, a report…"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, unit: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit:
            self.fields["value"].help_text = _("A number, in %(unit)s.") % {"unit": unit}
        self.fields["measured_on"].initial = timezone.localdate()


class AssessmentForm(forms.Form):
    """The questionnaire version's questions as fields, step by step."""

    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DatePicker())
    is_public = forms.BooleanField(
        label=_("Show this assessment on the public impact report"), required=False
    )

    def __init__(self, *args: Any, grid: Grid, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.fields["assessed_on"].initial = timezone.localdate()
        scale = [("", "—"), *((str(v), f"{v} — {label}") for v, label in grid.scale_labels)]
        for question in grid.questions():
            if question.type == "scale":
                self.fields[question.key] = forms.TypedChoiceField(
                    label=question.label,
                    choices=scale,
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
            else:
                self.fields[question.key] = forms.CharField(
                    label=question.label,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def steps(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (title, help_text, [self[q.key] for q in questions])
            for _key, title, help_text, questions in self.grid.steps()
        ]

    def answers(self) -> dict[str, Any]:
        return {q.key: self.cleaned_data.get(q.key) for q in self.grid.questions()}
