"""``{% load calls_answers %}{% call_answers submission %}``: the answers to the call's own
questions, for any page that shows a proposal (the review page, the ranking's detail). The
page has already checked that its reader may see the proposal."""

from __future__ import annotations

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("calls/_answers.html")
def call_answers(submission: Any) -> dict[str, Any]:
    return {"submission": submission, "answers": selectors.answers_shown(submission=submission)}
