"""One small world with an object of every kind and an account for every role, shared by the
security tests (the permission table, IDOR, malformed input)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliage.actors.models import Organisation, Person
from alliage.agenda.models import Event, Registration
from alliage.agenda.services import calendar_token_renew
from alliage.calls.models import Assignment, Call, Submission
from alliage.coalitions.models import Coalition, CoalitionMember, JoinRequest, MemberRole, Programme
from alliage.commons.models import Publication, PublicationFile, Resource, Reuse
from alliage.core.models import User
from alliage.evaluation.models import Assessment, Indicator, Measurement
from alliage.evaluation.services import assessment_save, questionnaire_sync
from alliage.selfdata.models import DataExport
from alliage.selfdata.services import export_build, export_token

from ..factories import (
    AffiliationFactory,
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    CriterionFactory,
    EventFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
    ResourceFactory,
    ReuseFactory,
    UserFactory,
)

# The roles of the permission table, in the order of its columns.
ROLES = (
    "anonymous",  # a visitor
    "person",  # signed in, nothing more
    "adherent",  # signed in with a current membership (adhésion)
    "coalition_member",  # a member of the coalition
    "lead",  # the coalition's lead
    "reviewer",  # assigned to review the submission
    "conflicted",  # assigned, but affiliated to the submitting organisation
    "team",  # the programme's team
    "admin",  # a superuser
)

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class World:
    users: dict[str, User]
    programme: Programme
    organisation: Organisation
    coalition: Coalition
    hidden_coalition: Coalition
    membership: CoalitionMember
    join_request: JoinRequest
    indicator: Indicator
    measurement: Measurement
    assessment: Assessment
    event: Event
    members_event: Event
    call: Call
    submission: Submission
    contactable: Person
    publication: Publication
    dataset: Publication
    file: PublicationFile
    resource: Resource
    reuse: Reuse
    registration: Registration | None = None
    tokens: dict[str, str] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    api_tokens: dict[str, str] = field(default_factory=dict)

    def export_token(self) -> str:
        """A fresh archive of the plain person's data (an earlier request may have used or
        replaced theirs: files are not rolled back with the database)."""
        export = export_build(export_id=DataExport.objects.create(user=self.users["person"]).pk)
        return export_token(export)

    def lead_notification(self) -> Any:
        """An unread notification of the lead's (each request marks it read at most)."""
        from alliage.notifications.models import Notification

        return Notification.objects.create(recipient=self.users["lead"], kind="x")

    def member_comment(self, channel: str = "public") -> Any:
        """A comment of the coalition member's in one of the coalition's threads."""
        from alliage.discussions.selectors import place_of_target
        from alliage.discussions.services import comment_post

        place = place_of_target(self.coalition, channel)
        return comment_post(place=place, by=self.users["coalition_member"], body="Un avis")

    def reported_case(self) -> Any:
        """A moderation case: the member's public comment, reported by the plain person."""
        from alliage.discussions.selectors import comment_get
        from alliage.moderation.services import report_create

        comment = comment_get(pk=self.member_comment().pk)
        report = report_create(
            key="discussions.comment", obj=comment, by=self.users["person"], reason="spam"
        )
        return report.case

    def user(self, role: str) -> User | AnonymousUser:
        if role == "anonymous":
            return AnonymousUser()
        return User.objects.get(pk=self.users[role].pk)

    def client(self, role: str) -> Client:
        """The role's client, logged in once when the world is built (``log_in_all``)."""
        if role not in self.clients:
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(self.users[role])
            self.clients[role] = client
        return self.clients[role]

    def reset_token(self) -> str:
        """A password-reset token of the plain person, valid now (a log-in voids earlier ones)."""
        return default_token_generator.make_token(self.user("person"))

    def log_in_all(self) -> None:
        from alliage.api.services import token_create

        for role in ROLES:
            self.client(role)
            if role != "anonymous":
                _token, self.api_tokens[role] = token_create(
                    by=self.users[role], name=f"{role} token", scope="write"
                )


def build_world() -> World:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    admin = UserFactory(is_superuser=True, is_staff=True)
    PersonFactory(user=admin)
    person = PersonFactory().user
    adherent = PersonFactory()
    MembershipFactory(organisation=None, person=adherent, tier="individual")

    coalition = CoalitionFactory(programme=programme)
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    membership = CoalitionMemberFactory(coalition=coalition, role=MemberRole.MEMBER)
    hidden = CoalitionFactory(programme=programme, is_published=False)
    CoalitionMemberFactory(coalition=hidden, person=lead.person, role=MemberRole.LEAD)
    CoalitionMemberFactory(coalition=hidden, person=membership.person)
    contactable = PersonFactory(is_contactable=True)
    join_request = JoinRequest.objects.create(coalition=coalition, person=contactable)

    indicator = IndicatorFactory(coalition=coalition)
    measurement = MeasurementFactory(indicator=indicator, recorded_by=lead.person)
    questionnaire_sync()
    assessment = assessment_save(
        coalition=coalition,
        by=lead,
        side="self",
        answers={"depth_factor": 3},
        assessed_on=timezone.localdate() - dt.timedelta(days=3),
    )

    event = EventFactory(programme=programme)
    members_event = EventFactory(programme=programme, audience="members")

    organisation = OrganisationFactory()
    submitter = AffiliationFactory(organisation=organisation).person
    conflicted = AffiliationFactory(organisation=organisation).person.user
    reviewer = PersonFactory().user
    call = CallFactory(programme=programme, asks=[])
    for _ in range(2):
        CriterionFactory(call=call)
    call.reviewers.set([reviewer, conflicted])
    submission = Submission.objects.create(
        call=call,
        person=submitter,
        organisation=organisation,
        title="Une proposition",
        summary="Un résumé.",
        status="submitted",
        submitted_at=timezone.now(),
        attachment=SimpleUploadedFile("dossier.pdf", PDF),
    )
    for user in (reviewer, conflicted):
        Assignment.objects.create(submission=submission, reviewer=user)

    publication = PublicationFactory(
        programme=programme, cover=SimpleUploadedFile("cover.png", PNG), cover_alt="Une image"
    )
    publication_file = PublicationFile.objects.create(
        publication=publication,
        label="Le cahier",
        file=SimpleUploadedFile("cahier.pdf", PDF),
        format="pdf",
        byte_size=len(PDF),
        sha256="0" * 64,
    )
    dataset = PublicationFactory(programme=programme, kind="dataset")
    resource = ResourceFactory(
        publication=dataset,
        url="",
        file=SimpleUploadedFile("data.csv", b"a,b\n1,2\n"),
        format="csv",
    )
    reuse = ReuseFactory(publication=publication)

    users = {
        "person": person,
        "adherent": adherent.user,
        "coalition_member": membership.person.user,
        "lead": lead,
        "reviewer": reviewer,
        "conflicted": conflicted,
        "team": team,
        "admin": admin,
    }
    world = World(
        users=users,
        programme=programme,
        organisation=organisation,
        coalition=coalition,
        hidden_coalition=hidden,
        membership=membership,
        join_request=join_request,
        indicator=indicator,
        measurement=measurement,
        assessment=assessment,
        event=event,
        members_event=members_event,
        call=call,
        submission=submission,
        contactable=contactable,
        publication=publication,
        dataset=dataset,
        file=publication_file,
        resource=resource,
        reuse=reuse,
    )
    # Secrets in addresses, all the plain person's.
    person_obj = person.person
    world.tokens["calendar"] = calendar_token_renew(person=person_obj)
    registration = Registration.objects.create(
        event=event,
        person=person_obj,
        status="confirmed",
        queued_at=timezone.now(),
        cancel_token="cancel-token-of-the-plain-person",
    )
    world.tokens["cancel"] = registration.cancel_token
    world.registration = registration
    world.tokens["uid"] = urlsafe_base64_encode(force_bytes(person.pk))
    return world


def request_as(
    world: World, role: str, method: str, url: str, data: Any = None, *, api: bool = False
) -> Any:
    """One request as ``role``, whose writes are rolled back: every request sees the same
    world, whatever the requests before it did. API requests carry the role's bearer token
    (none for the anonymous visitor) and a JSON body."""
    from django.db import transaction

    client = world.client(role)
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        if api:
            headers = (
                {"Authorization": f"Bearer {world.api_tokens[role]}"}
                if role in (world.api_tokens)
                else {}
            )
            anonymous = Client(raise_request_exception=False, headers=headers)
            if method == "GET":
                response = anonymous.get(url, data or {})
            else:
                response = anonymous.generic(
                    method, url, json.dumps(data or {}), content_type="application/json"
                )
        elif method == "GET":
            response = client.get(url, data or {})
        else:
            response = client.post(url, data or {})
        transaction.set_rollback(True)
    client.cookies.clear()  # a log-out or a log-in would change the role's session
    for key, value in cookies.items():
        client.cookies[key] = value
    return response
