from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alliage.coalitions.models import Programme
from alliage.commons.models import Publication
from alliage.core.models import User

from ..conftest import fresh
from ..factories import PersonFactory, ProgrammeFactory, PublicationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
# The smallest sound PNG: 1 by 1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
CSV = "collectivite,equipement,parc\nRennes,portable,120\nBrest,écran,80\n".encode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    """Uploads and archives go to a temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def client_for(user: User | AnonymousUser) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


@dataclass
class Library:
    """A programme with its team, a published cahier, a draft with an author, a published
    dataset, and a user for every role that matters to the commons' permissions."""

    programme: Programme
    published: Publication
    draft: Publication
    dataset: Publication
    anonymous: AnonymousUser
    outsider: User
    author: User
    team: User
    other_team: User
    admin: User

    def user(self, role: str) -> User | AnonymousUser:
        return fresh(getattr(self, role))


@pytest.fixture
def library(db: None) -> Library:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    other_team = PersonFactory().user
    ProgrammeFactory().team.add(other_team)
    author = PersonFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    PersonFactory(user=admin)
    draft = PublicationFactory(programme=programme, status="draft", published_on=None)
    draft.author_people.add(author)
    return Library(
        programme=programme,
        published=PublicationFactory(programme=programme, title="Cahier publié"),
        draft=draft,
        dataset=PublicationFactory(programme=programme, kind="dataset", title="Jeu de données"),
        anonymous=AnonymousUser(),
        outsider=PersonFactory().user,
        author=author.user,
        team=team,
        other_team=other_team,
        admin=admin,
    )


@pytest.fixture
def as_team(library: Library) -> Callable[[], Client]:
    return lambda: client_for(library.team)
