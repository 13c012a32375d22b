"""Erasure: a person deletes their account; their personal data goes, what others rely on
stays under an anonymous label, and nothing in the database names them any more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import translation

from alliage.actors.models import ContactMessage, Person
from alliage.actors.services import contact_send
from alliage.agenda.models import Registration
from alliage.calls.models import Assignment, Call, Submission
from alliage.calls.selectors import call_ranking
from alliage.coalitions.models import CoalitionMember, MemberRole
from alliage.core.errors import PermissionRefused
from alliage.core.models import AuditEntry, User
from alliage.demo.services import DEMO_PASSWORD
from alliage.selfdata.models import ConsentReceipt
from alliage.selfdata.services import account_erase, consent_set

from ..factories import (
    PASSWORD,
    CallFactory,
    CoalitionMemberFactory,
    EventFactory,
    PersonFactory,
    UserFactory,
)
from .conftest import TEAM, login

pytestmark = pytest.mark.django_db


def database_mentions(*needles: str) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a column of any table, read as text, contains a
    needle, whatever its case; tables and columns come from the database's own catalogue."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - catalogue names
                        f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                        [f"%{needle.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append((table, column.name, needle))
    return found


def ranking(call: Call) -> dict[int, tuple[int, float | None]]:
    return {row.submission.pk: (row.reviews, row.score) for row in call_ranking(call=call)}


def test_an_erased_person_is_nowhere_but_their_reviews_still_count(
    demo, django_capture_on_commit_callbacks
) -> None:
    helene = Person.objects.get(user__email=TEAM)  # team, staff, reviewer, lead of nothing
    email, first, last = helene.user.email, helene.first_name, helene.last_name
    assert database_mentions(email, f"{first} {last}", last)  # the scan does find them
    f4 = Call.objects.get(slug="appel-innovation-facteur-4")
    reviewed = Assignment.objects.filter(reviewer=helene.user, submitted_at__isnull=False)
    assert reviewed.exists()
    before = ranking(f4)

    # Leave traces everywhere: a failed and a real log-in, consents, an archive, messages both
    # ways, the administration's log by and about her.
    Client().post("/en/accounts/login/", {"username": email, "password": "wrong"})
    client = login(email)
    client.post("/en/me/consents/", {"purpose": "newsletter", "decision": "grant"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/me/data/export/")
    friend = Person.objects.get(user__email="membre@alliage.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        contact_send(recipient=friend, by=helene.user, message="De la part d'Hélène Marchal")
        contact_send(recipient=helene, by=friend.user, message="Bonjour Hélène Marchal")
    for obj in (helene, friend):
        LogEntry.objects.create(
            user=helene.user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message=f"Changed by {first} {last}",
        )

    response = client.post("/en/me/delete/", {"password": DEMO_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    assert database_mentions(email, f"{first} {last}", last) == []
    assert ranking(f4) == before
    assert Assignment.objects.filter(pk__in=reviewed.values("pk")).count() == reviewed.count()
    tombstone = User.objects.get(pk=helene.user_id)
    assert not tombstone.is_active and not tombstone.has_usable_password()
    assert not tombstone.is_staff and not tombstone.groups.exists()
    assert str(Person.objects.get(pk=helene.pk)) == "Former participant"
    assert not ContactMessage.objects.exists()
    assert ConsentReceipt.objects.filter(person=None).exists()
    assert not ConsentReceipt.objects.filter(person=helene).exists()
    assert AuditEntry.objects.filter(action="account.erased", target_id=str(tombstone.pk)).exists()
    again = Client().post("/en/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    assert again.status_code == 200  # no such account any more
    assert Client().get(helene.get_absolute_url()).status_code == 404


def test_the_wrong_password_erases_nothing() -> None:
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    response = client.post("/en/me/delete/", {"password": "nope", "confirm": "on"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post("/en/me/delete/", {"password": PASSWORD})
    assert response.status_code == 200 and "confirm" in response.context["form"].errors
    person.refresh_from_db()
    assert person.first_name and User.objects.get(pk=person.user_id).is_active


def test_only_the_person_or_a_superuser_erases_an_account() -> None:
    person, other = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionRefused):
        account_erase(user=person.user, by=other.user)
    admin = UserFactory(is_superuser=True)
    account_erase(user=person.user, by=admin)
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("", "")
    with translation.override("en"):
        assert person.full_name == "Former participant"  # the label, in the reader's language
    entry = AuditEntry.objects.get(action="account.erased")
    assert entry.actor == admin


def test_what_must_remain_remains_and_the_rest_goes(
    django_capture_on_commit_callbacks, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(bio="Une bio", intentions="Des intentions")
    sole_lead = CoalitionMemberFactory(person=person, role=MemberRole.LEAD)
    coalition = sole_lead.coalition
    call = CallFactory(asks=[])
    sent = Submission.objects.create(
        call=call,
        person=person,
        title="Envoyée",
        summary="x",
        status="submitted",
        attachment=SimpleUploadedFile(f"cv-{person.last_name}.pdf", b"%PDF-1.4 x"),
    )
    draft_call = CallFactory()
    Submission.objects.create(call=draft_call, person=person, title="Brouillon", summary="x")
    event = EventFactory(capacity=1)
    Registration.objects.create(
        event=event, person=person, status="confirmed", queued_at=event.created_at, cancel_token="a"
    )
    waiting = PersonFactory()
    Registration.objects.create(
        event=event,
        person=waiting,
        status="waitlisted",
        queued_at=event.created_at + dt.timedelta(seconds=1),
        cancel_token="b",
    )
    consent_set(user=person.user, by=person.user, purpose="newsletter", granted=True)
    last_name = person.last_name

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=person.user, by=person.user, password=PASSWORD)

    person.refresh_from_db()
    assert (person.first_name, person.bio, person.intentions, person.is_listed) == (
        "",
        "",
        "",
        False,
    )
    assert not CoalitionMember.objects.filter(person=person).exists()
    assert coalition.members.count() == 0  # the programme team keeps it in hand
    assert AuditEntry.objects.filter(action="coalition.lead_erased", target_id=str(coalition.pk))
    sent.refresh_from_db()
    assert sent.person == person and sent.status == "submitted"
    assert last_name not in sent.attachment.name and sent.attachment.read() == b"%PDF-1.4 x"
    assert not Submission.objects.filter(call=draft_call).exists()
    assert not Registration.objects.filter(person=person).exists()
    assert Registration.objects.get(person=waiting).status == "confirmed"  # got the seat
    assert not ConsentReceipt.objects.filter(person=person).exists()


def test_an_erased_account_cannot_be_erased_twice() -> None:
    person = PersonFactory()
    assert not person.user.is_erased
    account_erase(user=person.user, by=person.user, password=PASSWORD)
    assert User.objects.get(pk=person.user_id).is_erased
    admin = UserFactory(is_superuser=True)
    from alliage.core.errors import BusinessError

    with pytest.raises(BusinessError):
        account_erase(user=User.objects.get(pk=person.user_id), by=admin)


def test_the_erasure_page_says_what_goes_and_what_stays() -> None:
    client = Client()
    client.force_login(PersonFactory().user)
    body = client.get("/en/me/delete/").content.decode()
    assert "Former participant" in body and "cannot be undone" in body
