"""The purposes a person may consent to, with the versioned text they agree to.

A text's ``version`` grows whenever its meaning changes; every receipt keeps the version and
the words shown. ``flag`` names the Person flag that mirrors the consent, read by the directory
(is_listed), the contact form (is_contactable) and the matching engine (is_suggestable)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .models import Purpose

# The text of the receipts made from the profile's former checkboxes (version 0).
INITIAL_TEXT = gettext_noop(
    "Carried over from the choice on your profile, made before consents had their own page."
)


@dataclass(frozen=True)
class PurposeText:
    code: str
    version: int
    title: Promise
    text: Promise
    flag: str | None


PURPOSES: tuple[PurposeText, ...] = (
    PurposeText(
        code=Purpose.DIRECTORY,
        version=1,
        title=Purpose.DIRECTORY.label,
        text=_(
            "Your name, and the profile fields you show to everyone, appear in the directory "
            "of actors, which anyone can browse and search. If you withdraw, you leave the "
            "directory at once and your profile page is no longer shown to others."
        ),
        flag="is_listed",
    ),
    PurposeText(
        code=Purpose.CONTACT,
        version=1,
        title=Purpose.CONTACT.label,
        text=_(
            "Signed-in actors may write to you through a form on your profile. Alliage "
            "e-mails you their message with their address to reply to: your own address stays "
            "hidden unless you answer. Each sender may write a few messages a day at most."
        ),
        flag="is_contactable",
    ),
    PurposeText(
        code=Purpose.MATCHING,
        version=1,
        title=Purpose.MATCHING.label,
        text=_(
            "Alliage's matching engine may suggest you to coalitions and actors looking for "
            "what your intentions, capabilities and tags say. If you withdraw, it stops "
            "suggesting you at once."
        ),
        flag="is_suggestable",
    ),
    PurposeText(
        code=Purpose.NEWSLETTER,
        version=1,
        title=Purpose.NEWSLETTER.label,
        text=_(
            "The programme team may send you its newsletter by e-mail, about once a month: "
            "events, calls and what the coalitions achieve. Every issue has a link to stop."
        ),
        flag=None,
    ),
)

BY_CODE = {p.code: p for p in PURPOSES}
