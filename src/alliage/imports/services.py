"""Bulk import, in two steps: a preview (the whole import run, then rolled back, so that
every row's fate and every error is known) and a commit (the same run, kept only when no row
fails: all or nothing). Rows are matched on natural keys, so that the same file imported
twice changes nothing: an organisation by slug or name, a person by e-mail, a membership by
holder, tier and start, a measurement by indicator and date. The writing is the apps'
services'; permissions are theirs too (measurements: the coalition's programme)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from alliage.actors import selectors as actor_selectors
from alliage.actors import services as actor_services
from alliage.actors.models import Membership, Organisation, OrganisationKind, Tier
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require
from alliage.evaluation import services as evaluation_services
from alliage.evaluation.models import Indicator

from .audit import AuditAction
from .tables import MAX_BYTES, table_read

__all__ = ["KINDS", "MAX_BYTES", "ImportReport", "import_run", "template_rows"]

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


class RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass
class RowReport:
    number: int
    values: dict[str, str]
    action: str = UNCHANGED
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportReport:
    kind: str
    rows: list[RowReport] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> list[RowReport]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in (CREATE, UPDATE, UNCHANGED, ERROR)}


class _Rollback(Exception):
    pass


# --- Cell parsing ----------------------------------------------------------------------


def _tier(value: str) -> Tier:
    """A membership tier by its code or its name, any case."""
    wanted = " ".join(value.split())
    tier = Tier.objects.filter(Q(code__iexact=wanted) | Q(name__iexact=wanted)).first()
    if tier is None:
        codes = ", ".join(Tier.objects.values_list("code", flat=True))
        raise RowError(
            "tier",
            _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": codes},
        )
    return tier


def _choice(value: str, choices: type, column: str) -> str:
    """A choice by its code or its label, in French or English, any case."""
    wanted = " ".join(value.split()).lower()
    for code, label in choices.choices:
        names = {code.lower()}
        for language in ("fr", "en"):
            with override(language):
                names.add(str(label).lower())
        if wanted in names:
            return code
    raise RowError(
        column,
        _("“%(value)s” is not one of: %(choices)s.")
        % {"value": value, "choices": ", ".join(code for code, _label in choices.choices)},
    )


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
FRENCH_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _date(value: str, column: str) -> dt.date:
    """2026-03-31 or 31/03/2026 (31.03.2026)."""
    text = value.strip()
    parts = None
    if match := ISO_DATE.fullmatch(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := FRENCH_DATE.fullmatch(text):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    if parts is not None:
        try:
            return dt.date(*parts)
        except ValueError:
            pass
    raise RowError(
        column, _("“%(value)s” is not a date (2026-03-31 or 31/03/2026).") % {"value": value}
    )


def _boolean(value: str, column: str) -> bool:
    wanted = value.strip().lower()
    if wanted in ("1", "yes", "oui", "true", "vrai", "y", "o"):
        return True
    if wanted in ("0", "no", "non", "false", "faux", "n"):
        return False
    raise RowError(column, _("Write yes or no."))


def _required(row: dict[str, str], column: str) -> str:
    value = row.get(column, "").strip()
    if not value:
        raise RowError(column, _("This cell is required."))
    return value


def _organisation(value: str, column: str) -> Organisation:
    organisation = actor_selectors.organisation_by_key(key=value)
    if organisation is None:
        raise RowError(
            column, _("No organisation has this slug or name: “%(value)s”.") % {"value": value}
        )
    return organisation


# --- One handler per kind: a row in, an action out (raising RowError or BusinessError) ----

ORGANISATION_COLUMNS = {
    "name": "name",
    "kind": "kind",
    "city": "city",
    "website": "website",
    "description": "description",
    "listed": "is_listed",
}


def _organisation_row(row: dict[str, str], by: User) -> str:
    name = " ".join(_required(row, "name").split())
    fields: dict[str, object] = {}
    for column, attr in ORGANISATION_COLUMNS.items():
        if column not in row or column == "name":
            continue
        value = row[column]
        if column == "kind":
            fields[attr] = (
                _choice(value, OrganisationKind, column) if value else OrganisationKind.OTHER
            )
        elif column == "listed":
            fields[attr] = _boolean(value, column) if value else True
        else:
            fields[attr] = value
    slug = row.get("slug", "").strip()
    existing = actor_selectors.organisation_by_key(key=slug) if slug else None
    if existing is None:
        existing = actor_selectors.organisation_by_key(key=name)
    if existing is None:
        actor_services.organisation_create(by=by, name=name, slug=slug, affiliate=False, **fields)
        return CREATE
    changed = actor_services.organisation_update(organisation=existing, by=by, name=name, **fields)
    return UPDATE if changed else UNCHANGED


def _person_row(row: dict[str, str], by: User) -> str:
    email = _required(row, "email").lower()
    first_name = _required(row, "first_name")
    last_name = _required(row, "last_name")
    organisation = None
    if row.get("organisation"):
        organisation = _organisation(row["organisation"], "organisation")
    role = row.get("role", "")
    person = actor_selectors.person_by_email(email=email)
    if person is None:
        actor_services.person_create(
            by=by,
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            role=role,
        )
        return CREATE
    changed = actor_services.person_update_by_team(
        person=person, by=by, first_name=first_name, last_name=last_name
    )
    if organisation is not None and actor_services.affiliation_ensure(
        person=person, organisation=organisation, role=role
    ):
        changed.append("affiliation")
    return UPDATE if changed else UNCHANGED


def _membership_row(row: dict[str, str], by: User) -> str:
    organisation = person = None
    if row.get("organisation"):
        organisation = _organisation(row["organisation"], "organisation")
    if row.get("person_email"):
        person = actor_selectors.person_by_email(email=row["person_email"])
        if person is None:
            raise RowError("person_email", _("No person has this e-mail address."))
    if (organisation is None) == (person is None):
        raise RowError("organisation", _("Give an organisation or a person's e-mail, not both."))
    tier = _tier(_required(row, "tier"))
    starts_on = _date(_required(row, "starts_on"), "starts_on")
    ends_on = _date(_required(row, "ends_on"), "ends_on")
    existing = Membership.objects.filter(
        organisation=organisation, person=person, tier=tier, starts_on=starts_on
    ).first()
    if existing is not None and existing.ends_on == ends_on:
        return UNCHANGED
    # An imported membership is historic: taken as settled, so nothing is due (amount_due=0)
    # and it is in good standing over its period; an update keeps what the team typed since.
    actor_services.membership_save(
        by=by,
        membership=existing,
        organisation=organisation,
        person=person,
        tier=tier,
        starts_on=starts_on,
        ends_on=ends_on,
        amount_due=Decimal(0) if existing is None else None,
    )
    return CREATE if existing is None else UPDATE


def _measurement_row(row: dict[str, str], by: User) -> str:
    raw = _required(row, "indicator")
    indicator = None
    if re.fullmatch(r"\d{1,12}", raw):
        indicator = Indicator.objects.select_related("coalition").filter(pk=int(raw)).first()
    if indicator is None:
        raise RowError(
            "indicator", _("No indicator has this number: “%(value)s”.") % {"value": raw}
        )
    if not by.has_perm("evaluation.record_measurement", indicator.coalition):
        raise RowError(
            "indicator",
            _("You may not record measurements for this indicator: it is not your programme's."),
        )
    measured_on = _date(_required(row, "measured_on"), "measured_on")
    value = _required(row, "value")
    source = row.get("source", "")
    note = row.get("note", "")
    existing = indicator.measurements.filter(measured_on=measured_on).first()
    if existing is not None:
        try:
            same = Decimal(value.replace(",", ".").replace(" ", "")) == existing.value
        except InvalidOperation:
            same = False
        if same and existing.source == source.strip() and existing.note == note:
            return UNCHANGED
        evaluation_services.measurement_delete(measurement=existing, by=by)
    evaluation_services.measurement_record(
        indicator=indicator, by=by, value=value, measured_on=measured_on, source=source, note=note
    )
    return CREATE if existing is None else UPDATE


@dataclass(frozen=True)
class Kind:
    slug: str
    label: object
    columns: tuple[str, ...]
    required: tuple[str, ...]
    example: tuple[str, ...]
    handler: Callable[[dict[str, str], User], str]
    # a service's field named in an error → the file's column
    field_columns: dict[str, str] = field(default_factory=dict)

    def column_of(self, name: str) -> str:
        """The file's column a service's error names (``is_listed`` → ``listed``), or ""."""
        name = self.field_columns.get(name, name)
        return name if name in self.columns else ""


KINDS = {
    kind.slug: kind
    for kind in (
        Kind(
            "organisations",
            gettext_lazy("Organisations"),
            ("name", "slug", "kind", "city", "website", "description", "listed"),
            ("name",),
            ("Association Exemple", "", "association", "Lyon", "https://example.org", "", "yes"),
            _organisation_row,
            {"is_listed": "listed"},
        ),
        Kind(
            "people",
            gettext_lazy("People"),
            ("email", "first_name", "last_name", "organisation", "role"),
            ("email", "first_name", "last_name"),
            ("camille@example.org", "Camille", "Martin", "Association Exemple", "Présidente"),
            _person_row,
        ),
        Kind(
            "memberships",
            gettext_lazy("Memberships"),
            ("organisation", "person_email", "tier", "starts_on", "ends_on"),
            ("tier", "starts_on", "ends_on"),
            ("Association Exemple", "", "small", "2026-01-01", "2026-12-31"),
            _membership_row,
            {"person": "person_email"},
        ),
        Kind(
            "measurements",
            gettext_lazy("Indicator measurements"),
            ("indicator", "measured_on", "value", "source", "note"),
            ("indicator", "measured_on", "value", "source"),
            ("12", "2026-03-31", "42", "Rapport trimestriel", ""),
            _measurement_row,
        ),
    )
}


def _messages(error: BusinessError | ValidationError) -> list[tuple[str, str]]:
    if isinstance(error, BusinessError):
        return [(error.field or "", error.message)]
    if hasattr(error, "error_dict"):
        return [(name, " ".join(msgs)) for name, msgs in error.message_dict.items()]
    return [("", " ".join(error.messages))]


def import_run(*, kind: str, content: bytes, filename: str, by: User, commit: bool) -> ImportReport:
    """Run the import of ``content`` as ``kind``: every row in its own savepoint, so that a
    failing row is reported with its number and column and the others still tell what they
    would do. The whole run is rolled back unless ``commit`` and no row failed. Raises
    BusinessError (field ``file``) for a file that cannot be read at all."""
    permission_require(by, "imports.run_import", None)
    spec = KINDS[kind]
    header, rows = table_read(content, filename)
    missing = [c for c in spec.required if c not in header]
    if missing:
        raise BusinessError(
            _("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)},
            field="file",
        )
    report = ImportReport(kind=kind)
    try:
        with transaction.atomic():
            for row in rows:
                number = int(row.pop("_number"))
                line = RowReport(number=number, values={c: row.get(c, "") for c in spec.columns})
                try:
                    with transaction.atomic():
                        line.action = spec.handler(row, by)
                except RowError as error:
                    line.errors.append((error.column, error.message))
                except (BusinessError, ValidationError) as error:
                    line.errors = [
                        (
                            spec.field_columns.get(name, name)
                            if name in spec.field_columns or name in spec.columns
                            else "",
                            message,
                        )
                        for name, message in _messages(error)
                    ]
                if line.errors:
                    line.action = ERROR
                report.rows.append(line)
            if not (commit and report.ok):
                raise _Rollback
            audit_record(
                action=AuditAction.IMPORT_COMMITTED,
                by=by,
                kind=kind,
                filename=filename[:200],
                **report.counts,
            )
            report.committed = True
    except _Rollback:
        pass
    return report


def template_rows(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    spec = KINDS[kind]
    return spec.columns, spec.example
