"""The test client as a given person sees the site."""

from __future__ import annotations

from django.test import Client


def client_for(user) -> Client:
    """A client signed in as ``user`` (no log-in request); signed out for None or anonymous."""
    client = Client()
    if user is not None and user.is_authenticated:
        client.force_login(user)
    return client
