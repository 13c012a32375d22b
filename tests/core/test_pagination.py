"""Bounded counts: exact up to the bound, "more than" past it, every page still reachable."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from alliage.core.models import User
from alliage.core.pagination import paginate_bounded

pytestmark = pytest.mark.django_db


def page_of(page: str = "1"):
    request = RequestFactory().get("/", {"page": page})
    return paginate_bounded(request, User.objects.order_by("pk"), 5, limit=20)


@pytest.fixture
def users() -> None:
    User.objects.bulk_create(User(email=f"p{i}@x.org") for i in range(47))


def test_under_the_bound_the_count_is_exact() -> None:
    User.objects.bulk_create(User(email=f"p{i}@x.org") for i in range(17))
    page = page_of()
    assert (page.paginator.count, page.paginator.bounded, page.paginator.num_pages) == (
        17,
        False,
        4,
    )
    assert page.paginator.count_shown == 17


def test_past_the_bound_the_count_stops_and_says_so(users: None) -> None:
    with CaptureQueriesContext(connection) as ctx:
        page = page_of()
        rows = list(page.object_list)
    assert page.paginator.bounded and page.paginator.count_shown == 20
    assert page.paginator.count == 21  # one past the bound: there is more
    assert len(rows) == 5 and page.has_next()
    count_sql = ctx.captured_queries[0]["sql"]
    assert "COUNT" in count_sql.upper() and "LIMIT 21" in count_sql.upper()


def test_deep_pages_are_counted_as_far_as_they_read(users: None) -> None:
    page = page_of("8")
    assert page.number == 8 and page.has_next() and page.has_previous()
    assert [u.email for u in page.object_list] == [f"p{i}@x.org" for i in range(35, 40)]
    last = page_of("10")
    assert last.number == 10 and not last.has_next() and len(last.object_list) == 2
    assert not last.paginator.bounded and last.paginator.count == 47


def test_a_page_past_the_end_or_not_a_number_gives_a_real_page(users: None) -> None:
    assert page_of("999").number == 10
    assert page_of("abc").number == 1
    assert page_of("9" * 40).number == 10


def parts_page(page: str = "1"):
    from alliage.core.pagination import paginate_deep

    request = RequestFactory().get("/", {"page": page})
    users = User.objects.order_by("pk")
    parts = [users.filter(is_staff=True), users.filter(is_staff=False)]
    return paginate_deep(request, users, 5, count_parts=parts)


def test_a_count_in_parts_adds_them_up_to_the_bound() -> None:
    User.objects.bulk_create(User(email=f"s{i}@x.org", is_staff=i % 3 == 0) for i in range(17))
    page = parts_page()
    assert (page.paginator.count, page.paginator.bounded) == (17, False)
    User.objects.bulk_create(User(email=f"t{i}@x.org", is_staff=True) for i in range(5000))
    with CaptureQueriesContext(connection) as ctx:
        page = parts_page()
        assert page.paginator.bounded and page.paginator.count_shown == 5000
    # the first part already passes the bound: the second is not counted
    assert sum("COUNT" in q["sql"] for q in ctx.captured_queries) == 1
    assert len(list(parts_page("4").object_list)) == 5
