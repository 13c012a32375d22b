"""Consents: opt-in purposes, each grant and withdrawal kept as a dated receipt, and a
withdrawal that takes effect at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from alliage.actors.models import Person
from alliage.core.errors import PermissionRefused
from alliage.core.models import AuditEntry
from alliage.selfdata.models import ConsentReceipt, ReceiptSource
from alliage.selfdata.services import consent_receipts_from_flags, consent_set

from ..accounts.flows import sign_up_and_confirm
from ..factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_up() -> tuple[Client, Person]:
    client = Client()
    sign_up_and_confirm(
        client,
        {
            "first_name": "Aïcha",
            "last_name": "Benali",
            "email": "aicha@example.org",
            "password1": "une phrase de passe solide",
            "password2": "une phrase de passe solide",
        },
    )
    return client, Person.objects.get(user__email="aicha@example.org")


def test_a_new_account_consents_to_nothing() -> None:
    client, person = signed_up()
    assert (person.is_listed, person.is_suggestable, person.is_contactable) == (F, F, F)
    assert not ConsentReceipt.objects.exists()
    page = client.get("/en/me/consents/")
    assert [s.granted for s in page.context["states"]] == [False] * 4
    assert person.full_name not in Client().get("/en/actors/?tab=people").content.decode()


F = False


def test_granting_then_withdrawing_leaves_two_receipts_and_acts_at_once() -> None:
    client, person = signed_up()
    directory = "/en/actors/?tab=people"
    response = client.post("/en/me/consents/", {"purpose": "directory", "decision": "grant"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_listed
    assert "Benali" in Client().get(directory).content.decode()
    assert Client().get(person.get_absolute_url()).status_code == 200

    client.post("/en/me/consents/", {"purpose": "directory", "decision": "withdraw"})
    person.refresh_from_db()
    assert not person.is_listed
    assert "Benali" not in Client().get(directory).content.decode()
    assert Client().get(person.get_absolute_url()).status_code == 404

    granted, withdrawn = ConsentReceipt.objects.filter(person=person).order_by("at", "id")
    assert (granted.purpose, granted.granted, granted.text_version) == ("directory", True, 1)
    assert (withdrawn.granted, withdrawn.source) == (False, ReceiptSource.FORM)
    assert "directory of actors" in granted.text and granted.language == "en"
    assert granted.at <= withdrawn.at
    assert list(
        AuditEntry.objects.filter(target_id=str(person.user_id), action__startswith="consent.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["consent.granted", "consent.withdrawn"]


def test_each_purpose_drives_its_flag() -> None:
    person = PersonFactory(is_listed=False, is_suggestable=False)
    for purpose, flag in (
        ("directory", "is_listed"),
        ("matching", "is_suggestable"),
        ("contact", "is_contactable"),
    ):
        consent_set(user=person.user, by=person.user, purpose=purpose, granted=True)
        assert getattr(Person.objects.get(pk=person.pk), flag), purpose
        consent_set(user=person.user, by=person.user, purpose=purpose, granted=False)
        assert not getattr(Person.objects.get(pk=person.pk), flag), purpose
    consent_set(user=person.user, by=person.user, purpose="newsletter", granted=True)
    assert ConsentReceipt.objects.filter(person=person, purpose="newsletter").get().granted


def test_the_same_state_twice_leaves_no_new_receipt() -> None:
    person = PersonFactory(is_listed=False)
    assert consent_set(user=person.user, by=person.user, purpose="directory", granted=True)
    assert consent_set(user=person.user, by=person.user, purpose="directory", granted=True) is None
    assert ConsentReceipt.objects.count() == 1


def test_nobody_else_changes_my_consents() -> None:
    person, other = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionRefused):
        consent_set(user=person.user, by=other.user, purpose="directory", granted=False)
    other.user.is_superuser = True
    with pytest.raises(PermissionRefused):
        consent_set(user=person.user, by=other.user, purpose="directory", granted=False)


def test_withdrawing_the_matching_consent_saves_the_person_with_the_flag() -> None:
    """The matching index reacts to the person's save (post_save): it must see the new flag."""
    from django.db.models.signals import post_save

    seen = []

    def spy(sender, instance, update_fields=None, **kwargs):
        seen.append((instance.is_suggestable, update_fields and set(update_fields)))

    post_save.connect(spy, sender=Person)
    try:
        person = PersonFactory(is_suggestable=True)
        seen.clear()
        consent_set(user=person.user, by=person.user, purpose="matching", granted=False)
    finally:
        post_save.disconnect(spy, sender=Person)
    assert seen == [(False, {"is_suggestable", "updated_at"})]


def test_the_profile_form_cannot_change_consents() -> None:
    person = PersonFactory(is_listed=False, is_suggestable=False)
    client = Client()
    client.force_login(person.user)
    client.post(
        "/en/actors/me/",
        {"first_name": "A", "last_name": "B", "is_listed": "on", "is_suggestable": "on"},
    )
    person.refresh_from_db()
    assert not person.is_listed and not person.is_suggestable


def test_unknown_purposes_and_decisions_are_refused_cleanly() -> None:
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    for data in ({"purpose": "spam", "decision": "grant"}, {"purpose": "directory"}, {}):
        assert client.post("/en/me/consents/", data).status_code == 302
    assert not ConsentReceipt.objects.exists()


def test_flags_set_before_consents_become_initial_receipts() -> None:
    listed = PersonFactory(is_listed=True, is_suggestable=False)
    PersonFactory(is_listed=False, is_suggestable=False)
    assert consent_receipts_from_flags() == 1
    assert consent_receipts_from_flags() == 0  # idempotent
    receipt = ConsentReceipt.objects.get()
    assert (receipt.person, receipt.purpose, receipt.text_version) == (listed, "directory", 0)
    assert receipt.source == ReceiptSource.INITIAL


def test_the_demo_people_have_receipts_for_their_flags(db) -> None:
    import datetime as dt

    from alliage.demo.services import demo_load

    demo_load(today=dt.date(2026, 11, 29))
    for person in Person.objects.all():
        purposes = set(
            ConsentReceipt.objects.filter(person=person, granted=True).values_list(
                "purpose", flat=True
            )
        )
        flags = {
            p
            for p, flag in (
                ("directory", "is_listed"),
                ("matching", "is_suggestable"),
                ("contact", "is_contactable"),
            )
            if getattr(person, flag)
        }
        assert purposes == flags, person


def test_the_consents_page_explains_each_purpose() -> None:
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    with translation.override("en"):
        body = client.get("/en/me/consents/").content.decode()
    for title in (
        "Listed in the public directory",
        "Contactable by other actors",
        "Suggested by the matching engine",
        "Programme newsletter",
    ):
        assert title in body
    assert Client().get("/en/me/consents/").status_code == 302  # log-in first


def test_showing_the_consents_page_creates_no_person_and_the_first_choice_does() -> None:
    """An account made outside sign-up (the admin, createsuperuser) has no person yet: the
    page shows every consent off without writing, and the first choice makes the person."""
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page = client.get("/en/me/consents/")
    assert [s.granted for s in page.context["states"]] == [False] * 4
    assert not Person.objects.filter(user=user).exists()
    client.post("/en/me/consents/", {"purpose": "newsletter", "decision": "grant"})
    assert ConsentReceipt.objects.get(person__user=user).granted


def _outdated_directory_consent() -> Person:
    """A person listed before consents had their own page: granted, version 0 (the current
    text is version 1), so the page asks them to keep or withdraw it."""
    person = PersonFactory(is_listed=True, is_suggestable=False, is_contactable=False)
    consent_receipts_from_flags()
    return person


WARNING = "Please read the text above: it is newer than your choice."


@pytest.mark.parametrize(("prefix", "button"), [("/en", "Keep my consent"), ("", "decision")])
def test_an_outdated_consent_can_be_kept_and_the_warning_goes(prefix: str, button: str) -> None:
    person = _outdated_directory_consent()
    client = Client()
    client.force_login(person.user)
    body = client.get(f"{prefix}/me/consents/").content.decode()
    assert 'value="keep"' in body
    assert button in body
    response = client.post(
        f"{prefix}/me/consents/", {"purpose": "directory", "decision": "keep"}, follow=True
    )
    latest = ConsentReceipt.objects.filter(person=person).order_by("-at", "-id").first()
    assert (latest.granted, latest.text_version, latest.source) == (True, 1, ReceiptSource.FORM)
    assert latest.language == ("en" if prefix else "fr")
    assert ConsentReceipt.objects.filter(person=person).count() == 2
    person.refresh_from_db()
    assert person.is_listed
    assert AuditEntry.objects.filter(action="consent.granted", data__confirmed=True).exists()
    body = response.content.decode()
    assert 'value="keep"' not in body
    if prefix:
        assert WARNING not in body
        assert "is kept, for the current text" in body


def test_keeping_is_offered_only_for_an_outdated_consent() -> None:
    from alliage.selfdata.services import consent_confirm

    person = PersonFactory(is_listed=False, is_suggestable=False, is_contactable=False)
    user = person.user
    assert consent_confirm(user=user, by=user, purpose="directory") is None  # off
    consent_set(user=user, by=user, purpose="directory", granted=True)
    assert consent_confirm(user=user, by=user, purpose="directory") is None  # current text
    assert ConsentReceipt.objects.filter(person=person).count() == 1
    client = Client()
    client.force_login(user)
    assert 'value="keep"' not in client.get("/en/me/consents/").content.decode()
    with pytest.raises(PermissionRefused):
        consent_confirm(user=user, by=UserFactory(), purpose="directory")
