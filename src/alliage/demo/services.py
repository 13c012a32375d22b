"""Load the demo programme: five programmes, their coalitions, organisations and people.

The data (``data.py``) is written on the seed's own timeline, as if today were 2020-11-29;
every date is moved by whole years so that the demo is always current.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from alliage.actors.models import (
    Affiliation,
    Membership,
    Organisation,
    Payment,
    PaymentMethod,
    Person,
    Tier,
)
from alliage.actors.services import person_register, tags_from_names
from alliage.coalitions.models import Coalition, CoalitionStatus, MemberRole, Programme
from alliage.coalitions.services import (
    MilestoneData,
    coalition_propose,
    coalition_transition,
    coalition_update_canvas,
    join_request_create,
    join_request_decide,
)
from alliage.selfdata.services import consent_receipts_from_flags
from alliage.team.services import team_group

from . import data
from .agenda import agenda_load
from .assembly import assembly_load
from .calls import calls_load
from .commons import commons_load
from .discussions import discussions_load
from .evaluation import evaluation_load

SEED_TODAY = dt.date(2020, 11, 29)
DEMO_PASSWORD = "alliage-demo"  # printed by `alliage demo`; demo databases only
DEMO_ACCOUNTS = (
    ("equipe@alliage.example.org", "programme team"),
    ("porteuse@alliage.example.org", "coalition lead"),
    ("membre@alliage.example.org", "coalition member and adhérent"),
    ("visiteur@alliage.example.org", "visitor"),
)


@dataclass(frozen=True)
class DemoSummary:
    programmes: int
    organisations: int
    people: int
    coalitions: int
    events: int


# Years in the texts that belong to the programme's present and future (2019 onwards), except
# a programme's proper name ("#Reset 2022") and the end of a past range ("2018-2019").
_YEAR = re.compile(r"(?<!Reset )(?<![\d\-–])(20(?:19|2\d))(?![\d\-–])")


class Shift:
    """Moves the seed's dates by whole years so that its 2020 becomes this year, and the years
    its texts mention with them, so that a target "by the end of 2022" matches its date."""

    def __init__(self, today: dt.date) -> None:
        self.years = today.year - SEED_TODAY.year

    def text(self, value: str) -> str:
        return _YEAR.sub(lambda m: str(int(m.group(1)) + self.years), value)

    def __call__(self, iso: str | None) -> dt.date | None:
        if not iso:
            return None
        day = dt.date.fromisoformat(iso)
        try:
            return day.replace(year=day.year + self.years)
        except ValueError:  # 29 February in a year without one
            return day.replace(year=day.year + self.years, day=28)


_IDENTIFIERS = frozenset({"slug", "email", "website", "programme", "coalition", "organisation"})


def _shift_texts(value: Any, shift: Shift, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _IDENTIFIERS else shift.text(value)
    if isinstance(value, dict):
        return {k: _shift_texts(v, shift, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_shift_texts(v, shift, key) for v in value]
    return value


def database_is_empty() -> bool:
    return not Programme.objects.exists() and not Organisation.objects.exists()


def _membership(holder: dict[str, Any], shift: Shift, **owner: Any) -> None:
    if holder.get("membership"):
        m = holder["membership"]
        tier = Tier.objects.get(pk=m["tier"])
        membership = Membership.objects.create(
            tier=tier,
            amount_due=tier.yearly_amount,
            amount_paid=tier.yearly_amount,
            starts_on=shift(m["starts_on"]),
            ends_on=shift(m["ends_on"]),
            **owner,
        )
        Payment.objects.create(
            membership=membership,
            paid_on=membership.starts_on,
            amount=tier.yearly_amount,
            method=PaymentMethod.TRANSFER,
            reference=f"VIR-{membership.starts_on:%Y}-{membership.pk:04d}",
        )


@transaction.atomic
def demo_load(*, today: dt.date | None = None) -> DemoSummary:
    """Create the demo programme in an empty database; all of it or nothing."""
    shift = Shift(today or timezone.localdate())
    programmes_data, organisations_data, people_data, coalitions_data, requests_data = (
        _shift_texts(rows, shift)
        for rows in (
            data.PROGRAMMES,
            data.ORGANISATIONS,
            data.PEOPLE,
            data.COALITIONS,
            data.JOIN_REQUESTS,
        )
    )
    for position, row in enumerate(data.TIERS):
        Tier.objects.update_or_create(code=row["code"], defaults={**row, "position": position})
    organisations: dict[str, Organisation] = {}
    for row in organisations_data:
        org = Organisation.objects.create(
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            city=row.get("city", ""),
            website=row.get("website", ""),
            description=row.get("description", ""),
            intentions=row.get("intentions", ""),
            capabilities=row.get("capabilities", ""),
        )
        org.tags.set(tags_from_names(row.get("tags", [])))
        _membership(row, shift, organisation=org)
        organisations[org.slug] = org

    demo_emails = {email for email, _ in DEMO_ACCOUNTS}
    people: dict[str, Person] = {}
    for row in people_data:
        email = row["email"]
        person = person_register(
            email=email,
            password=DEMO_PASSWORD if email in demo_emails else None,
            first_name=row["first_name"],
            last_name=row["last_name"],
        )
        person.bio = row.get("bio", "")
        person.intentions = row.get("intentions", "")
        person.capabilities = row.get("capabilities", "")
        # The demo's fictional people have consented (receipts below, after everything).
        person.is_listed = row.get("listed", True)
        person.is_suggestable = row.get("suggestable", True)
        person.is_contactable = row.get("contactable", True)
        person.save()
        person.tags.set(tags_from_names(row.get("tags", [])))
        Affiliation.objects.bulk_create(
            Affiliation(
                person=person, organisation=organisations[a["organisation"]], role=a["role"]
            )
            for a in row.get("affiliations", [])
        )
        _membership(row, shift, person=person)
        people[email] = person

    team_user = people["equipe@alliage.example.org"].user
    team_user.is_staff = True
    team_user.save(update_fields=["is_staff"])
    team_user.groups.add(team_group())

    programmes: dict[str, Programme] = {}
    for position, row in enumerate(programmes_data):
        programme = Programme.objects.create(
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            tagline=row["tagline"],
            description=row["description"],
            starts_on=shift(row.get("starts_on")),
            ends_on=shift(row.get("ends_on")),
            position=position,
        )
        programme.team.set([people[email].user for email in row.get("team", [])])
        programme.team.add(team_user)  # the demo's team account sees every programme
        programmes[programme.slug] = programme

    for row in coalitions_data:
        _coalition_load(
            row, shift=shift, programmes=programmes, organisations=organisations, people=people
        )
    for row in requests_data:
        join_request_create(
            coalition=Coalition.objects.get(slug=row["coalition"]),
            by=people[row["person"]].user,
            organisation=organisations[row["organisation"]] if row.get("organisation") else None,
            message=row.get("message", ""),
        )

    _first_revision(people)
    events = agenda_load(
        today=today or timezone.localdate(),
        programmes=programmes,
        people=people,
        team_user=team_user,
    )
    calls_load(
        today=today or timezone.localdate(),
        programmes=programmes,
        people=people,
        team_user=team_user,
    )
    evaluation_load(today=today or timezone.localdate(), people=people)
    consent_receipts_from_flags()
    commons_load(
        today=today or timezone.localdate(),
        programmes=programmes,
        organisations=organisations,
        people=people,
        team_user=team_user,
    )
    discussions_load(people=people)
    assembly_load(
        today=today or timezone.localdate(),
        programmes=programmes,
        people=people,
        team_user=team_user,
    )
    return DemoSummary(
        programmes=len(programmes),
        organisations=len(organisations),
        people=len(people),
        coalitions=Coalition.objects.count(),
        events=events,
    )


# The steps a coalition takes from "idea" to reach each status (a closed coalition was active
# before it closed), each through ``coalition_transition`` as its lead would take them.
LIFECYCLE_STEPS: dict[str, tuple[str, ...]] = {
    CoalitionStatus.IDEA: (),
    CoalitionStatus.FORMING: (CoalitionStatus.FORMING,),
    CoalitionStatus.ACTIVE: (CoalitionStatus.FORMING, CoalitionStatus.ACTIVE),
    CoalitionStatus.EVALUATING: (
        CoalitionStatus.FORMING,
        CoalitionStatus.ACTIVE,
        CoalitionStatus.EVALUATING,
    ),
    CoalitionStatus.CLOSED: (
        CoalitionStatus.FORMING,
        CoalitionStatus.ACTIVE,
        CoalitionStatus.CLOSED,
    ),
}


def _coalition_load(
    row: dict[str, Any],
    *,
    shift: Shift,
    programmes: dict[str, Programme],
    organisations: dict[str, Organisation],
    people: dict[str, Person],
) -> Coalition:
    """One coalition of the seed, made the way its people would make it, through the
    coalition services (so its history and audit log are those of real use): its first lead
    proposes it, fills and publishes the canvas; the others ask to join and the lead accepts
    each in their role; then the lead moves it along its lifecycle to its status. A coalition
    the seed keeps unpublished is published while people join (nobody may ask to join a
    coalition they cannot see), then taken back to draft by its lead."""
    lead_row = next(m for m in row["members"] if m["role"] == MemberRole.LEAD)
    lead = people[lead_row["person"]].user

    def organisation(member: dict[str, Any]) -> Organisation | None:
        return organisations[member["organisation"]] if member.get("organisation") else None

    proposed = coalition_propose(
        programme=programmes[row["programme"]],
        by=lead,
        title=row["title"],
        summary=row.get("summary", ""),
        diagnostic=row.get("diagnostic", ""),
        impact_statement=row.get("impact_statement", ""),
        organisation=organisation(lead_row),
        slug=row["slug"],  # the seed's identifiers: its other parts and the tests name them
    )
    swot = row.get("swot") or {}
    coalition_update_canvas(
        coalition=_fresh(proposed),
        by=lead,
        data={
            "is_published": True,
            "swot_strengths": swot.get("strengths", ""),
            "swot_weaknesses": swot.get("weaknesses", ""),
            "swot_opportunities": swot.get("opportunities", ""),
            "swot_threats": swot.get("threats", ""),
            "target_date": shift(row.get("target_date")),
            "levers": row.get("levers", ""),
            "seeking": row.get("seeking", ""),
            "evaluation": row.get("evaluation", ""),
            "members_notes": row.get("members_notes", ""),
        },
        milestones=[
            MilestoneData(title=m["title"], due_date=shift(m.get("due_date")), status=m["status"])
            for m in row.get("milestones", [])
        ],
    )
    coalition = _fresh(proposed)
    for member in row["members"]:
        if member is lead_row:
            continue
        request = join_request_create(
            coalition=coalition, by=people[member["person"]].user, organisation=organisation(member)
        )
        join_request_decide(join_request=request, by=lead, accept=True, role=member["role"])
    for step in LIFECYCLE_STEPS[row["status"]]:
        coalition_transition(coalition=_fresh(proposed), by=lead, to=step)
    if not row.get("published", True):
        coalition_update_canvas(coalition=_fresh(proposed), by=lead, data={"is_published": False})
    return _fresh(proposed)


def _fresh(coalition: Coalition) -> Coalition:
    """The coalition as stored now: the permission predicates read the object they are given
    (its publication, its status) and cache its members' roles on it."""
    return Coalition.objects.get(pk=coalition.pk)


EXTRA_SEEKING = (
    "Nous cherchons aussi une collectivité d’outre-mer pour tester les critères hors de l’Hexagone."
)


def _first_revision(people: dict[str, Person]) -> None:
    """The lead's coalition gets a first recorded edit, so its history page has something."""
    lead = people["porteuse@alliage.example.org"].user
    coalition = Coalition.objects.get(slug=data.COALITIONS[0]["slug"])
    seeking = coalition.seeking.rstrip()
    coalition_update_canvas(
        coalition=coalition,
        by=lead,
        data={"seeking": f"{seeking}\n\n{EXTRA_SEEKING}"},
    )


def demo_accounts_guide() -> list[tuple[str, str, list[str]]]:
    """Each demo account with its role and what it can try: the coalitions it leads or belongs
    to, the programmes whose team it is in. For the message ``alliage demo`` prints (in
    English, as the rest of the terminal's output)."""
    from django.utils import translation

    from alliage.coalitions.models import CoalitionMember

    guide = []
    with translation.override("en"):
        for email, role in DEMO_ACCOUNTS:
            lines = []
            memberships = (
                CoalitionMember.objects.filter(person__user__email=email)
                .select_related("coalition")
                .order_by("coalition__title")
            )
            for m in memberships:
                what = (
                    "leads"
                    if m.role == MemberRole.LEAD
                    else f"is a {m.get_role_display().lower()} of"
                )
                lines.append(f"{what} “{m.coalition.title}” (/coalitions/{m.coalition.slug}/)")
            team = list(Programme.objects.filter(team__email=email).order_by("position"))
            if team:
                names = ", ".join(p.name for p in team)
                lines.append(f"runs {len(team)} programmes from /team/: {names}")
            guide.append((email, role, lines))
    return guide
