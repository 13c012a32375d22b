"""Factories for every app, used by the tests' conftest files."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from alliage.actors.models import (
    Affiliation,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Tier,
)
from alliage.coalitions.models import (
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    MemberRole,
    Milestone,
    Programme,
)
from alliage.core.models import User

PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.ASSOCIATION


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Chargée de mission"


class TierFactory(DjangoModelFactory):
    """A tier by its code; the migration's four (``individual``, ``small``, ``large``,
    ``partner``) are made again after a flush."""

    class Meta:
        model = Tier
        django_get_or_create = ("code",)

    code = "small"
    name = factory.LazyAttribute(lambda t: t.code.capitalize())


class MembershipFactory(DjangoModelFactory):
    """An accepted, paid membership (in good standing over its period); ``tier`` may be a
    code."""

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    tier = factory.SubFactory(TierFactory)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("tier"), str):
            kwargs["tier"] = TierFactory(code=kwargs["tier"])
        return kwargs

    starts_on = factory.Faker("date_between", start_date="-200d", end_date="-100d")
    ends_on = factory.Faker("date_between", start_date="+100d", end_date="+200d")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = "collective"
    tagline = "Un programme de coalitions."


class CoalitionFactory(DjangoModelFactory):
    class Meta:
        model = Coalition

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Coalition {n}")
    slug = factory.Sequence(lambda n: f"coalition-{n}")
    summary = "Agir ensemble pour un numérique choisi."
    status = CoalitionStatus.ACTIVE
    is_published = True
    diagnostic = "Le constat de départ."
    impact_statement = "Un impact mesurable."
    levers = "- un levier"


class CoalitionMemberFactory(DjangoModelFactory):
    class Meta:
        model = CoalitionMember

    coalition = factory.SubFactory(CoalitionFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.MEMBER


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Étape {n}")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = "agenda.Event"

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "reset_day"
    title = factory.Sequence(lambda n: f"Reset Day {n}")
    slug = factory.Sequence(lambda n: f"reset-day-{n}")
    starts_at = factory.LazyFunction(
        lambda: (dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    place = "La Paillasse, Paris"


class CallFactory(DjangoModelFactory):
    class Meta:
        model = "calls.Call"

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "projects"
    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    description = "Un appel pour faire émerger des coalitions."
    opens_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=10))
    asks = factory.LazyFunction(lambda: ["diagnostic", "impact"])


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = "calls.Criterion"

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1
    scale = 5


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = "calls.Submission"

    call = factory.SubFactory(CallFactory)
    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Un résumé."
    diagnostic = "Un diagnostic."
    impact = "Un impact."
    status = "submitted"
    submitted_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC))


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = "evaluation.Indicator"

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "t CO2e"
    direction = "down"
    baseline_value = 1000
    baseline_date = dt.date(2024, 1, 1)
    target_value = 500
    target_date = dt.date(2028, 1, 1)


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = "evaluation.Measurement"
        skip_postgeneration_save = True

    indicator = factory.SubFactory(IndicatorFactory)
    value = 900
    measured_on = dt.date(2025, 1, 1)
    source = "Bilan carbone"

    @factory.post_generation
    def _keep_latest(obj, create, extracted, **kwargs):  # noqa: N805
        """The indicator keeps its latest value, as ``measurement_record`` leaves it."""
        if create:
            from alliage.evaluation.models import Indicator
            from alliage.evaluation.services import indicator_latest_refresh

            indicator_latest_refresh(indicators=Indicator.objects.filter(pk=obj.indicator_id))
            obj.indicator.refresh_from_db(fields=["latest_value", "latest_measured_on"])


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = "commons.Publication"

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "cahier"
    title = factory.Sequence(lambda n: f"Cahier {n}")
    slug = factory.Sequence(lambda n: f"cahier-{n}")
    summary = "Un commun sous licence libre."
    body = "## Le constat\n\nUn texte en **markdown**."
    status = "published"
    published_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=3))  # noqa: DTZ011


class ResourceFactory(DjangoModelFactory):
    class Meta:
        model = "commons.Resource"

    publication = factory.SubFactory(PublicationFactory, kind="dataset")
    title = factory.Sequence(lambda n: f"Ressource {n}")
    url = "https://data.example.org/api/equipements"
    format = "api"


class ReuseFactory(DjangoModelFactory):
    class Meta:
        model = "commons.Reuse"

    publication = factory.SubFactory(PublicationFactory)
    title = factory.Sequence(lambda n: f"Réutilisation {n}")
    url = factory.Sequence(lambda n: f"https://reuse.example.org/{n}")
    kind = "visualisation"
    declared_by = factory.SubFactory(PersonFactory)


def team_member(programme):
    """A non-superuser member of ``programme``'s team."""
    user = PersonFactory().user
    programme.team.add(user)
    return user
