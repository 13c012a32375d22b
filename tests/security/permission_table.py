"""The permission table: for every named view of the site, what each role gets.

One row per view (a view may have several rows, for objects in different states). ``get`` and
``post`` hold one letter per role, in the order of ``world.ROLES``:

    anonymous · person · adherent · coalition member · lead · reviewer · conflicted reviewer
    · programme team · admin

    o  served (2xx)
    u  authentication required (401, the API without a token)
    r  redirected elsewhere than the log-in page (an action done, or refused with a message)
    l  sent to the log-in page
    d  refused: 403, or 404 for what the role may not know exists
    m  method not allowed (405)
    .  not checked (a method the view ignores)

To add a view: add a row with the URL's arguments (``kw``), the expected letters and, for a
form, the data that exercises it. ``test_every_view_has_a_row`` lists the views without one.
API rows (``api=True``) send each role's bearer token instead of its session, and ``post``
then means the endpoint's write method (``write``: POST, PATCH or DELETE) with a JSON body.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .world import World


def revision(w: World) -> int:
    """The canvas's current revision, which a change through the API must name."""
    from alliage.coalitions.selectors import coalition_revision

    return coalition_revision(coalition=w.coalition)


Kwargs = Callable[[World], dict[str, Any]]
_RESET_ADDRESSES = itertools.count()


def none(w: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    name: str
    kw: Kwargs = none
    get: str = "........."
    post: str = "........."
    data: Callable[[World], dict[str, Any]] = none
    variant: str = ""
    api: bool = False
    write: str = "POST"

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def coalition(w: World) -> dict[str, Any]:
    return {"slug": w.coalition.slug}


def hidden(w: World) -> dict[str, Any]:
    return {"slug": w.hidden_coalition.slug}


def programme(w: World) -> dict[str, Any]:
    return {"slug": w.programme.slug}


def event(w: World) -> dict[str, Any]:
    return {"slug": w.event.slug}


def members_event(w: World) -> dict[str, Any]:
    return {"slug": w.members_event.slug}


def call(w: World) -> dict[str, Any]:
    return {"slug": w.call.slug}


def submission(w: World) -> dict[str, Any]:
    return {"pk": w.submission.pk}


def reviewed_submission(w: World) -> dict[str, Any]:
    """Another proposal of the call, its review sent by the reviewer and by the conflicted
    reviewer (conflicted through the proposal's organisation); made inside the test."""
    from django.utils import timezone

    from alliage.calls.models import Assignment, Submission

    from ..factories import AffiliationFactory

    reviewed = Submission.objects.create(
        call=w.call,
        person=AffiliationFactory(organisation=w.organisation).person,
        organisation=w.organisation,
        title="Une proposition relue",
        summary="Un résumé.",
        status="submitted",
        submitted_at=timezone.now(),
    )
    for role in ("reviewer", "conflicted"):
        Assignment.objects.create(
            submission=reviewed, reviewer=w.users[role], submitted_at=timezone.now()
        )
    return {"pk": reviewed.pk}


def indicator(w: World) -> dict[str, Any]:
    return {"slug": w.coalition.slug, "pk": w.indicator.pk}


def publication(w: World) -> dict[str, Any]:
    return {"slug": w.publication.slug}


def assembly(w: World) -> dict[str, Any]:
    """The world's public event as an assembly, its roll frozen (the adhérent is its one
    voter) and a motion not opened yet; made inside the test, once."""
    from django.utils import timezone

    from alliage.assembly import services
    from alliage.assembly.models import Assembly, MotionKind

    team = w.users["team"]
    if not Assembly.objects.filter(event=w.event).exists():
        held = services.assembly_save(event=w.event, by=team, cutoff_on=timezone.localdate())
        services.roll_freeze(assembly=held, by=team)
        services.motion_save(
            assembly=held, by=team, title="Rapport moral", kind=MotionKind.RESOLUTION,
            majority="simple",
        )  # fmt: skip
    return {"slug": w.event.slug}


def assembly_voter(w: World) -> dict[str, Any]:
    kw = assembly(w)
    return {**kw, "pk": w.event.assembly.voters.get().pk}


def assembly_motion(w: World) -> dict[str, Any]:
    kw = assembly(w)
    return {**kw, "pk": w.event.assembly.motions.get().pk}


MOTION = {"title": "Motion", "kind": "resolution", "majority": "simple", "seats": 1,
          "language": "fr"}  # fmt: skip
ASSEMBLY = {"cutoff_on": "2026-01-01", "quorum_percent": 25, "quorum_basis": "count",
            "proxy_cap": 2}  # fmt: skip

ALL = "ooooooooo"
SIGNED_IN = "looooooo" + "o"  # anonymous visitors log in first
LEAD_TEAM = "ldddoddoo"  # the coalition's lead, its programme's team, admins
LEAD_TEAM_POST = "ldddrddrr"
TEAM = "ldddddd" + "oo"
TEAM_POST = "ldddddd" + "rr"
POST_ONLY = "mmmmmmmmm"

ROWS: tuple[Row, ...] = (
    # Core and accounts
    Row("healthz", get=ALL),
    # Anyone signed in may see how a Markdown text will look; it reads nothing stored.
    Row("markdown-preview", get=POST_ONLY, post="looooooo" + "o",
        data=lambda w: {"field": "body", "body": "**Bonjour**"}),
    Row("livez", get=ALL),
    # The test client's address is loopback; any other is refused (tests/core/test_metrics.py).
    Row("metrics", get=ALL),
    Row("signup", get="orrrrrrrr", post="o" + "r" * 8,
        data=lambda w: {"first_name": "", "email": "x"}),
    Row("signup-sent", get=ALL),
    Row("signup-confirm", kw=lambda w: {"uidb64": w.tokens["uid"], "token": "1-forged"},
        get=ALL, post=ALL),
    Row("login", get="orrrrrrrr"),
    Row("admin-login", get="lllllllll", post="lllllllll"),  # to the site's own log-in page
    Row("logout", get=POST_ONLY, post="rrrrrrrrr"),
    # A new address each time: at most ALLIAGE_RESET_RATES["email"] requests per address.
    Row("password_reset", get=ALL, post="rrrrrrrrr",
        data=lambda w: {"email": f"x{next(_RESET_ADDRESSES)}@example.org"}),
    Row("password_reset_done", get=ALL),
    Row("password_reset_confirm", kw=lambda w: {"uidb64": w.tokens["uid"],
                                                 "token": w.reset_token()}, get="rrrrrrrrr"),
    Row("password_reset_complete", get=ALL),
    # Coalitions
    Row("coalitions:home", get="orrrrrrrr"),  # signed in: redirected to My space
    Row("coalitions:programme-detail", kw=programme, get=ALL),
    Row("coalitions:coalition-list", get=ALL),
    Row("coalitions:coalition-propose", get=SIGNED_IN, post="lrrrrrrrr",
        data=lambda w: {"programme": w.programme.pk, "title": "Une idée", "summary": "",
                        "impact_statement": "", "organisation": ""}),
    Row("coalitions:coalition-detail", kw=coalition, get=ALL),
    Row("coalitions:coalition-detail", kw=hidden, get="dddoodd" + "oo", variant="unpublished"),
    Row("coalitions:coalition-edit", kw=coalition, get=LEAD_TEAM, post=LEAD_TEAM_POST,
        data=lambda w: {"title": "Nouveau titre", "milestones-TOTAL_FORMS": "0",
                        "milestones-INITIAL_FORMS": "0"}),
    Row("coalitions:coalition-edit", kw=hidden, get="dddd" + "oddoo", variant="unpublished"),
    # An editor's own draft, kept as they type (htmx) and discarded on request.
    Row("coalitions:coalition-draft-keep", kw=coalition, get=POST_ONLY, post=LEAD_TEAM,
        data=lambda w: {"title": "Brouillon", "base_revision": "0"}),
    Row("coalitions:coalition-draft-discard", kw=coalition, get=POST_ONLY, post=LEAD_TEAM_POST),
    Row("coalitions:coalition-history", kw=coalition, get=ALL),
    Row("coalitions:coalition-transition", kw=coalition, get=POST_ONLY, post=LEAD_TEAM_POST,
        data=lambda w: {"to": "evaluating"}),
    Row("coalitions:coalition-join", kw=coalition, get=POST_ONLY, post="lrrddrrrr",
        data=lambda w: {"organisation": "", "message": "Bonjour"}),
    # Whoever has a pending request takes it back; the others are told they have none.
    Row("coalitions:join-request-withdraw", kw=coalition, get=POST_ONLY, post="lrrrrrrrr"),
    Row("coalitions:member-manage", kw=lambda w: {"slug": w.coalition.slug,
                                                   "pk": w.membership.pk},
        get=POST_ONLY, post=LEAD_TEAM_POST, data=lambda w: {"role": "observer"}),
    # The member may leave (their own membership); the lead and the team may remove them.
    Row("coalitions:member-remove", kw=lambda w: {"slug": w.coalition.slug,
                                                   "pk": w.membership.pk},
        get="lddooddoo", post="lddrrddrr"),
    Row("coalitions:join-request-decide", kw=lambda w: {"slug": w.coalition.slug,
                                                         "pk": w.join_request.pk},
        get=POST_ONLY, post=LEAD_TEAM_POST, data=lambda w: {"decision": "accept", "role": ""}),
    # Evaluation
    Row("evaluation:coalition-impact", kw=coalition, get=ALL),
    Row("evaluation:coalition-impact-csv", kw=coalition, get=ALL),
    Row("evaluation:indicator-create", kw=coalition, get=LEAD_TEAM),
    Row("evaluation:indicator-detail", kw=indicator, get=ALL, post=LEAD_TEAM_POST,
        data=lambda w: {"value": "800", "measured_on": "2025-06-01", "source": "Relevé"}),
    Row("evaluation:indicator-edit", kw=indicator, get=LEAD_TEAM),
    Row("evaluation:indicator-delete", kw=indicator, get=LEAD_TEAM, post=LEAD_TEAM_POST),
    Row("evaluation:measurement-delete", kw=lambda w: {**indicator(w),
                                                        "measurement": w.measurement.pk},
        get=LEAD_TEAM, post=LEAD_TEAM_POST),
    Row("evaluation:assessment-create", kw=lambda w: {**coalition(w), "side": "self"},
        get="ldddodddo"),
    Row("evaluation:assessment-create", kw=lambda w: {**coalition(w), "side": "accompanier"},
        get="ldddddd" + "oo", variant="accompanier"),
    Row("evaluation:assessment-compare", kw=coalition, get=ALL),  # private ones left out
    Row("evaluation:assessment-detail", kw=lambda w: {**coalition(w), "pk": w.assessment.pk},
        get="dddoodd" + "oo"),
    Row("evaluation:programme-impact", kw=programme, get=ALL),
    Row("evaluation:programme-impact-csv", kw=programme, get=ALL),
    # Actors
    Row("actors:directory", get=ALL),
    Row("actors:profile-edit", get=SIGNED_IN, post="l" + "r" * 8,
        data=lambda w: {"first_name": "Camille", "last_name": "Martin"}),
    Row("actors:organisation-detail", kw=lambda w: {"slug": w.organisation.slug}, get=ALL),
    Row("actors:person-detail", kw=lambda w: {"pk": w.contactable.pk}, get=ALL),
    Row("actors:person-contact", kw=lambda w: {"pk": w.contactable.pk}, get=SIGNED_IN,
        post="l" + "r" * 8, data=lambda w: {"message": "Bonjour"}),
    # Agenda
    Row("agenda:agenda", get=ALL),
    Row("agenda:agenda-ics", get=ALL),
    Row("agenda:month-current", get="rrrrrrrrr"),
    Row("agenda:month", kw=lambda w: {"year": 2026, "month": 5}, get=ALL),
    Row("agenda:my-registrations", get=SIGNED_IN, post="l" + "o" * 8),
    Row("agenda:personal-ics", kw=lambda w: {"token": w.tokens["calendar"]}, get=ALL),
    Row("agenda:registration-cancel-link", kw=lambda w: {"token": w.tokens["cancel"]}, get=ALL,
        post=ALL),
    Row("agenda:programme-ics", kw=programme, get=ALL),
    Row("agenda:coalition-ics", kw=coalition, get=ALL),
    Row("agenda:event-detail", kw=event, get=ALL),
    Row("agenda:event-detail", kw=members_event, get="ddoddddoo", variant="members"),
    Row("agenda:event-ics", kw=event, get=ALL),
    Row("agenda:event-register", kw=event, get=POST_ONLY, post="l" + "r" * 8),
    Row("agenda:event-register", kw=members_event, get=POST_ONLY, post="ddrddddrr",
        variant="members"),
    # Only the plain person is registered; for the others there is nothing to cancel.
    Row("agenda:event-unregister", kw=event, get=POST_ONLY, post="drddddddd"),
    # Assemblies: the page is the event's audience's; the roll and the minutes its voters'
    # (the adhérent) and the chair's (the programme's team); voting rights are decided by
    # the services, which answer a refusal with a message.
    Row("assembly:detail", kw=assembly, get=ALL),
    Row("assembly:quorum", kw=assembly, get=ALL),
    Row("assembly:check-in", kw=assembly_voter, get=POST_ONLY, post="l" + "r" * 8,
        data=lambda w: {"mode": "online"}),
    Row("assembly:check-out", kw=assembly_voter, get=POST_ONLY, post="l" + "r" * 8),
    Row("assembly:designate", kw=assembly_voter, get=POST_ONLY, post=TEAM_POST),
    Row("assembly:proxy-give", kw=assembly, get=POST_ONLY, post="l" + "d" * 8),
    Row("assembly:proxy-revoke", kw=lambda w: {**assembly(w), "pk": 999999}, get=POST_ONLY,
        post="l" + "d" * 8),
    Row("assembly:vote", kw=assembly_motion, get=POST_ONLY, post="l" + "d" * 8),
    Row("assembly:chair", kw=assembly, get=TEAM),
    Row("assembly:roll-freeze", kw=assembly, get=POST_ONLY, post=TEAM_POST),
    Row("assembly:motion-create", kw=assembly, get=TEAM, post=TEAM_POST, data=lambda w: MOTION),
    Row("assembly:motion-edit", kw=assembly_motion, get=TEAM, post=TEAM_POST,
        data=lambda w: MOTION),
    Row("assembly:motion-open", kw=assembly_motion, get=POST_ONLY, post=TEAM_POST),
    Row("assembly:motion-close", kw=assembly_motion, get=POST_ONLY, post=TEAM_POST),
    Row("assembly:settings", kw=event, get=TEAM, post=TEAM_POST, data=lambda w: ASSEMBLY),
    Row("assembly:minutes", kw=assembly, get="ddo" + "dddd" + "oo"),
    Row("assembly:minutes-csv", kw=assembly, get="ddo" + "dddd" + "oo"),
    Row("agenda:event-attendees", kw=event, get=TEAM, post=TEAM_POST,
        data=lambda w: {"registration": w.registration.pk, "attended": "1"}),
    # Calls
    Row("calls:call-list", get=ALL),
    Row("calls:my-submissions", get=SIGNED_IN),
    Row("calls:reviewer-queue", get=SIGNED_IN),
    Row("calls:submission-detail", kw=submission, get="dddddod" + "oo"),
    Row("calls:attachment", kw=submission, get="dddddod" + "oo"),
    Row("calls:submission-withdraw", kw=submission, get=POST_ONLY, post="ddddddddr"),
    Row("calls:review-form", kw=submission, get="ddddd" + "oddd"),
    # A sent review: its reviewer reads it (a POST is refused with a message), nobody else.
    Row("calls:review-form", kw=reviewed_submission, get="ddddd" + "oddd",
        post="ddddd" + "rddd", data=lambda w: {"action": "submit"}, variant="sent"),
    Row("calls:conflict-declare", kw=submission, get=POST_ONLY, post="dddddrddd",
        data=lambda w: {"reason": "Je les connais"}),
    Row("calls:assign-reviewer", kw=submission, get=POST_ONLY, post="ddddddd" + "rr",
        data=lambda w: {"reviewer": w.users["reviewer"].pk}),
    Row("calls:decide", kw=submission, get=POST_ONLY, post="ddddddd" + "rr",
        data=lambda w: {"decision": "accepted", "message": ""}),
    Row("calls:call-detail", kw=call, get=ALL),
    Row("calls:submission-edit", kw=call, get=SIGNED_IN, post="l" + "r" * 8,
        data=lambda w: {"title": "Mon projet", "summary": "Un résumé", "organisation": ""}),
    Row("calls:submission-autosave", kw=call, get=POST_ONLY, post="l" + "o" * 8,
        data=lambda w: {"title": "Brouillon"}),
    Row("calls:ranking", kw=call, get=TEAM),
    Row("calls:assign-auto", kw=call, get=POST_ONLY, post=TEAM_POST),
    Row("calls:publish-decisions", kw=call, get=POST_ONLY, post=TEAM_POST),
    # Commons
    Row("commons:library", get=ALL),
    Row("commons:publication-create", get=TEAM),
    Row("commons:feed-rss", get=ALL),
    Row("commons:feed-atom", get=ALL),
    Row("commons:articles-rss", get=ALL),
    Row("commons:articles-atom", get=ALL),
    Row("commons:moderation", get=TEAM),
    Row("commons:reuse-moderate", kw=lambda w: {"pk": w.reuse.pk}, get=POST_ONLY,
        post=TEAM_POST, data=lambda w: {"decision": "published", "note": ""}),
    Row("commons:publication-detail", kw=publication, get=ALL),
    Row("commons:publication-edit", kw=publication, get=TEAM),
    Row("commons:publication-files", kw=publication, get=TEAM),
    Row("commons:file-add", kw=publication, get=POST_ONLY, post=TEAM),
    Row("commons:resource-add", kw=lambda w: {"slug": w.dataset.slug}, get=POST_ONLY, post=TEAM),
    Row("commons:file-download", kw=lambda w: {"slug": w.publication.slug, "pk": w.file.pk,
                                               "filename": w.file.filename}, get=ALL),
    Row("commons:resource-download", kw=lambda w: {"slug": w.dataset.slug, "pk": w.resource.pk,
                                                   "filename": "data.csv"}, get=ALL),
    Row("commons:cover", kw=publication, get=ALL),
    Row("commons:dataset-jsonld", kw=lambda w: {"slug": w.dataset.slug}, get=ALL),
    Row("commons:reuse-declare", kw=publication, get=SIGNED_IN, post="l" + "r" * 8,
        data=lambda w: {"title": "Une carte", "url": "https://example.org/carte",
                        "kind": "visualisation", "description": ""}),
    Row("commons:programme-rss", kw=programme, get=ALL),
    Row("commons:programme-atom", kw=programme, get=ALL),
    Row("commons:catalog", get=ALL),
    Row("commons:opendata", get=ALL),
    Row("commons:opendata-archive", get="ddddddddd"),  # none built in this world
    Row("commons:opendata-build", get=POST_ONLY, post=TEAM_POST),
    Row("commons:opendata-csv", kw=lambda w: {"name": "coalitions"}, get="ddddddddd"),
    Row("commons:opendata-json", kw=lambda w: {"name": "coalitions"}, get="ddddddddd"),
    # Matching
    Row("matching:invite", kw=coalition, get="lddoodd" + "oo"),
    Row("matching:for-organisation", kw=lambda w: {"slug": w.organisation.slug}, get=ALL),
    Row("matching:for-person", kw=lambda w: {"pk": w.users["person"].person.pk},
        get="doddddddd"),
    Row("matching:similar", get=ALL),
    Row("matching:convergences", kw=call, get=TEAM),
    Row("matching:start-coalition", kw=call, get=POST_ONLY, post=TEAM_POST,
        data=lambda w: {"submission": [w.submission.pk], "title": "Ensemble"}),
    # Self Data
    Row("notifications:centre", get=SIGNED_IN),
    Row("notifications:settings", get=SIGNED_IN, post="l" + "r" * 8),
    Row("notifications:mark-all-read", get="l" + "m" * 8, post="l" + "r" * 8),
    # someone else's notification (the lead's): a 404 for everyone else, even the team
    Row("notifications:mark-read", kw=lambda w: {"pk": w.lead_notification().pk},
        get="l" + "m" * 8, post="lddd" + "r" + "dddd"),
    # a forged unsubscribe link is a 400 page for everyone, without a sign-in
    Row("notifications:unsubscribe", kw=lambda w: {"token": "forged"},
        get="4" * 9, post="4" * 9),
    Row("follows:follow", get="l" + "m" * 8, post="l" + "r" * 8,
        data=lambda w: {"app_label": "coalitions", "model": "coalition", "pk": w.coalition.pk,
                        "action": "follow"}),
    Row("selfdata:my-data", get=SIGNED_IN),
    Row("selfdata:my-dataset", kw=lambda w: {"app_label": "selfdata", "key": "audit_events"},
        get=SIGNED_IN),
    Row("selfdata:export-request", get=POST_ONLY, post="l" + "r" * 8),
    Row("selfdata:export-download", kw=lambda w: {"token": w.export_token()},
        get="lorrrrrrr"),
    Row("selfdata:consents", get=SIGNED_IN, post="l" + "r" * 8,
        data=lambda w: {"purpose": "newsletter", "decision": "grant"}),
    Row("selfdata:my-audit", get=SIGNED_IN),
    Row("selfdata:account-delete", get=SIGNED_IN, post="l" + "o" * 8,
        data=lambda w: {"password": "not the password", "confirm": "on"}),
    # selfdata:audit-log and selfdata:inactive-accounts: permission_rows/team.py
    # API: token pages, documentation, endpoints (bearer tokens, no session)
    Row("api-tokens", get=SIGNED_IN, post="l" + "o" * 8,
        data=lambda w: {"name": "Mon script", "scope": "read"}),
    Row("api-token-revoke", kw=lambda w: {"prefix": w.api_tokens["person"].split("_")[1]},
        get="lmmmmmmmm", post="lrddddddd"),
    Row("api-docs", get=ALL),
    Row("api:api-root", get="rrrrrrrrr", api=True),  # the documentation's page, in a language
    Row("api-docs-redirect", get="rrrrrrrrr"),
    Row("sitesearch:search", get=ALL),
    Row("api:openapi-json", get=ALL, api=True),
    Row("api:programme_list", get=ALL, api=True),
    Row("api:programme_get", kw=programme, get=ALL, api=True),
    Row("api:coalition_list", get=ALL, api=True),
    Row("api:coalition_get", kw=coalition, get=ALL, api=True),
    Row("api:coalition_get", kw=hidden, get="dddoodd" + "oo", api=True, variant="unpublished"),
    Row("api:coalition_canvas_update", kw=coalition, api=True, write="PATCH",
        post="udddoddoo", data=lambda w: {"summary": "Par l'API", "base_revision": revision(w)}),
    Row("api:indicator_list", kw=coalition, get=ALL, api=True),
    Row("api:measurement_list", kw=lambda w: {"indicator_id": w.indicator.pk}, get=ALL,
        api=True),
    Row("api:measurement_create", kw=lambda w: {"indicator_id": w.indicator.pk}, api=True,
        post="udddoddoo",
        data=lambda w: {"value": "800", "measured_on": "2025-06-01", "source": "API"}),
    Row("api:call_list", get=ALL, api=True),
    Row("api:call_get", kw=call, get=ALL, api=True),
    Row("api:event_list", get=ALL, api=True),
    Row("api:event_get", kw=event, get=ALL, api=True),
    Row("api:event_get", kw=members_event, get="ddoddddoo", api=True, variant="members"),
    Row("api:registration_create", kw=event, api=True, post="u" + "o" * 8),
    Row("api:registration_cancel", kw=event, api=True, write="DELETE", post="uoddddddd"),
    Row("api:me", get="u" + "o" * 8, api=True),
    Row("api:publication_list", get=ALL, api=True),
    Row("api:publication_get", kw=publication, get=ALL, api=True),
    Row("api:dataset_list", get=ALL, api=True),
    Row("api:dataset_get", kw=lambda w: {"slug": w.dataset.slug}, get=ALL, api=True),
)  # fmt: skip


def _rows_of_the_areas() -> tuple[Row, ...]:
    """Each area's rows live in a module of their own under ``permission_rows/``, so that work on
    one area never touches another's rows."""
    from .permission_rows import (
        actors,
        agenda,
        calls_build,
        calls_review,
        discussions,
        invitations,
        legal,
        membership,
        newsletters,
        team,
    )

    areas = (
        actors,
        agenda,
        calls_build,
        calls_review,
        discussions,
        invitations,
        legal,
        membership,
        newsletters,
        team,
    )
    return tuple(row for area in areas for row in area.ROWS)


ROWS = ROWS + _rows_of_the_areas()
