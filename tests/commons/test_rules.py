"""The commons' permission table: each role against each permission, then against the real
views, on a published publication and on a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..factories import ReuseFactory
from .conftest import Library, client_for

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "author", "team", "other_team", "admin")
T, F = True, False

# permission -> role -> (on the published cahier, on the draft)
TABLE = {
    "see_publication": {
        "anonymous": (T, F), "outsider": (T, F), "author": (T, T), "team": (T, T),
        "other_team": (T, F), "admin": (T, T),
    },
    "edit_publication": {
        "anonymous": (F, F), "outsider": (F, F), "author": (F, F), "team": (T, T),
        "other_team": (F, F), "admin": (T, T),
    },
    "declare_reuse": {  # superusers pass every rule: the view and the service refuse drafts
        "anonymous": (F, F), "outsider": (T, F), "author": (T, F), "team": (T, F),
        "other_team": (T, F), "admin": (T, T),
    },
    "moderate_reuse": {
        "anonymous": (F, F), "outsider": (F, F), "author": (F, F), "team": (T, T),
        "other_team": (F, F), "admin": (T, T),
    },
}  # fmt: skip
# permissions without an object -> role -> allowed
GLOBAL = {
    "create_publication": {"anonymous": F, "outsider": F, "author": F, "team": T,
                           "other_team": T, "admin": T},
    "open_moderation": {"anonymous": F, "outsider": F, "author": F, "team": T,
                        "other_team": T, "admin": T},
    "build_opendata": {"anonymous": F, "outsider": F, "author": F, "team": T,
                       "other_team": T, "admin": T},
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_permission_table(library: Library, role: str) -> None:
    user = library.user(role)
    published = type(library.published).objects.get(pk=library.published.pk)
    draft = type(library.draft).objects.get(pk=library.draft.pk)
    actual = {
        perm: (user.has_perm(f"commons.{perm}", published), user.has_perm(f"commons.{perm}", draft))
        for perm in TABLE
    }
    assert actual == {perm: TABLE[perm][role] for perm in TABLE}
    assert {perm: user.has_perm(f"commons.{perm}") for perm in GLOBAL} == {
        perm: GLOBAL[perm][role] for perm in GLOBAL
    }


def test_a_reuse_is_seen_by_everyone_once_published_and_by_its_declarer_before(
    library: Library,
) -> None:
    pending = ReuseFactory(publication=library.published)
    published = ReuseFactory(publication=library.published, status="published")
    declarer = pending.declared_by.user
    for user, expected in (
        (library.user("anonymous"), (F, T)),
        (declarer, (T, T)),
        (library.user("team"), (T, T)),
        (library.user("other_team"), (F, T)),
    ):
        assert (
            user.has_perm("commons.see_reuse", pending),
            user.has_perm("commons.see_reuse", published),
        ) == expected


# page -> role -> status code (on the published cahier, on the draft); 302 goes to log in
VIEWS = {
    "publication-detail": {
        "anonymous": (200, 404), "outsider": (200, 404), "author": (200, 200),
        "team": (200, 200), "other_team": (200, 404), "admin": (200, 200),
    },
    "publication-edit": {
        "anonymous": (302, 404), "outsider": (403, 404), "author": (403, 403),
        "team": (200, 200), "other_team": (403, 404), "admin": (200, 200),
    },
    "publication-files": {
        "anonymous": (302, 404), "outsider": (403, 404), "author": (403, 403),
        "team": (200, 200), "other_team": (403, 404), "admin": (200, 200),
    },
    "reuse-declare": {
        "anonymous": (302, 404), "outsider": (200, 404), "author": (200, 404),
        "team": (200, 404), "other_team": (200, 404), "admin": (200, 404),
    },
}  # fmt: skip
GLOBAL_VIEWS = {
    "commons:library": {"anonymous": 200, "outsider": 200, "author": 200, "team": 200,
                        "other_team": 200, "admin": 200},
    "commons:publication-create": {"anonymous": 302, "outsider": 403, "author": 403,
                                   "team": 200, "other_team": 200, "admin": 200},
    "commons:moderation": {"anonymous": 302, "outsider": 403, "author": 403, "team": 200,
                           "other_team": 200, "admin": 200},
    "commons:opendata": {"anonymous": 200, "outsider": 200, "author": 200, "team": 200,
                         "other_team": 200, "admin": 200},
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_views_follow_the_permission_table(library: Library, role: str) -> None:
    client = client_for(library.user(role))
    actual = {
        view: tuple(
            client.get(reverse(f"commons:{view}", args=[p.slug])).status_code
            for p in (library.published, library.draft)
        )
        for view in VIEWS
    }
    assert actual == {view: VIEWS[view][role] for view in VIEWS}
    assert {view: client.get(reverse(view)).status_code for view in GLOBAL_VIEWS} == {
        view: GLOBAL_VIEWS[view][role] for view in GLOBAL_VIEWS
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("other_team", 403), ("team", 302), ("admin", 302)],
)
def test_only_the_programme_team_moderates_a_reuse(library: Library, role: str, status: int):
    reuse = ReuseFactory(publication=library.published)
    response = client_for(library.user(role)).post(
        reverse("commons:reuse-moderate", args=[reuse.pk]), {"decision": "published"}
    )
    assert response.status_code == status
    reuse.refresh_from_db()
    assert (reuse.status == "published") == (role in ("team", "admin"))


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("outsider", 403), ("team", 302)])
def test_only_a_team_asks_for_a_fresh_archive(library: Library, role: str, status: int) -> None:
    response = client_for(library.user(role)).post(reverse("commons:opendata-build"))
    assert response.status_code == status


def test_checks_without_an_object_refuse_rather_than_fail(library: Library) -> None:
    """The administration site asks "may view publications?" with no object."""
    for perm in TABLE:
        assert not library.user("team").has_perm(f"commons.{perm}")
    assert library.user("admin").has_perm("commons.see_publication")
    admin = client_for(library.user("admin"))
    for url in ("/admin/commons/publication/", "/admin/commons/reuse/",
                f"/admin/commons/publication/{library.dataset.pk}/change/"):  # fmt: skip
        assert admin.get(url).status_code == 200


def test_the_moderator_can_open_the_declared_reuse_address(library: Library) -> None:
    reuse = ReuseFactory(publication=library.published)
    body = client_for(library.user("team")).get("/library/reuses/").content.decode()
    assert f'<a href="{reuse.url}" rel="nofollow noopener noreferrer" target="_blank">' in body
