"""One copy of a newsletter for one person, in their language: the text as written, its
HTML rendered from markdown, and the one-click unsubscribe link and headers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from alliage.core.markdown import render_markdown

from .models import Newsletter
from .tokens import absolute, unsubscribe_headers, unsubscribe_url

if TYPE_CHECKING:
    from alliage.core.models import User


def newsletter_message(
    *, newsletter: Newsletter, user: User, test: bool = False
) -> EmailMultiAlternatives:
    """The e-mail of ``newsletter`` for ``user``; a test copy has its subject marked."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = newsletter.subject
        if test:
            subject = _("[Test] %(subject)s") % {"subject": subject}
        url = unsubscribe_url(user_id=user.pk, newsletter_id=newsletter.pk)
        context = {
            "newsletter": newsletter,
            "programme": newsletter.programme,
            "body_html": render_markdown(newsletter.body),
            "unsubscribe_url": url,
            "archive_url": absolute(newsletter.get_absolute_url()),
            "test": test,
        }
        text = render_to_string("newsletters/email/newsletter.txt", context)
        html = render_to_string("newsletters/email/newsletter.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[user.email], headers=unsubscribe_headers(url=url)
    )
    message.attach_alternative(html, "text/html")
    return message
