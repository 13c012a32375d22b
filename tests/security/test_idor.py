"""Insecure direct object references: every address that carries an object's number (or a
secret token) is tried with someone else's, by a user who has rights on objects of their own.
The answer must be a refusal, never the other object."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliage.calls.models import Submission
from alliage.commons.models import PublicationFile
from alliage.evaluation.services import assessment_save
from alliage.selfdata.models import DataExport
from alliage.selfdata.services import export_build, export_token

from ..factories import (
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
    ReuseFactory,
)
from .world import PDF, World, request_as

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-idor")]

# Addresses with numbers that are not objects of someone.
NOT_OBJECTS = {
    "agenda:month": "a year and a month of the public calendar",
    "evaluation:assessment-create": "a side of the dialogue, self or accompanier",
    # someone else's notification is the permission table's row (a 404 but for its recipient)
    "notifications:mark-read": "tested in the permission table, as the lead's notification",
    "notifications:unsubscribe": "a signed token, not an id: a forged one is a 400 page",
    "newsletters:unsubscribe": "a signed token, not an id: a forged one is a 400 page",
    "invitations:invitation-link": "a secret link, not an id: a forged one is a 400 page",
}


@dataclass
class Elsewhere:
    """Objects that belong to other people, in another programme."""

    coalition: Any
    member: Any
    join_request: Any
    indicator: Any
    measurement: Any
    assessment: Any
    submission: Any
    unlisted: Any
    silent: Any
    draft_file: Any
    reuse: Any
    export_token: str
    unconfirmed: Any = None


@pytest.fixture
def elsewhere(world: World) -> Elsewhere:
    from alliage.coalitions.models import JoinRequest
    from alliage.core.models import User

    programme = ProgrammeFactory()
    coalition = CoalitionFactory(programme=programme)
    lead = CoalitionMemberFactory(coalition=coalition, role="lead").person.user
    member = CoalitionMemberFactory(coalition=coalition)
    indicator = IndicatorFactory(coalition=coalition, is_public=False)
    submitter = PersonFactory()
    call = CallFactory(programme=programme)
    submission = Submission.objects.create(
        call=call,
        person=submitter,
        title="Celle d'un autre",
        summary="x",
        status="submitted",
        submitted_at=timezone.now(),
        attachment=SimpleUploadedFile("autre.pdf", PDF),
    )
    draft = PublicationFactory(programme=programme, status="draft", published_on=None)
    other_user = User.objects.get(pk=submitter.user_id)
    return Elsewhere(
        coalition=coalition,
        member=member,
        join_request=JoinRequest.objects.create(coalition=coalition, person=PersonFactory()),
        indicator=indicator,
        measurement=MeasurementFactory(indicator=indicator),
        assessment=assessment_save(
            coalition=coalition,
            by=lead,
            side="self",
            answers={"depth_factor": 2},
            assessed_on=timezone.localdate() - dt.timedelta(days=1),
        ),
        submission=submission,
        unlisted=PersonFactory(is_listed=False),
        unconfirmed=PersonFactory(user__email_confirmed=False).user,
        silent=PersonFactory(is_contactable=False),
        draft_file=PublicationFile.objects.create(
            publication=draft,
            label="Brouillon",
            file=SimpleUploadedFile("brouillon.pdf", PDF),
            format="pdf",
            byte_size=len(PDF),
            sha256="1" * 64,
        ),
        reuse=ReuseFactory(publication=PublicationFactory(programme=programme)),
        export_token=export_token(
            export_build(export_id=DataExport.objects.create(user=other_user).pk)
        ),
    )


def _assembly_ids(w: World, kind: str, *, own: bool = False) -> dict[str, Any]:
    """The id of a voter, a proxy or a motion of another programme's assembly, with the
    world's assembly's slug (or, ``own``, that other assembly's)."""
    from alliage.assembly import services
    from alliage.assembly.models import Assembly, MotionKind

    from ..factories import EventFactory, team_member
    from .permission_table import assembly

    kw = assembly(w)
    event = EventFactory(starts_at=timezone.now(), ends_at=timezone.now() + dt.timedelta(hours=2))
    chair = team_member(event.programme)
    for _ in range(2):
        MembershipFactory(organisation=None, person=PersonFactory(), tier="individual")
    other = services.assembly_save(event=event, by=chair, cutoff_on=timezone.localdate())
    services.roll_freeze(assembly=other, by=chair)
    giver, holder = list(other.voters.all())[:2]
    objects = {
        "voter": giver,
        "proxy": services.proxy_give(giver=giver, holder=holder, by=giver.person.user),
        "motion": services.motion_save(
            assembly=other, by=chair, title="Ailleurs", kind=MotionKind.RESOLUTION,
            majority="simple",
        ),
    }  # fmt: skip
    slug = Assembly.objects.get(pk=other.pk).slug if own else kw["slug"]
    return {"slug": slug, "pk": objects[kind].pk}


@dataclass(frozen=True)
class Case:
    name: str
    role: str
    method: str
    kw: Callable[[World, Elsewhere], dict[str, Any]]
    data: Callable[[World, Elsewhere], dict[str, Any]] = lambda w, e: {}
    variant: str = ""
    refused: tuple[int, ...] = (403, 404)
    api: bool = False


def mine(w: World) -> str:
    return w.coalition.slug  # the attacker is its lead, or its programme's team


CASES = (
    Case("actors:person-detail", "person", "GET", lambda w, e: {"pk": e.unlisted.pk}),
    Case("actors:person-contact", "person", "GET", lambda w, e: {"pk": e.silent.pk}),
    Case("actors:person-contact", "person", "POST", lambda w, e: {"pk": e.unlisted.pk},
         lambda w, e: {"message": "Hé"}, "unlisted"),
    Case("matching:for-person", "person", "GET", lambda w, e: {"pk": e.silent.pk}),
    Case("coalitions:member-manage", "lead", "POST",
         lambda w, e: {"slug": mine(w), "pk": e.member.pk}, lambda w, e: {"action": "remove"}),
    Case("coalitions:member-manage", "lead", "POST",
         lambda w, e: {"slug": e.coalition.slug, "pk": e.member.pk},
         lambda w, e: {"action": "remove"}, "their-coalition"),
    Case("coalitions:member-remove", "lead", "GET",
         lambda w, e: {"slug": mine(w), "pk": e.member.pk}),
    Case("coalitions:member-remove", "lead", "POST",
         lambda w, e: {"slug": mine(w), "pk": e.member.pk}, variant="post"),
    Case("coalitions:member-remove", "lead", "POST",
         lambda w, e: {"slug": e.coalition.slug, "pk": e.member.pk}, variant="their-coalition"),
    Case("coalitions:join-request-decide", "lead", "POST",
         lambda w, e: {"slug": mine(w), "pk": e.join_request.pk},
         lambda w, e: {"decision": "accept"}),
    Case("evaluation:indicator-detail", "lead", "GET",
         lambda w, e: {"slug": mine(w), "pk": e.indicator.pk}),
    Case("evaluation:indicator-edit", "lead", "GET",
         lambda w, e: {"slug": mine(w), "pk": e.indicator.pk}),
    Case("evaluation:indicator-delete", "lead", "POST",
         lambda w, e: {"slug": mine(w), "pk": e.indicator.pk}),
    Case("evaluation:indicator-delete", "lead", "GET",
         lambda w, e: {"slug": mine(w), "pk": e.indicator.pk}, variant="confirmation"),
    Case("evaluation:measurement-delete", "lead", "POST",
         lambda w, e: {"slug": mine(w), "pk": w.indicator.pk, "measurement": e.measurement.pk}),
    Case("evaluation:assessment-detail", "lead", "GET",
         lambda w, e: {"slug": mine(w), "pk": e.assessment.pk}),
    *(
        Case(f"calls:{name}", role, method, lambda w, e: {"pk": e.submission.pk})
        for name, role, method in (
            ("submission-detail", "reviewer", "GET"),
            ("attachment", "reviewer", "GET"),
            ("submission-withdraw", "person", "POST"),
            ("review-form", "reviewer", "GET"),
            ("conflict-declare", "reviewer", "POST"),
            ("assign-reviewer", "team", "POST"),
            ("decide", "team", "POST"),
        )
    ),
    Case("commons:reuse-moderate", "team", "POST", lambda w, e: {"pk": e.reuse.pk},
         lambda w, e: {"decision": "published"}),
    Case("commons:file-download", "person", "GET",
         lambda w, e: {"slug": e.draft_file.publication.slug, "pk": e.draft_file.pk,
                       "filename": e.draft_file.filename}),
    Case("commons:file-download", "person", "GET",
         lambda w, e: {"slug": w.publication.slug, "pk": e.draft_file.pk,
                       "filename": e.draft_file.filename}, variant="under-a-public-slug"),
    Case("commons:resource-download", "person", "GET",
         lambda w, e: {"slug": w.publication.slug, "pk": w.resource.pk, "filename": "data.csv"}),
    Case("agenda:personal-ics", "adherent", "GET", lambda w, e: {"token": "guessed-token"}),
    Case("agenda:registration-cancel-link", "adherent", "GET",
         lambda w, e: {"token": "guessed-token"}),
    Case("selfdata:export-download", "person", "GET", lambda w, e: {"token": e.export_token},
         refused=(302,)),
    Case("api-token-revoke", "adherent", "POST",
         lambda w, e: {"prefix": w.api_tokens["person"].split("_")[1]}),
    Case("api:measurement_list", "lead", "GET", lambda w, e: {"indicator_id": e.indicator.pk},
         api=True),
    Case("api:measurement_create", "lead", "POST", lambda w, e: {"indicator_id": e.indicator.pk},
         lambda w, e: {"value": "1", "measured_on": "2025-01-01", "source": "x"}, api=True),
    # A team member of another programme: the other call's proposals, by its slug or through
    # a call of their own.
    Case("api:proposal_list", "team", "GET", lambda w, e: {"slug": e.submission.call.slug},
         api=True, refused=(404,)),
    Case("api:proposal_get", "team", "GET",
         lambda w, e: {"slug": e.submission.call.slug, "proposal_id": e.submission.pk},
         api=True, refused=(404,)),
    Case("api:proposal_get", "team", "GET",
         lambda w, e: {"slug": w.call.slug, "proposal_id": e.submission.pk}, api=True,
         refused=(404,), variant="through my call"),
    Case("password_reset_confirm", "anonymous", "GET",
         lambda w, e: {"uidb64": w.tokens["uid"], "token": "1-forged"}, refused=(200,)),
    Case("signup-confirm", "anonymous", "POST",
         lambda w, e: {"uidb64": urlsafe_base64_encode(force_bytes(e.unconfirmed.pk)),
                       "token": "1-forged"}, refused=(200,)),
    # The team's actors pages: any programme's team runs the directory, so "someone else's" is
    # an account on no team.
    Case("team:actors:organisation-edit", "lead", "GET",
         lambda w, e: {"pk": OrganisationFactory().pk}),
    Case("team:actors:person-edit", "adherent", "GET", lambda w, e: {"pk": e.unlisted.pk}),
    Case("team:actors:membership-edit", "lead", "GET",
         lambda w, e: {"pk": MembershipFactory().pk}),
    Case("team:actors:membership-renew", "adherent", "POST",
         lambda w, e: {"pk": MembershipFactory().pk}),
    Case("team:actors:membership-decide", "adherent", "POST",
         lambda w, e: {"pk": MembershipFactory(status="applied").pk}, lambda w, e: {"accept": "1"}),
    Case("team:actors:payment-create", "adherent", "POST",
         lambda w, e: {"pk": MembershipFactory().pk},
         lambda w, e: {"paid_on": "2026-03-02", "amount": "10", "method": "cash"}),
    Case("team:actors:payment-remove", "adherent", "POST", lambda w, e: _their_payment()),
    # the team itself: a payment asked for under another membership than its own
    Case("team:actors:payment-remove", "team", "POST",
         lambda w, e: {**_their_payment(), "pk": MembershipFactory().pk}, refused=(404,),
         variant="under another membership"),
    # Assemblies: a voter, a proxy or a motion of another programme's assembly, asked for under
    # the world's assembly (where the adhérent votes and the team chairs), or under its own.
    Case("assembly:check-in", "adherent", "POST", lambda w, e: _assembly_ids(w, "voter"),
         lambda w, e: {"mode": "online"}),
    Case("assembly:check-out", "adherent", "POST", lambda w, e: _assembly_ids(w, "voter")),
    Case("assembly:designate", "team", "POST", lambda w, e: _assembly_ids(w, "voter")),
    Case("assembly:proxy-revoke", "adherent", "POST", lambda w, e: _assembly_ids(w, "proxy")),
    Case("assembly:vote", "adherent", "POST", lambda w, e: _assembly_ids(w, "motion"),
         lambda w, e: {"voter": "1", "choice": "1"}),
    Case("assembly:motion-edit", "team", "GET", lambda w, e: _assembly_ids(w, "motion")),
    Case("assembly:motion-open", "team", "POST", lambda w, e: _assembly_ids(w, "motion", own=True)),
    Case("assembly:motion-close", "team", "POST",
         lambda w, e: _assembly_ids(w, "motion", own=True)),
    Case("membership:withdraw", "adherent", "POST",
         lambda w, e: {"pk": MembershipFactory(status="applied").pk}),
    Case("membership:renew", "adherent", "POST", lambda w, e: {"pk": _ending_membership().pk}),
    Case("membership:representative", "adherent", "POST",
         lambda w, e: {"pk": MembershipFactory().pk}, lambda w, e: {"representative": ""}),
    Case("membership:receipt", "adherent", "GET", lambda w, e: {"pk": MembershipFactory().pk}),
    Case("actors:affiliation-request-answer", "conflicted", "POST",
         lambda w, e: {"pk": _affiliation_request().pk}, lambda w, e: {"decision": "accept"}),
    # Discussions and moderation: another coalition's members' thread, another programme's
    # proposal thread and moderation case
    Case("discussions:thread", "lead", "GET", lambda w, e: _members_thread(e)),
    Case("discussions:thread", "lead", "POST", lambda w, e: _members_thread(e),
         lambda w, e: {"body": "Intrus"}, "post"),
    Case("discussions:thread", "team", "GET",
         lambda w, e: {"key": "calls.submission", "pk": e.submission.pk, "channel": "private"},
         variant="proposal"),
    Case("discussions:people", "lead", "GET", lambda w, e: _members_thread(e)),
    Case("discussions:comment-edit", "lead", "GET", lambda w, e: {"pk": _their_comment(e).pk}),
    Case("discussions:comment-delete", "team", "POST",
         lambda w, e: {"pk": _their_comment(e).pk}),
    Case("discussions:comment-history", "person", "GET",
         lambda w, e: {"pk": _their_comment(e).pk}),
    Case("moderation:report", "person", "POST",
         lambda w, e: {"key": "discussions.comment", "pk": _their_comment(e).pk},
         lambda w, e: {"reason": "spam"}),
    Case("team:moderation:decide", "team", "POST", lambda w, e: {"pk": _their_case(e).pk},
         lambda w, e: {"decision": "hide", "note": "Non"}),
    # Another programme's newsletters: its team's drafts, and its archive's drafts.
    Case("team:newsletters:newsletter-edit", "team", "GET", lambda w, e: {"pk": _letter(e).pk}),
    Case("team:newsletters:newsletter-edit", "team", "POST", lambda w, e: {"pk": _letter(e).pk},
         lambda w, e: {"subject": "Prise", "body": "x"}),
    Case("team:newsletters:newsletter-test", "team", "POST", lambda w, e: {"pk": _letter(e).pk}),
    Case("team:newsletters:newsletter-send", "team", "GET", lambda w, e: {"pk": _letter(e).pk}),
    Case("team:newsletters:newsletter-send", "team", "POST", lambda w, e: {"pk": _letter(e).pk}),
    Case("newsletters:archive-detail", "team", "GET",
         lambda w, e: {"slug": w.programme.slug, "pk": _letter(e, "sent").pk},
         variant="through my programme"),
    Case("newsletters:archive-detail", "person", "GET",
         lambda w, e: {"slug": e.coalition.programme.slug, "pk": _letter(e).pk}),
    # Another coalition's invitation: its lead may not see, withdraw nor accept it.
    Case("invitations:invitation-detail", "lead", "GET",
         lambda w, e: {"pk": _their_invitation(e).pk}),
    Case("invitations:invitation-detail", "lead", "POST",
         lambda w, e: {"pk": _their_invitation(e).pk}, lambda w, e: {"action": "accept"},
         "accept"),
    Case("invitations:invitation-revoke", "lead", "POST",
         lambda w, e: {"pk": _their_invitation(e).pk}),
    Case("invitations:introduction-detail", "lead", "GET",
         lambda w, e: {"pk": _their_introduction(e).pk}),
    Case("invitations:introduction-detail", "lead", "POST",
         lambda w, e: {"pk": _their_introduction(e).pk}, lambda w, e: {"decision": "accept"},
         "answer"),
)  # fmt: skip


def _members_thread(e: Elsewhere) -> dict[str, Any]:
    return {"key": "coalitions.coalition", "pk": e.coalition.pk, "channel": "members"}


def _their_comment(e: Elsewhere, channel: str = "members") -> Any:
    """A comment of another coalition's member in its members' thread."""
    from alliage.discussions.selectors import place_of_target
    from alliage.discussions.services import comment_post

    place = place_of_target(e.coalition, channel)
    return comment_post(place=place, by=e.member.person.user, body="Celle d'un autre")


def _their_case(e: Elsewhere) -> Any:
    """A report on another programme's public comment."""
    from alliage.discussions.selectors import comment_get
    from alliage.moderation.services import report_create

    comment = comment_get(pk=_their_comment(e, "public").pk)
    return report_create(
        key="discussions.comment", obj=comment, by=PersonFactory().user, reason="spam"
    ).case


def _letter(e: Elsewhere, status: str = "draft") -> Any:
    """A newsletter of the other programme, whose subject must never show."""
    from alliage.newsletters.models import Newsletter

    return Newsletter.objects.create(
        programme=e.coalition.programme, subject="Celle d'un autre", body="Brouillon",
        status=status,
    )  # fmt: skip


def _their_invitation(e: Elsewhere) -> Any:
    """An invitation of the other coalition, to an address none of the roles owns."""
    from alliage.invitations.models import Invitation

    lead = e.coalition.members.filter(role="lead").first().person.user
    return Invitation.objects.create(
        coalition=e.coalition,
        invited_by=lead,
        email="autre@example.org",
        message="Celle d'un autre",
        expires_at=timezone.now() + dt.timedelta(days=3),
    )


def _their_introduction(e: Elsewhere) -> Any:
    """An introduction of two other people, asked by a third."""
    from alliage.invitations.models import Introduction

    return Introduction.objects.create(
        requested_by=e.unlisted.user,
        a_person=PersonFactory(is_contactable=True),
        b_person=PersonFactory(is_contactable=True),
        note="Celle d'un autre",
    )


def _ending_membership() -> Any:
    """Someone else's membership, inside its renewal window: only ownership refuses it."""
    today = timezone.localdate()
    return MembershipFactory(
        starts_on=today - dt.timedelta(days=350), ends_on=today + dt.timedelta(days=15)
    )


def _their_payment() -> dict[str, Any]:
    """A payment of a membership, by the URL's two ids."""
    from alliage.actors.models import Payment

    payment = Payment.objects.create(
        membership=MembershipFactory(), paid_on=timezone.localdate(), amount=10, method="cash"
    )
    return {"pk": payment.membership_id, "payment_pk": payment.pk}


def _affiliation_request() -> Any:
    """A request to join an organisation the attacker does not belong to."""
    from alliage.actors.models import AffiliationRequest

    return AffiliationRequest.objects.create(
        person=PersonFactory(), organisation=OrganisationFactory()
    )


ID_PARAMETER = re.compile(r"<(?:(?:int|str|path):)?(?!slug>)(\w+)>")


def views_with_ids() -> set[str]:
    found: set[str] = set()

    def walk(resolver: URLResolver, namespace: str, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                    prefix + str(pattern.pattern),
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if ID_PARAMETER.search(route) and not name.startswith("admin:"):
                    found.add(name)

    walk(get_resolver(), "", "")
    return found


def test_every_address_with_an_id_is_tried() -> None:
    tried = {case.name for case in CASES} | set(NOT_OBJECTS)
    assert views_with_ids() - tried == set()


@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c.name}[{c.variant}]" if c.variant else c.name
)
def test_someone_elses_id_is_refused(world: World, elsewhere: Elsewhere, case: Case) -> None:
    path = reverse(case.name, kwargs=case.kw(world, elsewhere))
    url = path if case.api else "/en" + path
    response = request_as(
        world, case.role, case.method, url, case.data(world, elsewhere), api=case.api
    )
    assert response.status_code in case.refused, (url, response.status_code)
    body = b"" if response.streaming else response.content
    for secret in (b"Celle d'un autre", PDF, b"Brouillon"):
        assert secret not in body, (url, secret)
    if case.name in ("password_reset_confirm", "signup-confirm"):
        assert not response.context["validlink"]
    if case.name == "signup-confirm":
        elsewhere.unconfirmed.refresh_from_db()
        assert not elsewhere.unconfirmed.email_confirmed
    if case.name == "selfdata:export-download":
        assert response["Location"].endswith("/me/data/")
