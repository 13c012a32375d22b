"""People act for themselves: asking to join an organisation, its people or the team
answering, the person told in their language; then they may act on its behalf."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from alliage.actors import selectors, services
from alliage.actors.hooks import requests_pulse, requests_to_answer
from alliage.actors.models import AffiliationRequest
from alliage.core.errors import BusinessError, PermissionRefused

from ..factories import (
    AffiliationFactory,
    CallFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="La Fabrique")


def ask(django_capture_on_commit_callbacks, organisation, user, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        return services.affiliation_request_create(organisation=organisation, by=user, **kw)


def answer(django_capture_on_commit_callbacks, request, user, accept):
    with django_capture_on_commit_callbacks(execute=True):
        return services.affiliation_request_answer(request=request, by=user, accept=accept)


def test_its_people_are_told_in_their_language_and_one_accepts(
    django_capture_on_commit_callbacks, organisation
) -> None:
    english = AffiliationFactory(organisation=organisation).person
    english.user.language = "en"
    english.user.save()
    french = AffiliationFactory(organisation=organisation).person
    newcomer = PersonFactory(first_name="Léa")
    newcomer.user.language = "en"
    newcomer.user.save()
    request = ask(
        django_capture_on_commit_callbacks, organisation, newcomer.user, role="Trésorière"
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "asks to join La Fabrique" in by_address[english.user.email].subject
    assert by_address[french.user.email].subject  # its French comes with the catalogue
    assert newcomer.user.email not in by_address
    mail.outbox.clear()
    answer(django_capture_on_commit_callbacks, request, french.user, accept=True)
    assert newcomer.affiliations.get().role == "Trésorière"
    [message] = mail.outbox
    assert message.to == [newcomer.user.email]
    assert "You are now one of the people of La Fabrique" in message.subject  # her language


def test_an_accepted_newcomer_may_submit_on_behalf_of_it(
    client, django_capture_on_commit_callbacks, organisation
) -> None:
    call = CallFactory()
    member = AffiliationFactory(organisation=organisation).person.user
    newcomer = PersonFactory().user
    request = ask(django_capture_on_commit_callbacks, organisation, newcomer)
    client.force_login(newcomer)
    form = client.get(reverse("calls:submission-edit", kwargs={"slug": call.slug}))
    assert organisation not in form.context["form"].fields["organisation"].queryset
    answer(django_capture_on_commit_callbacks, request, member, accept=True)
    form = client.get(reverse("calls:submission-edit", kwargs={"slug": call.slug}))
    assert organisation in form.context["form"].fields["organisation"].queryset


def test_declining_tells_the_person_and_affiliates_nobody(
    django_capture_on_commit_callbacks, organisation
) -> None:
    team = PersonFactory().user
    ProgrammeFactory().team.add(team)
    newcomer = PersonFactory()
    request = ask(django_capture_on_commit_callbacks, organisation, newcomer.user)
    mail.outbox.clear()
    answer(django_capture_on_commit_callbacks, request, team, accept=False)
    assert not newcomer.affiliations.exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [newcomer.user.email]
    with pytest.raises(BusinessError):
        services.affiliation_request_answer(request=request, by=team, accept=True)


def test_a_stranger_cannot_answer(django_capture_on_commit_callbacks, organisation) -> None:
    request = ask(django_capture_on_commit_callbacks, organisation, PersonFactory().user)
    with pytest.raises(PermissionRefused):
        services.affiliation_request_answer(request=request, by=PersonFactory().user, accept=True)
    with pytest.raises(PermissionRefused):  # not even the one who asked
        services.affiliation_request_answer(request=request, by=request.person.user, accept=True)


def test_one_pending_request_and_not_for_its_own_people(
    django_capture_on_commit_callbacks, organisation
) -> None:
    user = PersonFactory().user
    ask(django_capture_on_commit_callbacks, organisation, user)
    with pytest.raises(BusinessError):
        services.affiliation_request_create(organisation=organisation, by=user)
    member = AffiliationFactory(organisation=organisation).person.user
    with pytest.raises(BusinessError):
        services.affiliation_request_create(organisation=organisation, by=member)
    unlisted = OrganisationFactory(is_listed=False)
    with pytest.raises(PermissionRefused):
        services.affiliation_request_create(organisation=unlisted, by=user)


def test_the_requests_wait_on_my_space_and_on_the_teams_pulse(
    rf, django_capture_on_commit_callbacks, organisation
) -> None:
    member = AffiliationFactory(organisation=organisation).person
    ask(django_capture_on_commit_callbacks, organisation, PersonFactory().user)
    request = rf.get("/me/")
    request.user = member.user
    section = requests_to_answer(request, member)
    assert section is not None and len(section.context["requests"]) == 1
    assert requests_to_answer(request, PersonFactory()) is None
    assert requests_to_answer(request, None) is None
    team = PersonFactory().user
    ProgrammeFactory().team.add(team)
    request.user = team
    assert requests_pulse(request, []).context["waiting"] == 1
    request.user = member.user
    assert requests_pulse(request, []) is None


def test_the_organisation_page_offers_to_ask_then_shows_it_waits(client, organisation) -> None:
    user = PersonFactory().user
    client.force_login(user)
    page = client.get(organisation.get_absolute_url())
    assert reverse("actors:organisation-join", kwargs={"slug": organisation.slug}).encode() in (
        page.content
    )
    response = client.post(
        reverse("actors:organisation-join", kwargs={"slug": organisation.slug}),
        {"role": "Bénévole", "message": "Bonjour"},
    )
    assert response.status_code == 302
    assert AffiliationRequest.objects.get().role == "Bénévole"
    page = client.get(organisation.get_absolute_url())
    assert page.context["join"]["my_request"] is not None
    assert not page.context["join"]["can_ask"]


def test_its_people_answer_from_its_page(client, django_capture_on_commit_callbacks, organisation):
    member = AffiliationFactory(organisation=organisation).person.user
    request = ask(django_capture_on_commit_callbacks, organisation, PersonFactory().user)
    client.force_login(member)
    page = client.get(organisation.get_absolute_url())
    assert [r.pk for r in page.context["join"]["to_answer"]] == [request.pk]
    url = reverse("actors:affiliation-request-answer", kwargs={"pk": request.pk})
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    assert list(selectors.organisations_for_person(person=request.person)) == [organisation]


def test_a_stranger_gets_404_on_someone_elses_request(
    client, django_capture_on_commit_callbacks, organisation
) -> None:
    """IDOR: the request's number does not let another person answer or see it."""
    request = ask(django_capture_on_commit_callbacks, organisation, PersonFactory().user)
    client.force_login(PersonFactory().user)
    url = reverse("actors:affiliation-request-answer", kwargs={"pk": request.pk})
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert AffiliationRequest.objects.get().is_pending


def test_the_profile_offers_to_create_an_organisation(client) -> None:
    person = PersonFactory()
    client.force_login(person.user)
    page = client.get(person.get_absolute_url())
    assert reverse("actors:organisation-create").encode() in page.content


def test_each_email_is_rendered_in_its_recipients_language(
    monkeypatch, django_capture_on_commit_callbacks, organisation
) -> None:
    """Whatever the language of the request that caused it (French here)."""
    from django.template import loader
    from django.utils import translation

    from alliage.actors import tasks

    seen: dict[str, str] = {}

    def render(name, context=None, *args, **kwargs):
        if name.endswith("_subject.txt"):
            who = context.get("recipient") or context["request"].person
            seen[who.user.email] = translation.get_language()
        return loader.render_to_string(name, context, *args, **kwargs)

    monkeypatch.setattr(tasks, "render_to_string", render)
    english = AffiliationFactory(organisation=organisation).person
    english.user.language = "en"
    english.user.save()
    french = AffiliationFactory(organisation=organisation).person
    newcomer = PersonFactory()
    newcomer.user.language = "en"
    newcomer.user.save()
    with translation.override("fr"):
        request = ask(django_capture_on_commit_callbacks, organisation, newcomer.user)
        answer(django_capture_on_commit_callbacks, request, french.user, accept=False)
    assert seen == {english.user.email: "en", french.user.email: "fr", newcomer.user.email: "en"}
