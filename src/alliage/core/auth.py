"""The account backend: Django's, with model permissions for staff only.

Every permission of the site is a rule (each app's ``rules.py``); Django's model permissions
(given through groups) only open the administration's pages, which only staff may enter. Django's
``ModelBackend`` asks the database for a person's model permissions the first time a page checks
a rule that person does not pass (two queries); for someone who is not staff, the answer can only
be "none", so it is given without asking. Staff and superusers keep Django's behaviour.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

PATH = "alliage.core.auth.ModelBackend"


class ModelBackend(DjangoModelBackend):
    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not (getattr(user_obj, "is_staff", False) or getattr(user_obj, "is_superuser", False)):
            return set()
        return super()._get_permissions(user_obj, obj, from_name)
