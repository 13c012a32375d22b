from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Programme

from .models import EventKind


class AgendaFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=(("upcoming", _("Upcoming")), ("past", _("Past"))),
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All")), *((p.slug, p.name) for p in programmes)]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"when": "upcoming"}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        data.setdefault("when", "upcoming")
        return data
