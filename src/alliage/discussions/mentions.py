"""Mentions in a comment: the picker writes ``@[Name](42)`` (42 is the person's number); when
the comment is saved, each mention of someone the author may mention becomes a link to their
page under their current name (the name typed cannot impersonate anyone), and the others
become plain text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.urls import reverse

from alliage.actors.models import Person
from alliage.core.markdown import render_markdown

MENTION = re.compile(r"@\[([^\]\n]{1,120})\]\((\d{1,12})\)")
MAX_MENTIONS = 20


def mentioned_ids(body: str) -> list[int]:
    """The numbers of the people mentioned, in order, each once, at most MAX_MENTIONS."""
    seen: dict[int, None] = {}
    for match in MENTION.finditer(body):
        seen.setdefault(int(match.group(2)), None)
    return list(seen)[:MAX_MENTIONS]


def forget(body: str, *, person_id: int) -> str:
    """``body`` with the mentions of one person reduced to the anonymous label (an erased
    account's name must not stay in what others wrote)."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Former participant")
    return MENTION.sub(lambda m: f"@{label}" if int(m.group(2)) == person_id else m.group(0), body)


def _escape(text: str) -> str:
    """A name as markdown text: its markup characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~])", r"\\\1", text)


def render(body: str, people: Iterable[Person]) -> str:
    """The comment's safe HTML, each mention of one of ``people`` a link to their page."""
    known = {person.pk: person for person in people}

    def replace(match: re.Match[str]) -> str:
        person = known.get(int(match.group(2)))
        if person is None:
            return "@" + _escape(match.group(1))
        url = reverse("actors:person-detail", kwargs={"pk": person.pk})
        return f"[@{_escape(person.full_name)}]({url})"

    return render_markdown(MENTION.sub(replace, body))
