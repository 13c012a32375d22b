"""The demo's general assemblies: last year's, held around the "nos futurs" day, with its
attendance, proxies, votes and minutes; and the next one, its roll frozen and open for
proxies. Everything goes through the assembly's services, as the chair and the members would
act."""

from __future__ import annotations

import datetime as dt

from alliage.actors.models import Affiliation, Membership, Person
from alliage.assembly import services
from alliage.assembly.models import Attendance, Majority, MotionKind, Option, Voter
from alliage.coalitions.models import Programme
from alliage.core.models import User

from .agenda import _at, _event

REPORT = (
    "Le rapport moral retrace l'année du programme : les Reset Days, les appels à idées et à "
    "projets, les coalitions accompagnées et les communs publiés.\n\n"
    "[Rapport moral (PDF)](https://fing.example.org/ag/rapport-moral.pdf)"
)
ACCOUNTS = "[Comptes annuels et rapport du commissaire aux comptes](https://fing.example.org/ag/comptes.pdf)"


def _representatives() -> None:
    """Each member organisation votes through the first of its people (the demo's porteuse
    for the Métropole she works for)."""
    for m in Membership.objects.filter(organisation__isnull=False, representative__isnull=True):
        first = Affiliation.objects.filter(organisation=m.organisation).order_by("pk").first()
        if first is not None:
            m.representative = first.person
            m.save(update_fields=["representative"])


def _vote(motion, voters: list[Voter], pattern: list[int | list[int]]) -> None:
    options = list(Option.objects.filter(motion=motion).order_by("position"))
    for voter, marks in zip(voters, pattern, strict=False):
        choices = [options[i].pk for i in (marks if isinstance(marks, list) else [marks])]
        holder = voter.proxies_given.filter(revoked_at__isnull=True).first()
        caster = holder.holder.person if holder else voter.person
        services.ballot_cast(motion=motion, voter=voter, by=caster.user, choices=choices)


def assembly_load(
    *, today: dt.date, programmes: dict[str, Programme], people: dict[str, Person], team_user: User
) -> int:
    """Two assemblies of the #Reset programme; returns how many."""
    _representatives()
    reset = programmes["reset-2022"]
    past_day = today - dt.timedelta(days=190)
    past = _event(reset, past_day, kind="assembly", audience="members",
                  title=f"Assemblée générale {past_day.year}",
                  description="L'assemblée générale annuelle des adhérents, le matin de la "
                  "journée « nos futurs ».",
                  starts_at=_at(past_day, 9, 30), ends_at=_at(past_day, 12, 30))  # fmt: skip
    held = services.assembly_save(
        event=past, by=team_user, cutoff_on=past_day - dt.timedelta(days=30), weighted=True,
        quorum_percent=25, proxy_cap=2,
    )  # fmt: skip
    services.roll_freeze(assembly=held, by=team_user)
    voters = [v for v in held.voters.order_by("name", "pk") if v.person_id]
    absent = voters[-3:]
    present = voters[:-3]
    for giver, holder in zip(absent[:2], present, strict=False):
        services.proxy_give(giver=giver, holder=holder, by=giver.person.user)
    for i, voter in enumerate(present):
        mode = Attendance.ONLINE if i % 3 == 2 else Attendance.IN_PERSON
        services.check_in(voter=voter, by=team_user, mode=mode, now=past.starts_at)
    casting = present + absent[:2]
    motions = [
        (
            {"title": "Approbation du rapport moral", "text": REPORT,
             "kind": MotionKind.RESOLUTION, "majority": Majority.SIMPLE},
            [0, 0, 0, 2, 0, 1, 0, 0, 0, 0],
        ),
        (
            {"title": "Approbation des comptes de l'exercice", "documents": ACCOUNTS,
             "kind": MotionKind.RESOLUTION, "majority": Majority.ABSOLUTE, "secret": True},
            [0, 0, 2, 0, 0, 0, 1, 0, 0, 0],
        ),
        (
            {"title": "Élection au conseil d'administration", "kind": MotionKind.ELECTION,
             "majority": Majority.SIMPLE, "secret": True, "seats": 2,
             "options": ["Anne Lefort", "Pierre Aubert", "Chloé Nguyen"]},
            [[0, 1], [0], [1, 2], [0, 2], [0, 1], [2], [0], [1], [0, 1], [3]],
        ),
    ]  # fmt: skip
    for fields, pattern in motions:
        motion = services.motion_save(assembly=held, by=team_user, **fields)
        motion = services.motion_open(motion=motion, by=team_user)
        _vote(motion, casting, pattern)
        services.motion_close(motion=motion, by=team_user)

    next_day = today + dt.timedelta(days=40)
    upcoming = _event(reset, next_day, kind="assembly", audience="members",
                      title=f"Assemblée générale {next_day.year}",
                      description="L'assemblée générale annuelle : rapport moral, comptes, "
                      "élection au conseil d'administration. Vous ne pouvez pas venir ? Donnez "
                      "votre pouvoir à un autre adhérent depuis la page de l'assemblée.",
                      starts_at=_at(next_day, 9, 30), ends_at=_at(next_day, 12, 30))  # fmt: skip
    coming = services.assembly_save(
        event=upcoming, by=team_user, cutoff_on=today, weighted=True, quorum_percent=25,
        proxy_cap=2,
    )  # fmt: skip
    services.roll_freeze(assembly=coming, by=team_user)
    voters = [v for v in coming.voters.order_by("name", "pk") if v.person_id]
    if len(voters) >= 2:
        services.proxy_give(giver=voters[-1], holder=voters[0], by=voters[-1].person.user)
    for fields, _pattern in motions:
        services.motion_save(assembly=coming, by=team_user, **fields)
    return 2
