"""Pages cached for visitors who are not signed in: served again without a query, and never
once what they show has changed, whichever way the rows changed."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection, transaction
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from alliage.coalitions import services as coalition_services
from alliage.coalitions.models import Coalition, MemberRole
from alliage.core import pagecache
from alliage.core.models import User

from ..factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    EventFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, **headers: str) -> tuple[HttpResponse, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def test_a_page_is_served_again_without_a_query() -> None:
    coalition = CoalitionFactory(title="Sobriété des serveurs")
    first, queries = get(Client(), "/coalitions/")
    assert first["X-Page-Cache"] == "miss" and queries > 0
    second, queries = get(Client(), "/coalitions/")
    assert second["X-Page-Cache"] == "hit" and queries == 0
    assert second.content == first.content and coalition.title in second.content.decode()
    assert "Cookie" in second["Vary"] and second["Content-Type"].startswith("text/html")


def test_a_change_through_a_service_shows_at_once() -> None:
    coalition = CoalitionFactory(title="Titre avant")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    url = f"/coalitions/{coalition.slug}/"
    assert "Titre avant" in get(Client(), url)[0].content.decode()
    assert get(Client(), url)[0]["X-Page-Cache"] == "hit"
    coalition_services.coalition_update_canvas(
        coalition=coalition, by=lead, data={"diagnostic": "Un diagnostic tout neuf"}
    )
    page, queries = get(Client(), url)
    assert page["X-Page-Cache"] == "miss" and queries > 0
    assert "Un diagnostic tout neuf" in page.content.decode()


def test_a_bulk_update_without_signals_shows_at_once() -> None:
    coalition = CoalitionFactory(title="Avant la mise à jour")
    assert "Avant la mise à jour" in get(Client(), "/coalitions/")[0].content.decode()
    Coalition.objects.filter(pk=coalition.pk).update(title="Après la mise à jour")
    page = get(Client(), "/coalitions/")[0].content.decode()
    assert "Après la mise à jour" in page and "Avant la mise à jour" not in page


def test_a_page_that_reads_another_domain_changes_with_it() -> None:
    """The coalition page shows sections of other apps (here the agenda's events)."""
    coalition = CoalitionFactory()
    url = f"/coalitions/{coalition.slug}/"
    get(Client(), url)
    assert get(Client(), url)[0]["X-Page-Cache"] == "hit"
    EventFactory(coalition=coalition, programme=coalition.programme, title="Atelier de mars")
    page = get(Client(), url)[0]
    assert page["X-Page-Cache"] == "miss"


def test_a_write_elsewhere_keeps_the_page() -> None:
    programme = CoalitionFactory().programme
    get(Client(), "/coalitions/")
    # the list reads no agenda row
    EventFactory(programme=programme, title="Un événement sans coalition")
    assert get(Client(), "/coalitions/")[0]["X-Page-Cache"] == "hit"


def test_signing_in_somewhere_changes_no_page() -> None:
    user = PersonFactory().user
    get(Client(), "/actors/")
    User.objects.filter(pk=user.pk).update(last_login="2026-12-02T10:00:00Z")
    assert get(Client(), "/actors/")[0]["X-Page-Cache"] == "hit"
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert get(Client(), "/actors/")[0]["X-Page-Cache"] == "miss"


def test_signed_in_people_are_never_served_from_the_cache() -> None:
    CoalitionFactory()
    get(Client(), "/coalitions/")
    client = Client()
    client.force_login(PersonFactory().user)
    page, queries = get(client, "/coalitions/")
    assert "X-Page-Cache" not in page and queries > 0
    assert 'action="/accounts/logout/"' in page.content.decode()
    # and what they saw is not served to the next visitor
    assert 'action="/accounts/logout/"' not in get(Client(), "/coalitions/")[0].content.decode()


def test_languages_and_fragments_are_cached_apart() -> None:
    CoalitionFactory()
    french = get(Client(), "/coalitions/")[0]
    english = get(Client(), "/en/coalitions/")[0]
    assert english["X-Page-Cache"] == "miss" and english.content != french.content
    assert 'lang="en"' in english.content.decode()
    fragment = get(Client(), "/coalitions/", **{"HX-Request": "true"})[0]
    assert fragment["X-Page-Cache"] == "miss" and b"<html" not in fragment.content
    assert get(Client(), "/coalitions/?page=1")[0]["X-Page-Cache"] == "miss"


def test_a_personal_answer_is_not_stored() -> None:
    factory = RequestFactory()
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")

    @pagecache.anonymous_cached("coalitions")
    def with_form(request):
        return HttpResponse(template.render({}, request))

    @pagecache.anonymous_cached("coalitions")
    def with_messages(request):
        return HttpResponse("ok")

    def anonymous(path: str):
        from django.contrib.auth.models import AnonymousUser

        request = factory.get(path)
        request.user = AnonymousUser()
        request.session = {}
        request._messages = FallbackStorage(request)
        return request

    assert "X-Page-Cache" not in with_form(anonymous("/form/"))
    request = anonymous("/messages/")
    request._messages.add(constants.SUCCESS, "Enregistré")
    assert "X-Page-Cache" not in with_messages(request)
    assert len(get_messages(request)) == 1  # the visitor's message was not consumed


def test_a_domain_name_is_checked() -> None:
    with pytest.raises(ValueError):
        pagecache.anonymous_cached("coalition")


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_again_when_the_transaction_commits() -> None:
    """A page another process caches between a write and its commit holds the old rows: the
    commit moves the version once more, so that page is never served."""
    coalition = CoalitionFactory()
    with transaction.atomic():
        Coalition.objects.filter(pk=coalition.pk).update(title="Pas encore validé")
        during = pagecache.versions(("coalitions",))
        assert pagecache.versions(("coalitions",)) == during
    assert pagecache.versions(("coalitions",)) != during


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_the_next_one_its_own_change() -> None:
    coalition = CoalitionFactory()
    try:
        with transaction.atomic():
            Coalition.objects.filter(pk=coalition.pk).update(title="Annulé")
            raise RuntimeError
    except RuntimeError:
        pass
    before = pagecache.versions(("coalitions",))
    with transaction.atomic():
        Coalition.objects.filter(pk=coalition.pk).update(title="Validé")
        pagecache.versions(("coalitions",))
    assert pagecache.versions(("coalitions",)) != before


def test_with_redis_the_processes_share_the_pages_and_their_versions() -> None:
    """Production's cache: what one process cached another serves, until a write anywhere."""
    import redis
    from django.core.cache import caches
    from django.test import override_settings

    from alliage.settings.base import cache_settings

    url = "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    with override_settings(CACHES=cache_settings(url)):
        caches["default"].clear()
        coalition = CoalitionFactory(title="Partagée entre serveurs")
        assert get(Client(), "/coalitions/")[0]["X-Page-Cache"] == "miss"
        assert get(Client(), "/coalitions/")[0]["X-Page-Cache"] == "hit"
        assert redis.Redis.from_url(url).keys("*pagecache:v:coalitions*")
        Coalition.objects.filter(pk=coalition.pk).update(title="Renommée")
        assert "Renommée" in get(Client(), "/coalitions/")[0].content.decode()
        caches["default"].clear()


def test_with_replicas_a_page_rebuilt_just_after_a_change_reads_the_primary(
    monkeypatch, settings
) -> None:
    from alliage.core import db_router

    seen: list[object] = []

    @pagecache.anonymous_cached("coalitions")
    def page(request):
        reads = db_router._reads.get()
        seen.append(reads.alias if reads else "no decision")
        return HttpResponse("ok")

    def visit(path: str) -> None:
        from django.contrib.auth.models import AnonymousUser

        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        with db_router.replica_reads("replica_0"):
            page(request)

    monkeypatch.setattr(pagecache, "replica_aliases", lambda: ["replica_0"])
    settings.ALLIAGE_REPLICA_LAG_SECONDS = 10
    CoalitionFactory()  # the domain has just changed
    visit("/just-changed/")
    settings.ALLIAGE_REPLICA_LAG_SECONDS = 0
    visit("/stable/")
    assert seen == [None, "replica_0"]


def test_the_page_cache_can_be_turned_off(settings) -> None:
    settings.ALLIAGE_PAGE_CACHE = False
    CoalitionFactory()
    get(Client(), "/coalitions/")
    page, queries = get(Client(), "/coalitions/")
    assert "X-Page-Cache" not in page and queries > 0


def test_a_cached_feed_answers_a_conditional_get_with_304() -> None:
    coalition = CoalitionFactory()
    EventFactory(coalition=coalition, programme=coalition.programme, title="Atelier")
    first = Client().get("/agenda/calendar.ics")
    again = Client().get("/agenda/calendar.ics")
    assert first.status_code == again.status_code == 200
    assert again["X-Page-Cache"] == "hit" and again["ETag"] == first["ETag"]
    assert again["Content-Type"].startswith("text/calendar")
    unchanged = Client().get("/agenda/calendar.ics", headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
