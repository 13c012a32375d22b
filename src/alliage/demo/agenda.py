"""The demo agenda: Reset Days, the #Reset assembly and conference, members' breakfasts as a
recurring series, the "nos futurs" day, a brainstorm on invitation, coalition workshops and a
full workshop with a waiting list. Dates are set around the day the demo is loaded."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from alliage.actors.models import Person
from alliage.agenda.models import Event, Registration, RegistrationStatus, Series
from alliage.agenda.services import series_generate
from alliage.coalitions.models import Coalition, Programme
from alliage.core.models import User

PARIS = ZoneInfo("Europe/Paris")

RESET_DAY_TEXT = (
    "Une journée de travail entre les coalitions de #Reset : chacune présente où elle en est, "
    "teste une idée auprès des autres et repart avec des contacts.\n\n"
    "- **Matin** : tour des coalitions, nouvelles idées\n"
    "- **Après-midi** : ateliers en petits groupes sur les points de blocage\n"
    "- **Fin de journée** : restitution et prochaines étapes"
)
REST = {
    "assembly": (
        "L'assemblée #Reset réunit une fois par an toutes les coalitions, leurs partenaires et "
        "les adhérents : bilan de l'année, coalitions qui démarrent, orientations pour la suite."
    ),
    "conference": (
        "La deuxième conférence #Reset ouvre la démarche au-delà du cercle des coalitions : "
        "résultats, controverses, et ce que le numérique peut faire de « mieux » plutôt que "
        "de « plus »."
    ),
    "breakfast": (
        "Un petit-déjeuner entre adhérents : l'actualité de la fabrique de coalitions et la "
        "présentation d'un programme, à suivre sur place ou en webcast."
    ),
    "futurs": (
        "Une journée ouverte, autour de l'assemblée générale, pour imaginer ensemble les futurs "
        "que nous voulons accompagner et le rôle que la fabrique peut y jouer."
    ),
    "brainstorm": (
        "Un brainstorm sur mesure pour une collectivité adhérente : comment appliquer les "
        "critères de la commande publique responsable à ses propres marchés."
    ),
    "swot": (
        "Un atelier SWOT pour poser les forces, faiblesses, opportunités et menaces d'un "
        "service Self Data à l'échelle d'un territoire. Places limitées pour travailler en "
        "petit groupe."
    ),
    "webinar": (
        "Une heure pour découvrir la méthode Innovation Facteur 4 : qualifier l'impact "
        "écologique d'un projet innovant, en profondeur, en ampleur et en robustesse."
    ),
    "coalition": (
        "Atelier de travail de la coalition : relecture de la grille de critères et préparation "
        "du prochain marché pilote."
    ),
}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _event(programme: Programme, slug_day: dt.date, **fields: object) -> Event:
    fields.setdefault("place", "La Fabrique, 8 passage Brulon, Paris 12e")
    return Event.objects.create(
        programme=programme,
        slug=f"{slugify(str(fields['title']))[:80]}-{slug_day:%Y-%m-%d}",
        **fields,
    )


def _first_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def agenda_load(
    *,
    today: dt.date,
    programmes: dict[str, Programme],
    people: dict[str, Person],
    team_user: User,
) -> int:
    """Create the demo's events and registrations; return how many events there are."""
    reset = programmes["reset-2022"]
    events: list[Event] = []

    # Reset Days: a Thursday near the middle of each month, three past and four to come.
    for months in range(-3, 5):
        month_start = (today.replace(day=1) + dt.timedelta(days=32 * months)).replace(day=1)
        day = _first_weekday(month_start + dt.timedelta(days=14), 3)
        events.append(
            _event(
                reset,
                day,
                kind="reset_day",
                title=f"Reset Day — {_month_name(day)}",
                description=RESET_DAY_TEXT,
                starts_at=_at(day, 9, 30),
                ends_at=_at(day, 17, 30),
                capacity=60,
            )
        )

    assembly_day = _first_weekday(today + dt.timedelta(days=45), 1)
    events.append(
        _event(reset, assembly_day, kind="assembly", title="Assemblée #Reset",
               description=REST["assembly"], starts_at=_at(assembly_day, 14),
               ends_at=_at(assembly_day, 18), capacity=150)
    )  # fmt: skip
    conference_day = _first_weekday(today + dt.timedelta(days=120), 3)
    events.append(
        _event(reset, conference_day, kind="conference", title="2e conférence #Reset",
               description=REST["conference"], starts_at=_at(conference_day, 9),
               ends_at=_at(conference_day, 18), capacity=300,
               place="Le Centquatre, 5 rue Curial, Paris 19e",
               online_url="https://webcast.alliage.example.org/conference-reset",
               online_url_public=True)
    )  # fmt: skip
    futurs_day = _first_weekday(dt.date(today.year + (today.month > 6), 6, 1), 3)
    events.append(
        _event(reset, futurs_day, kind="workshop", title="Journée « nos futurs »",
               description=REST["futurs"], starts_at=_at(futurs_day, 10),
               ends_at=_at(futurs_day, 17))
    )  # fmt: skip
    brainstorm_day = _first_weekday(today + dt.timedelta(days=20), 2)
    brainstorm = _event(
        reset, brainstorm_day, kind="workshop", audience="invitation",
        title="Brainstorm sur mesure : commande publique responsable",
        description=REST["brainstorm"], starts_at=_at(brainstorm_day, 14),
        ends_at=_at(brainstorm_day, 17), capacity=20,
    )  # fmt: skip
    brainstorm.invited.set(
        [people["porteuse@alliage.example.org"], people["membre@alliage.example.org"]]
    )
    events.append(brainstorm)

    coalition = Coalition.objects.get(slug="commande-publique-responsable")
    workshop_day = _first_weekday(today + dt.timedelta(days=10), 1)
    events.append(
        _event(reset, workshop_day, kind="workshop", audience="coalition", coalition=coalition,
               title="Atelier de la coalition commande publique", description=REST["coalition"],
               starts_at=_at(workshop_day, 10), ends_at=_at(workshop_day, 12, 30), capacity=15,
               online_url="https://visio.alliage.example.org/commande-publique")
    )  # fmt: skip

    self_data = programmes["self-data-territorial"]
    swot_day = _first_weekday(today + dt.timedelta(days=16), 4)
    swot = _event(
        self_data, swot_day, kind="workshop", title="Atelier SWOT Self Data territorial",
        description=REST["swot"], starts_at=_at(swot_day, 14), ends_at=_at(swot_day, 17),
        capacity=8, place="Maison des associations, Rennes",
    )  # fmt: skip
    events.append(swot)

    facteur4 = programmes["innovation-facteur-4"]
    webinar_day = _first_weekday(today + dt.timedelta(days=8), 3)
    events.append(
        _event(facteur4, webinar_day, kind="webinar", title="Découvrir la méthode Facteur 4",
               description=REST["webinar"], starts_at=_at(webinar_day, 12, 30),
               ends_at=_at(webinar_day, 13, 30), place="",
               online_url="https://visio.alliage.example.org/facteur-4", online_url_public=True)
    )  # fmt: skip

    breakfasts = Series.objects.create(
        programme=reset,
        kind="breakfast",
        title="Petit-déjeuner des adhérents",
        slug="petit-dejeuner-des-adherents",
        description=REST["breakfast"],
        audience="members",
        place="La Fabrique, 8 passage Brulon, Paris 12e",
        online_url="https://webcast.alliage.example.org/petit-dejeuner",
        capacity=30,
        rrule="FREQ=MONTHLY;BYDAY=2TU,4TU",
        first_start=_at(today - dt.timedelta(days=60), 8, 30),
        duration_minutes=90,
    )
    events += series_generate(
        series=breakfasts, by=team_user, until=_at(today + dt.timedelta(days=150), 23)
    )

    _register(swot, list(people.values())[4:15], capacity=8)
    upcoming_reset = next(e for e in events if e.kind == "reset_day" and e.starts_at.date() > today)
    _register(
        upcoming_reset, [people["porteuse@alliage.example.org"], *list(people.values())[5:20]]
    )
    next_breakfast = next(e for e in events if e.series_id and e.starts_at.date() > today)
    _register(next_breakfast, [people["membre@alliage.example.org"]])
    past_reset = next(e for e in events if e.kind == "reset_day")
    _register(past_reset, list(people.values())[1:25], attended=True)
    return len(events)


def _register(
    event: Event, persons: list[Person], capacity: int | None = None, attended: bool = False
) -> None:
    """Registrations as the service would have made them, with their order in the queue."""
    base = event.starts_at - dt.timedelta(days=20)
    seats = capacity if capacity is not None else event.capacity
    rows = []
    for i, person in enumerate(persons):
        if attended:
            status = RegistrationStatus.ATTENDED if i % 5 else RegistrationStatus.CONFIRMED
        elif seats is None or i < seats:
            status = RegistrationStatus.CONFIRMED
        else:
            status = RegistrationStatus.WAITLISTED
        rows.append(
            Registration(
                event=event,
                person=person,
                status=status,
                queued_at=base + dt.timedelta(hours=i),
                cancel_token=f"demo-{event.pk}-{person.pk}-{slugify(person.last_name)}",
            )
        )
    Registration.objects.bulk_create(rows)


MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def _month_name(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"
