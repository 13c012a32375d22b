"""Input and output schemas, one per operation where they differ. Outputs are built by the
routers from the selectors' objects; nothing here reads the database."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ProgrammeOut(Schema):
    slug: str
    name: str
    kind: str
    tagline: str
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    url: str


class CoalitionItem(Schema):
    slug: str
    title: str
    summary: str
    status: str
    programme: str
    published: bool
    updated_at: dt.datetime
    url: str


class Swot(Schema):
    strengths: str
    weaknesses: str
    opportunities: str
    threats: str


class MilestoneOut(Schema):
    title: str
    due_date: dt.date | None
    status: str


class MemberOut(Schema):
    name: str | None = Field(description="Null when the person keeps their profile private.")
    organisation: str | None
    organisation_kind: str | None
    role: str


class HeterogeneityOut(Schema):
    index: float
    actors: int
    kinds: dict[str, int]


class CoalitionOut(CoalitionItem):
    diagnostic: str
    swot: Swot
    impact_statement: str
    target_date: dt.date | None
    levers: str
    seeking: str
    evaluation: str
    members_notes: str | None = Field(description="Only for the coalition and its team.")
    milestones: list[MilestoneOut]
    members: list[MemberOut]
    heterogeneity: HeterogeneityOut
    revision: int = Field(description="Send it back as base_revision when you change the canvas.")


class CanvasIn(Schema):
    """Only the fields sent are changed; every change is kept in the coalition's history."""

    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=400)
    diagnostic: str | None = Field(None, max_length=50_000)
    swot_strengths: str | None = Field(None, max_length=10_000)
    swot_weaknesses: str | None = Field(None, max_length=10_000)
    swot_opportunities: str | None = Field(None, max_length=10_000)
    swot_threats: str | None = Field(None, max_length=10_000)
    impact_statement: str | None = Field(None, max_length=10_000)
    target_date: dt.date | None = None
    levers: str | None = Field(None, max_length=50_000)
    seeking: str | None = Field(None, max_length=10_000)
    evaluation: str | None = Field(None, max_length=50_000)
    members_notes: str | None = Field(None, max_length=50_000)
    base_revision: int | None = Field(
        None, ge=0, description="The revision you read; refused with 409 if it moved since."
    )


class MeasurementOut(Schema):
    measured_on: dt.date
    value: float
    source: str
    note: str


class Point(Schema):
    value: float
    date: dt.date


class IndicatorOut(Schema):
    id: int
    name: str
    description: str
    unit: str
    direction: str
    baseline: Point
    target: Point
    status: str = Field(description="on_track, late, reached or no_data, at today's date.")
    progress: float | None = Field(
        description="(latest - baseline) / (target - baseline), not clipped; null without data."
    )
    measurements: list[MeasurementOut]


class MeasurementIn(Schema):
    value: str = Field(
        min_length=1,
        max_length=60,
        description='A number, optionally followed by the indicator\'s unit: "1 650,5 t CO2e".',
    )
    measured_on: dt.date
    source: str = Field(min_length=1, max_length=300)
    note: str = Field("", max_length=2000)


class CriterionOut(Schema):
    name: str
    weight: float
    scale: int


class AcceptedProject(Schema):
    title: str
    organisation: str | None
    coalition: str | None = Field(description="The slug of the coalition it became.")


class CallItem(Schema):
    slug: str
    title: str
    kind: str
    programme: str
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    decided_at: dt.datetime | None
    url: str


class CallOut(CallItem):
    description: str
    eligibility: str
    criteria: list[CriterionOut]
    accepted_projects: list[AcceptedProject]


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    programme: str
    coalition: str | None
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    place: str
    capacity: int | None
    seats_taken: int
    url: str


class RegistrationOut(Schema):
    event: str
    status: str = Field(description="confirmed, waitlisted or cancelled.")


class MeOut(Schema):
    name: str
    profile: str
    token: str
    scope: str
