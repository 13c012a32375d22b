"""Background work of accounts: the e-mails of a sign-up, in the recipient's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from alliage.core.text import one_line
from alliage.workers.services import effect_once

if TYPE_CHECKING:
    from alliage.core.models import User


def _send(*, user: User, template: str, context: dict[str, Any]) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        base = settings.ALLIAGE_BASE_URL.rstrip("/")
        context = {
            **context,
            "login_url": base + reverse("login"),
            "reset_url": base + reverse("password_reset"),
            "link": base + reverse(context["link_name"], kwargs=context.get("link_kwargs", {}))
            if "link_name" in context
            else "",
        }
        subject = one_line(render_to_string(f"accounts/email/{template}_subject.txt", context))
        body = render_to_string(f"accounts/email/{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[user.email])
    # Once per task run, even if the task is taken again after its worker died.
    effect_once(f"mail:{template}:{user.email}", message.send)


@task()
def signup_confirmation_send(*, user_id: int, language: str = "fr") -> bool:
    """The link that confirms a signed-up address (made now: it is bound to the account's
    current password, so only the latest sign-up's link works)."""
    from alliage.core.models import User

    from .tokens import confirmation_tokens

    user = User.objects.filter(pk=user_id, email_confirmed=False, is_active=True).first()
    if user is None:
        return False
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": confirmation_tokens.make_token(user),
    }
    _send(
        user=user,
        template="signup_confirm",
        context={"link_name": "signup-confirm", "link_kwargs": kwargs},
    )
    return True


@task()
def signup_existing_notify(*, user_id: int, language: str = "fr") -> bool:
    """Tell an account's owner that someone tried to sign up with their address."""
    from alliage.core.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.is_erased:
        return False
    _send(user=user, template="signup_existing", context={})
    return True
