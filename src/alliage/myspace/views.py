"""My space: what waits for me, then my coalitions, proposals, registrations and suggestions,
each contributed by its app through the ``ME_SECTIONS`` hook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliage.actors.selectors import person_for_user
from alliage.core.hooks import ME_SECTIONS, Slot, sections, sections_by_slot


@login_required
@require_GET
def my_space(request: HttpRequest) -> HttpResponse:
    # Reading a page never creates a person: a new account's sections say what to do first.
    person = person_for_user(user=request.user)
    by_slot = sections_by_slot(sections(ME_SECTIONS, request, person))
    return render(
        request,
        "myspace/home.html",
        {
            "person": person,
            "waiting": by_slot[Slot.WAITING],
            "main": by_slot[Slot.MAIN],
        },
    )
