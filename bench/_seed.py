"""The HTTP benchmark's data set, loaded in bulk: PostgreSQL ``COPY`` (psycopg 3), SQLite
``executemany``, explicit ids, sequences reset after; then the derived data the services keep.

At scale 1: 5 programmes, 10,000 coalitions (6 members, 3 milestones, 3 canvas changes and 2 to
7 indicators each), 100,000 actors (10,000 organisations, 90,000 people with accounts),
1,000,000 indicator measurements, 10,000 events with 200,000 registrations, 30 calls with 18,000
proposals, 36,000 reviews and about 100,000 scores, 1,000 publications (an eighth datasets).

``scale`` multiplies the coalitions and what hangs on them (members, milestones, changes,
indicators, measurements); the other volumes follow it down to 0.01 but stay at their 1x size
above 1 (``min(scale, 1)``), so that scale 10 shows the growth of the coalitions' tables alone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from _data import (
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    ORGANISATION_PREFIXES,
    TOPICS,
    WORDS,
    paragraph,
    sentence,
)

SEED_VERSION = 1
MARKER = "bench_http_seed"


@dataclass
class Volumes:
    programmes: int = 5
    coalitions: int = 10_000
    organisations: int = 10_000
    people: int = 90_000
    measurements: int = 1_000_000
    events: int = 10_000
    registrations_per_event: int = 20
    calls: int = 30
    submissions: int = 18_000
    publications: int = 1_000

    @classmethod
    def at(cls, scale: float) -> Volumes:
        other = min(scale, 1.0)
        base = cls()

        def n(value: int, by: float, least: int) -> int:
            return max(least, round(value * by))

        return cls(
            coalitions=n(base.coalitions, scale, 20),
            organisations=n(base.organisations, other, 20),
            people=n(base.people, other, 200),
            measurements=n(base.measurements, scale, 200),
            events=n(base.events, other, 20),
            calls=n(base.calls, other, 2),
            submissions=n(base.submissions, other, 40),
            publications=n(base.publications, other, 16),
        )


@dataclass
class Seeded:
    """What was loaded, row counts by table, and how long it took."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# --- the marker ----------------------------------------------------------------------------


def marker_read() -> dict[str, Any] | None:
    """The seed marker (scale, version, counts) of this database, or None."""
    with connection.cursor() as cursor:
        if MARKER not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT scale, version, data FROM {MARKER}")  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        return None
    return {"scale": float(row[0]), "version": int(row[1]), **json.loads(row[2])}


def marker_clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER}")


def marker_write(scale: float, data: dict[str, Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER} (scale varchar(20), version integer, data text)")
        cursor.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, %s)",  # noqa: S608
            [str(scale), SEED_VERSION, json.dumps(data)],
        )


# --- bulk loading --------------------------------------------------------------------------


class Loader:
    """Writes rows given as tuples of ``columns`` (attribute names, ``id`` included); the
    model's other columns get their default, ``auto_now`` times the load's time, nullable ones
    NULL and the rest an empty string."""

    def __init__(self, seeded: Seeded) -> None:
        self.seeded = seeded
        self.now = timezone.now()
        self.models: list[type[models.Model]] = []
        self.postgres = connection.vendor == "postgresql"

    def _filler(self, f: models.Field) -> Any:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.now
        if f.has_default():
            return f.get_default()
        if f.null:
            return None
        return ""

    def load(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        started = time.perf_counter()
        meta = model._meta
        given = [meta.get_field(name) for name in columns]
        given_names = {f.attname for f in given}
        # Columns the database computes (generated columns, database defaults such as a
        # search vector another app adds) are left to it.
        rest = [
            f
            for f in meta.concrete_fields
            if f.attname not in given_names
            and not getattr(f, "generated", False)
            and f.db_default is models.NOT_PROVIDED
        ]
        fields = [*given, *rest]
        fillers = tuple(self._filler(f) for f in rest)
        is_json = [isinstance(f, models.JSONField) for f in fields]
        table = connection.ops.quote_name(meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)

        def full(row: Sequence[Any]) -> tuple[Any, ...]:
            values = (*row, *fillers)
            if any(is_json):
                values = tuple(
                    json.dumps(v) if j and v is not None else v
                    for v, j in zip(values, is_json, strict=True)
                )
            return values

        n = 0
        raw = connection.connection
        if self.postgres:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(full(row))
                    n += 1
        else:
            placeholders = ", ".join("?" for _ in fields)
            sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
            batch: list[tuple[Any, ...]] = []

            def prep(values: tuple[Any, ...]) -> tuple[Any, ...]:
                return tuple(
                    v if j else f.get_db_prep_save(v, connection)
                    for v, f, j in zip(values, fields, is_json, strict=True)
                )

            for row in rows:
                batch.append(prep(full(row)))
                if len(batch) >= 20_000:
                    raw.executemany(sql, batch)
                    n += len(batch)
                    batch.clear()
            raw.executemany(sql, batch)
            n += len(batch)
        self.models.append(model)
        label = meta.db_table
        self.seeded.counts[label] = self.seeded.counts.get(label, 0) + n
        self.seeded.seconds[label] = self.seeded.seconds.get(label, 0) + (
            time.perf_counter() - started
        )
        return n

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(set(self.models)))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _through(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).remote_field.through


# --- the data set --------------------------------------------------------------------------


def seed(scale: float, *, log: Any = print) -> Seeded:
    """Load the data set of ``scale`` into the empty, migrated database."""
    from alliage.actors.models import Affiliation, Organisation, OrganisationKind, Person, Tag
    from alliage.agenda.models import Audience, Event, EventKind, Registration
    from alliage.calls.models import Assignment, Call, CallKind, Criterion, Score, Submission
    from alliage.coalitions.models import (
        CanvasChange,
        Coalition,
        CoalitionMember,
        CoalitionStatus,
        MemberRole,
        Milestone,
        MilestoneStatus,
        Programme,
        ProgrammeKind,
    )
    from alliage.commons.models import Publication, PublicationKind, Resource
    from alliage.core.models import User
    from alliage.evaluation.models import Indicator, Measurement

    v = Volumes.at(scale)
    rnd = random.Random(15)
    seeded = Seeded()
    loader = Loader(seeded)
    now = loader.now
    log(
        f"seeding scale {scale}: {v.coalitions} coalitions, {v.organisations} organisations, "
        f"{v.people} people, ~{v.measurements} measurements, {v.events} events, "
        f"{v.submissions} proposals, {v.publications} publications"
    )

    def ago(days: float) -> dt.datetime:
        return (now - dt.timedelta(days=days)).replace(microsecond=0)

    with transaction.atomic():
        # Triggers stay on (no session_replication_role = replica): the foreign keys' checks
        # cost some seconds at commit, and an app may keep derived data with a trigger.
        # Programmes, and one team account per programme (a person as every account).
        themes = [
            "Numérique responsable",
            "Sobriété",
            "Données et territoires",
            "Inclusion numérique",
            "Achats publics responsables",
        ]
        programme_ids = list(range(1, v.programmes + 1))
        loader.load(
            Programme,
            ("id", "slug", "name", "kind", "tagline", "description", "position"),
            (
                (
                    pid,
                    f"{slugify(themes[pid - 1])}",
                    themes[pid - 1],
                    list(ProgrammeKind.values)[(pid - 1) % 3],
                    f"Des coalitions pour {TOPICS[pid]}",
                    paragraph(rnd, 6),
                    pid,
                )
                for pid in programme_ids
            ),
        )

        # Accounts: people 1..P, then one team member per programme.
        people = v.people
        team_user_ids = [people + i for i in programme_ids]
        users = people + v.programmes
        loader.load(
            User,
            ("id", "email", "password", "email_confirmed", "date_joined", "language"),
            (
                (
                    uid,
                    f"equipe-{uid - people}@bench.example.org"
                    if uid > people
                    else f"personne-{uid}@bench.example.org",
                    "!",
                    True,
                    ago(rnd.uniform(0, 1500)),
                    "fr",
                )
                for uid in range(1, users + 1)
            ),
        )
        loader.load(
            _through(Programme, "team"),
            ("id", "programme_id", "user_id"),
            ((i, pid, team_user_ids[i - 1]) for i, pid in enumerate(programme_ids, 1)),
        )

        def person_name(pid: int) -> tuple[str, str]:
            return FIRST_NAMES[pid % len(FIRST_NAMES)], LAST_NAMES[(pid // 7) % len(LAST_NAMES)]

        loader.load(
            Person,
            (
                "id",
                "user_id",
                "first_name",
                "last_name",
                "bio",
                "intentions",
                "capabilities",
                "is_contactable",
            ),
            (
                (
                    pid,
                    pid,
                    *person_name(pid),
                    sentence(rnd, 14),
                    paragraph(rnd, 2),
                    paragraph(rnd, 2),
                    pid % 3 == 0,
                )
                for pid in range(1, users + 1)
            ),
        )

        kinds = list(OrganisationKind.values)
        orgs = v.organisations
        loader.load(
            Organisation,
            ("id", "slug", "name", "kind", "city", "description", "intentions", "capabilities"),
            (
                (
                    oid,
                    f"organisation-{oid}",
                    f"{ORGANISATION_PREFIXES[oid % len(ORGANISATION_PREFIXES)]} "
                    f"{WORDS[oid % len(WORDS)].capitalize()} {oid}",
                    kinds[oid % len(kinds)],
                    CITIES[oid % len(CITIES)],
                    paragraph(rnd, 3),
                    paragraph(rnd, 2),
                    paragraph(rnd, 2),
                )
                for oid in range(1, orgs + 1)
            ),
        )

        def org_of(pid: int) -> int:
            return (pid * 7919) % orgs + 1

        loader.load(
            Affiliation,
            ("id", "person_id", "organisation_id", "role"),
            ((pid, pid, org_of(pid), "Chargée de mission") for pid in range(1, users + 1)),
        )
        tag_names = sorted({*WORDS, *(t.split()[-1] for t in TOPICS)})
        loader.load(Tag, ("id", "name"), enumerate(tag_names, 1))
        tags = len(tag_names)
        loader.load(
            _through(Person, "tags"),
            ("id", "person_id", "tag_id"),
            (
                (2 * pid - 1 + j, pid, (pid * 3 + j * 11) % tags + 1)
                for pid in range(1, users + 1)
                for j in range(2)
            ),
        )
        loader.load(
            _through(Organisation, "tags"),
            ("id", "organisation_id", "tag_id"),
            (
                (2 * oid - 1 + j, oid, (oid * 5 + j * 7) % tags + 1)
                for oid in range(1, orgs + 1)
                for j in range(2)
            ),
        )

        # Coalitions and what hangs on them.
        statuses = list(CoalitionStatus.values)
        coalitions = v.coalitions
        coalition_times = {cid: ago(rnd.uniform(0, 1100)) for cid in range(1, coalitions + 1)}

        def coalition_row(cid: int) -> tuple[Any, ...]:
            topic = rnd.choice(TOPICS)
            words = " ".join(rnd.sample(WORDS, 2))
            title = f"Coalition pour {topic} : {words}"
            return (
                cid,
                (cid - 1) % v.programmes + 1,
                f"coalition-{cid}",
                title[:200],
                f"Agir ensemble sur {topic}, {' '.join(rnd.sample(WORDS, 6))}.",
                statuses[cid % len(statuses)],
                cid % 20 != 0,
                "\n\n".join(paragraph(rnd, 5) for _ in range(4)),
                paragraph(rnd, 3),
                paragraph(rnd, 3),
                paragraph(rnd, 2),
                paragraph(rnd, 2),
                paragraph(rnd, 3),
                "\n".join(f"- {p}" for p in rnd.sample(TOPICS, 4)),
                paragraph(rnd, 2),
                paragraph(rnd, 3),
                coalition_times[cid] - dt.timedelta(days=200),
                coalition_times[cid],
            )

        loader.load(
            Coalition,
            (
                "id",
                "programme_id",
                "slug",
                "title",
                "summary",
                "status",
                "is_published",
                "diagnostic",
                "swot_strengths",
                "swot_weaknesses",
                "swot_opportunities",
                "swot_threats",
                "impact_statement",
                "levers",
                "seeking",
                "evaluation",
                "created_at",
                "updated_at",
            ),
            (coalition_row(cid) for cid in range(1, coalitions + 1)),
        )
        roles = [MemberRole.LEAD, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.FUNDER]
        roles += [MemberRole.SUPPORTER, MemberRole.OBSERVER]
        members: dict[int, list[int]] = {
            cid: rnd.sample(range(1, people + 1), 6) for cid in range(1, coalitions + 1)
        }
        loader.load(
            CoalitionMember,
            ("id", "coalition_id", "person_id", "organisation_id", "role", "joined_at"),
            (
                (
                    (cid - 1) * 6 + j + 1,
                    cid,
                    pid,
                    org_of(pid),
                    roles[j],
                    coalition_times[cid] - dt.timedelta(days=150 - j),
                )
                for cid, pids in members.items()
                for j, pid in enumerate(pids)
            ),
        )
        milestone_statuses = list(MilestoneStatus.values)
        loader.load(
            Milestone,
            ("id", "coalition_id", "title", "due_date", "status", "position"),
            (
                (
                    (cid - 1) * 3 + j + 1,
                    cid,
                    f"Étape {j + 1} : {rnd.choice(TOPICS)}"[:200],
                    (coalition_times[cid] + dt.timedelta(days=90 * j)).date(),
                    milestone_statuses[(cid + j) % len(milestone_statuses)],
                    j,
                )
                for cid in range(1, coalitions + 1)
                for j in range(3)
            ),
        )
        changed = ("summary", "diagnostic", "levers")
        loader.load(
            CanvasChange,
            ("id", "coalition_id", "by_id", "at", "revision", "field", "before", "after"),
            (
                (
                    (cid - 1) * 3 + j + 1,
                    cid,
                    members[cid][0],
                    coalition_times[cid] - dt.timedelta(days=30 * (3 - j)),
                    j + 1,
                    changed[j],
                    paragraph(rnd, 3),
                    paragraph(rnd, 3),
                )
                for cid in range(1, coalitions + 1)
                for j in range(3)
            ),
        )

        indicator_counts = {cid: 2 + (cid * 7) % 6 for cid in range(1, coalitions + 1)}
        indicators = sum(indicator_counts.values())
        per_indicator = max(1, round(v.measurements / indicators))
        units = ["t CO2e", "%", "personnes", "kWh", "équipements", "€"]

        def indicator_rows() -> Iterable[tuple[Any, ...]]:
            iid = 0
            for cid, k in indicator_counts.items():
                for j in range(k):
                    iid += 1
                    up = (iid % 2) == 0
                    baseline = Decimal(100 + iid % 900)
                    target = baseline * (Decimal(2) if up else Decimal("0.5"))
                    yield (
                        iid,
                        cid,
                        f"{rnd.choice(PHRASES_SHORT)} ({units[iid % len(units)]})"[:200],
                        paragraph(rnd, 2),
                        units[iid % len(units)],
                        "up" if up else "down",
                        baseline,
                        dt.date(2023, 1, 1),
                        target,
                        dt.date(2028, 12, 31),
                        j < k - 1 or cid % 2 == 0,
                        j,
                    )

        loader.load(
            Indicator,
            (
                "id",
                "coalition_id",
                "name",
                "description",
                "unit",
                "direction",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                "is_public",
                "position",
            ),
            indicator_rows(),
        )

        def measurement_rows() -> Iterable[tuple[Any, ...]]:
            mid = 0
            start = dt.date(2023, 1, 1)
            for iid in range(1, indicators + 1):
                baseline = 100 + iid % 900
                for j in range(per_indicator):
                    mid += 1
                    yield (
                        mid,
                        iid,
                        Decimal(baseline + (j * 7) % 97),
                        start + dt.timedelta(days=30 * j + 1),
                        "Bilan mensuel",
                    )

        loader.load(
            Measurement,
            ("id", "indicator_id", "value", "measured_on", "source"),
            measurement_rows(),
        )

        # Events and registrations: four years, a quarter of them to come.
        event_kinds = list(EventKind.values)
        events = v.events
        event_starts = {
            eid: (now + dt.timedelta(days=rnd.uniform(-1095, 365))).replace(
                minute=0, second=0, microsecond=0
            )
            for eid in range(1, events + 1)
        }

        def event_row(eid: int) -> tuple[Any, ...]:
            topic = rnd.choice(TOPICS)
            kind = event_kinds[eid % len(event_kinds)]
            audience = Audience.PUBLIC if eid % 10 else Audience.MEMBERS
            coalition = (eid % coalitions) + 1 if eid % 3 == 0 else None
            starts = event_starts[eid]
            return (
                eid,
                (eid - 1) % v.programmes + 1,
                coalition,
                kind,
                f"{EventKind(kind).label} : {topic}"[:200],
                f"event-{eid}",
                paragraph(rnd, 4),
                f"{CITIES[eid % len(CITIES)]}, salle {eid % 12 + 1}",
                60 if eid % 4 else None,
                audience,
                starts,
                starts + dt.timedelta(hours=3),
            )

        loader.load(
            Event,
            (
                "id",
                "programme_id",
                "coalition_id",
                "kind",
                "title",
                "slug",
                "description",
                "place",
                "capacity",
                "audience",
                "starts_at",
                "ends_at",
            ),
            (event_row(eid) for eid in range(1, events + 1)),
        )
        per_event = v.registrations_per_event

        def registration_rows() -> Iterable[tuple[Any, ...]]:
            rid = 0
            for eid in range(1, events + 1):
                past = event_starts[eid] < now
                for pid in rnd.sample(range(1, people + 1), per_event):
                    rid += 1
                    yield (
                        rid,
                        eid,
                        pid,
                        "attended" if past and rid % 5 else "confirmed",
                        event_starts[eid] - dt.timedelta(days=10, minutes=rid % 1000),
                        uuid.UUID(int=rnd.getrandbits(128)).hex,
                    )

        loader.load(
            Registration,
            ("id", "event_id", "person_id", "status", "queued_at", "cancel_token"),
            registration_rows(),
        )

        # Calls, their rubrics, proposals, reviews and scores. A third of the calls is open,
        # the others closed for review.
        calls = v.calls
        call_kinds = list(CallKind.values)
        per_call = v.submissions // calls

        def call_window(cid: int) -> tuple[dt.datetime, dt.datetime]:
            if cid % 3 == 0:
                return ago(20), ago(-40)
            return ago(200 + 10 * cid), ago(120 + 10 * cid)

        loader.load(
            Call,
            (
                "id",
                "programme_id",
                "slug",
                "kind",
                "title",
                "description",
                "eligibility",
                "asks",
                "opens_at",
                "closes_at",
            ),
            (
                (
                    cid,
                    (cid - 1) % v.programmes + 1,
                    f"appel-{cid}",
                    call_kinds[cid % len(call_kinds)],
                    f"Appel {cid} : {TOPICS[cid % len(TOPICS)]}"[:200],
                    "\n\n".join(paragraph(rnd, 4) for _ in range(3)),
                    paragraph(rnd, 2),
                    ["diagnostic", "impact"],
                    *call_window(cid),
                )
                for cid in range(1, calls + 1)
            ),
        )
        criteria_per_call = 4
        loader.load(
            Criterion,
            ("id", "call_id", "name", "guidance", "weight", "scale", "position"),
            (
                (
                    (cid - 1) * criteria_per_call + j + 1,
                    cid,
                    ["Impact", "Faisabilité", "Coopération", "Sobriété"][j],
                    paragraph(rnd, 1),
                    j + 1,
                    5,
                    j,
                )
                for cid in range(1, calls + 1)
                for j in range(criteria_per_call)
            ),
        )
        # Ten reviewers per call, among people, plus the programme's team member.
        reviewers = {
            cid: [*rnd.sample(range(1, people + 1), 10), team_user_ids[(cid - 1) % v.programmes]]
            for cid in range(1, calls + 1)
        }
        loader.load(
            _through(Call, "reviewers"),
            ("id", "call_id", "user_id"),
            (
                ((cid - 1) * 11 + j + 1, cid, uid)
                for cid, uids in reviewers.items()
                for j, uid in enumerate(uids)
            ),
        )
        submissions: list[tuple[int, int, bool]] = []  # id, call, submitted

        def submission_rows() -> Iterable[tuple[Any, ...]]:
            sid = 0
            for cid in range(1, calls + 1):
                opens, closes = call_window(cid)
                for pid in rnd.sample(range(1, people + 1), per_call):
                    sid += 1
                    submitted = sid % 10 != 0
                    submissions.append((sid, cid, submitted))
                    topic = rnd.choice(TOPICS)
                    yield (
                        sid,
                        cid,
                        pid,
                        org_of(pid) if sid % 3 else None,
                        f"Projet {sid} pour {topic}"[:200],
                        paragraph(rnd, 3),
                        "\n\n".join(paragraph(rnd, 4) for _ in range(2)),
                        paragraph(rnd, 3),
                        "submitted" if submitted else "draft",
                        opens + (closes - opens) * ((sid % 97) / 100) if submitted else None,
                    )

        loader.load(
            Submission,
            (
                "id",
                "call_id",
                "person_id",
                "organisation_id",
                "title",
                "summary",
                "diagnostic",
                "impact",
                "status",
                "submitted_at",
            ),
            submission_rows(),
        )
        assignments: list[tuple[int, int, int, bool]] = []  # id, submission, call, done
        aid = 0
        for sid, cid, submitted in submissions:
            if not submitted:
                continue
            for uid in rnd.sample(reviewers[cid][:10], 2):
                aid += 1
                assignments.append((aid, sid, uid, aid % 5 != 0))
        loader.load(
            Assignment,
            ("id", "submission_id", "reviewer_id", "comment", "submitted_at", "created_at"),
            (
                (a, sid, uid, paragraph(rnd, 1) if done else "", ago(50) if done else None, ago(60))
                for a, sid, uid, done in assignments
            ),
        )
        call_of = {sid: cid for sid, cid, _ in submissions}

        def score_rows() -> Iterable[tuple[Any, ...]]:
            scid = 0
            for a, sid, _uid, done in assignments:
                if not done:
                    continue
                base = (call_of[sid] - 1) * criteria_per_call
                for j in range(criteria_per_call):
                    scid += 1
                    yield (scid, a, base + j + 1, (a + j * 3) % 6)

        loader.load(Score, ("id", "assignment_id", "criterion_id", "value"), score_rows())

        # The library: publications, an eighth of them datasets with two resources each.
        pub_kinds = list(PublicationKind.values)
        publications = v.publications

        def publication_row(pid: int) -> tuple[Any, ...]:
            kind = "dataset" if pid % 8 == 0 else pub_kinds[pid % len(pub_kinds)]
            if kind == "dataset" and pid % 8:
                kind = "guide"
            title = f"{PublicationKind(kind).label} {pid} : {rnd.choice(TOPICS)}"
            body = "\n\n".join(
                f"## {rnd.choice(TOPICS).capitalize()}\n\n{paragraph(rnd, 6)}" for _ in range(4)
            )
            return (
                pid,
                f"publication-{pid}",
                kind,
                title[:200],
                paragraph(rnd, 3),
                body,
                (pid - 1) % v.programmes + 1,
                (now - dt.timedelta(days=pid % 900)).date(),
                "published",
                dt.date(2023, 1, 1) if kind == "dataset" else None,
                dt.date(2025, 12, 31) if kind == "dataset" else None,
                CITIES[pid % len(CITIES)] if kind == "dataset" else "",
            )

        loader.load(
            Publication,
            (
                "id",
                "slug",
                "kind",
                "title",
                "summary",
                "body",
                "programme_id",
                "published_on",
                "status",
                "temporal_start",
                "temporal_end",
                "spatial",
            ),
            (publication_row(pid) for pid in range(1, publications + 1)),
        )
        loader.load(
            _through(Publication, "coalitions"),
            ("id", "publication_id", "coalition_id"),
            (
                (2 * pid - 1 + j, pid, (pid * 13 + j * 101) % coalitions + 1)
                for pid in range(1, publications + 1)
                for j in range(2)
            ),
        )
        loader.load(
            _through(Publication, "author_organisations"),
            ("id", "publication_id", "organisation_id"),
            ((pid, pid, (pid * 17) % orgs + 1) for pid in range(1, publications + 1)),
        )
        datasets = list(range(8, publications + 1, 8))
        loader.load(
            Resource,
            ("id", "publication_id", "title", "description", "url", "format", "position"),
            (
                (
                    2 * i - 1 + j,
                    pid,
                    ["Données brutes", "API"][j],
                    paragraph(rnd, 1),
                    f"https://data.example.org/jeux/{pid}/{['donnees.csv', 'api'][j]}",
                    ["csv", "api"][j],
                    j,
                )
                for i, pid in enumerate(datasets, 1)
                for j in range(2)
            ),
        )

        loader.reset_sequences()
    return seeded


PHRASES_SHORT = [
    "Émissions évitées",
    "Équipements reconditionnés",
    "Personnes accompagnées",
    "Consommation des serveurs",
    "Pages allégées",
    "Démarches accessibles",
    "Jeux de données ouverts",
    "Collectivités engagées",
    "Achats avec clause de durabilité",
    "Ateliers de médiation",
]


# --- derived data --------------------------------------------------------------------------

# Commands that rebuild what the services keep up to date row by row (search vectors, kept
# counts, the matching index), run after a bulk load that bypassed the services.
DERIVED_COMMAND_PATTERNS = (
    "after_bulk_load",
    "rebuild_",
    "_rebuild",
    "search_index",
    "reindex",
    "recount",
    "refresh_counts",
)


def derived_rebuild(*, log: Any = print) -> dict[str, float]:
    """Run every app's ``after_bulk_load()`` (in ``alliage.<app>.bulk`` or
    ``alliage.<app>.services``) and, for the apps without one, every management command whose
    name looks like a rebuild of derived data; say which ran, and go on (loudly) when one
    fails or none exists."""
    import importlib

    from django.apps import apps
    from django.core.management import get_commands

    timings: dict[str, float] = {}
    found = False
    hooked: set[str] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("alliage."):
            continue
        for module_name in ("bulk", "services"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ImportError:
                continue
            hook = getattr(module, "after_bulk_load", None)
            if callable(hook):
                found = True
                hooked.add(config.name)
                label = f"{config.name}.{module_name}.after_bulk_load()"
                timings[label] = _timed(label, hook, log)
                break
    for name, app in sorted(get_commands().items()):
        if (
            not str(app).startswith("alliage.")
            or app in hooked  # its after_bulk_load() does what it needs
            or not any(p in name for p in DERIVED_COMMAND_PATTERNS)
        ):
            continue
        found = True
        timings[f"alliage {name}"] = _timed(f"alliage {name}", partial(_command, name), log)
    if not found:
        log("!! no after_bulk_load() nor rebuild command found: derived data not rebuilt")
    timings["vacuum analyze"] = _timed("vacuum analyze", _vacuum_analyze, log)
    return timings


def _vacuum_analyze() -> None:
    """What autovacuum does to a table in production: the planner's statistics and the
    visibility map (without it, a count on an index still reads every row of a table loaded
    in bulk a moment ago)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _command(name: str) -> str:
    """Run a command, its output kept (a progress bar per 2,000 rows would flood the log);
    its last line is what it says it did."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command(name, verbosity=0, stdout=out)
    lines = [line for line in out.getvalue().replace("\r", "\n").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _timed(label: str, fn: Any, log: Any) -> float:
    started = time.perf_counter()
    try:
        said = fn()
    except Exception as error:  # fail soft: the benchmark still runs
        log(f"!! {label} failed: {error!r} — derived data may be missing")
        return float("nan")
    seconds = time.perf_counter() - started
    log(f"   {label}: {seconds:.1f} s{f' ({said})' if isinstance(said, str) and said else ''}")
    return seconds
