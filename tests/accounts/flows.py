"""Sign-up as a person does it: the form, then the link of the e-mail it sends."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client, TestCase


def sign_up_and_confirm(client: Client, data: dict[str, str], *, prefix: str = "/en") -> None:
    """Post the sign-up form as a committed request (its e-mail goes out), then follow the
    confirmation link, which logs ``client`` in."""
    sent = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"{prefix}/accounts/signup/", data)
    body = mail.outbox[sent].body
    link = re.search(r"http://[^/\s]+(/\S*accounts/signup/confirm/\S+)", body).group(1)
    client.post(link)
