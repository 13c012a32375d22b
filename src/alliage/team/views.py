"""The team's dashboard: the programme's pulse, one panel per app (``TEAM_PULSE`` hooks)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliage.coalitions.selectors import programmes_run_by
from alliage.core.hooks import TEAM_PULSE, sections
from alliage.core.http import require_perm


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "team.access_area"):
        return denied
    programmes = list(programmes_run_by(user=request.user))
    return render(
        request,
        "team/dashboard.html",
        {"programmes": programmes, "panels": sections(TEAM_PULSE, request, programmes)},
    )
