"""A join request tells the leads; its answer tells the requester; a new member tells the
members; each e-mail goes out in its recipient's language."""

from __future__ import annotations

import pytest
from django.core import mail

from alliage.coalitions.models import MemberRole
from alliage.coalitions.services import join_request_create, join_request_decide
from alliage.notifications.kinds import get_kind
from alliage.notifications.models import Notification
from tests.factories import CoalitionFactory, CoalitionMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_join_request_and_its_answer_notify(django_capture_on_commit_callbacks):
    coalition = CoalitionFactory(title="Sobriété numérique")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person
    lead.user.language = "en"
    lead.user.save()
    member = CoalitionMemberFactory(coalition=coalition).person
    asker = PersonFactory(first_name="Ana", last_name="Lopez")
    with django_capture_on_commit_callbacks(execute=True):
        request = join_request_create(coalition=coalition, by=asker.user, organisation=None)
    told = Notification.objects.get()
    assert told.recipient == lead.user and told.kind == "coalitions.join_requested"
    assert [m.to for m in mail.outbox] == [[lead.user.email]]
    assert mail.outbox[0].subject == "Ana Lopez asks to join Sobriété numérique."
    assert coalition.get_absolute_url() in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decide(join_request=request, by=lead.user, accept=True)
    answer = Notification.objects.get(recipient=asker.user)
    assert answer.kind == "coalitions.join_accepted"
    assert "Sobriété numérique" in mail.outbox[0].subject  # French: the asker's language
    assert mail.outbox[0].subject.startswith("Votre demande")
    joined = Notification.objects.filter(kind="coalitions.member_joined")
    # the lead who accepted is not told of their own act; the requester is told otherwise
    assert [n.recipient for n in joined] == [member.user]
    assert (
        get_kind(joined.get().kind).render(joined.get().context)
        == "Ana Lopez a rejoint Sobriété numérique."
    )


def test_declined_request_tells_the_requester_only():
    coalition = CoalitionFactory()
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person
    asker = PersonFactory()
    request = join_request_create(coalition=coalition, by=asker.user, organisation=None)
    join_request_decide(join_request=request, by=lead.user, accept=False)
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (asker.user.pk, "coalitions.join_declined"),
        (lead.user.pk, "coalitions.join_requested"),
    ]


def test_a_declared_reuse_tells_the_publications_authors():
    from alliage.commons.services import reuse_declare
    from tests.factories import PublicationFactory

    author, other_author, declarer = PersonFactory(), PersonFactory(), PersonFactory()
    publication = PublicationFactory(title="Cahier Self Data")
    publication.author_people.set([author, other_author])
    reuse_declare(
        publication=publication,
        by=declarer.user,
        title="Atelier en médiathèque",
        url="https://example.org/atelier",
        kind="other",
    )
    told = Notification.objects.filter(kind="commons.reuse_declared")
    assert {n.recipient for n in told} == {author.user, other_author.user}
    notice = told.first()
    assert get_kind(notice.kind).render(notice.context) == (
        "Atelier en médiathèque est déclaré comme réutilisation de Cahier Self Data."
    )


def _team_of(programme):
    user = UserFactory()
    PersonFactory(user=user)
    programme.team.add(user)
    return user


def test_a_public_event_and_a_public_call_tell_the_programmes_followers():
    import datetime as dt

    from django.utils import timezone

    from alliage.agenda.services import event_create
    from alliage.calls.services import call_create
    from alliage.follows.services import follow_add
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    team, follower, stranger = _team_of(programme), UserFactory(), UserFactory()
    follow_add(user=follower, obj=programme, check=False)
    follow_add(user=team, obj=programme, check=False)  # the author is not told of their own act
    start = timezone.now() + dt.timedelta(days=5)
    event_create(
        by=team, programme=programme, kind="webinar", title="Webinaire Self Data",
        starts_at=start, ends_at=start + dt.timedelta(hours=1), online_url="https://x.example",
    )  # fmt: skip
    event_create(
        by=team, programme=programme, kind="breakfast", title="Petit-déjeuner",
        starts_at=start, ends_at=start + dt.timedelta(hours=1), online_url="https://x.example",
        audience="members",
    )  # fmt: skip
    call_create(
        by=team, programme=programme, kind="projects", title="Appel ouvert",
        opens_at=start, closes_at=start + dt.timedelta(days=30),
    )  # fmt: skip
    call_create(
        by=team, programme=programme, kind="projects", title="Brouillon d'appel",
        opens_at=start, closes_at=start + dt.timedelta(days=30), visibility="team",
    )  # fmt: skip
    told = Notification.objects.all()
    assert {n.recipient for n in told} == {follower}
    messages = sorted(get_kind(n.kind).render(n.context) for n in told)
    assert messages == [
        f"Nouvel appel dans {programme} : Appel ouvert.",
        f"Nouvel événement dans {programme} : Webinaire Self Data.",
    ]
    assert stranger.notifications.count() == 0
