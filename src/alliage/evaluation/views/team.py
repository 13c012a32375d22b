"""The team's list of indicators needing attention (/team/indicators/): late, or not measured
for 90 days, in the programmes the team runs."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from alliage.coalitions.selectors import programmes_run_by
from alliage.core.http import render_list, require_perm

from .. import selectors


class AttentionFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=(
            ("", _("Late or not measured")),
            ("late", _("Late")),
            ("stale", _("Not measured for 90 days")),
        ),
    )

    def __init__(self, *args: object, programmes: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All"))] + [(p.slug, p.name) for p in programmes]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


@require_GET
def attention_list(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = list(programmes_run_by(user=request.user))
    form = AttentionFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    chosen = [p for p in programmes if p.slug == filters.get("programme", p.slug)]
    indicators = selectors.indicators_needing_attention(
        programmes=chosen, state=filters.get("state", "")
    )
    return render_list(
        request,
        "evaluation/team/attention_list.html",
        {
            "form": form,
            "indicators": indicators,
            "filtered": bool(filters),
            "stale_days": selectors.STALE_DAYS,
        },
    )
