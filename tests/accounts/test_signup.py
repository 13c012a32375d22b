"""F10: sign-up answers the same whether or not the address has an account, e-mails it either
way in the recipient's language, creates an account that acts only once the link sent to the
address is followed, and is limited per client address and per address signed up."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from alliage.actors.models import Person
from alliage.actors.services import person_create
from alliage.core.models import AuditEntry, User

from ..factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"
NEW_PASSWORD = "une phrase de passe solide"


def form(email: str, password: str = NEW_PASSWORD, **extra: str) -> dict[str, str]:
    return {
        "first_name": "Aïcha",
        "last_name": "Benali",
        "email": email,
        "password1": password,
        "password2": password,
        **extra,
    }


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """Post the sign-up form as a committed request would (its e-mails go out on commit)."""

    def post(data: dict[str, str], *, client: Client | None = None, url: str = SIGNUP, **meta):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or Client()).post(url, data, **meta)

    return post


def confirmation_link(message: mail.EmailMessage) -> str:
    return re.search(r"http://[^/\s]+(/\S*/accounts/signup/confirm/\S+)", message.body).group(1)


def test_a_new_address_gets_a_link_and_the_account_waits_for_it(sign_up) -> None:
    client = Client()
    response = sign_up(form("Aicha@Example.org"), client=client)
    assert response.status_code == 302 and response["Location"] == "/en/accounts/signup/sent/"
    assert "_auth_user_id" not in client.session
    user = User.objects.get(email="aicha@example.org")
    assert not user.email_confirmed and user.language == "en"
    assert Person.objects.get(user=user).full_name == "Aïcha Benali"
    [message] = mail.outbox
    assert message.to == ["aicha@example.org"]
    assert "Confirm your address" in message.subject  # the language the person signed up in

    # Until the link is followed, the right password does not log in, and says why.
    refused = Client().post(
        "/en/accounts/login/", {"username": user.email, "password": NEW_PASSWORD}
    )
    assert refused.status_code == 200
    assert "Confirm your e-mail address first" in refused.content.decode()

    link = confirmation_link(message)
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my address" in page.content.decode()
    user.refresh_from_db()
    assert not user.email_confirmed  # a GET (a mail scanner's) writes nothing
    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == "/en/actors/me/"
    user.refresh_from_db()
    assert user.email_confirmed
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/en/actors/me/").status_code == 200
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"account.created", "account.address_confirmed", "auth.login"} <= actions
    # The link works once.
    assert "no longer valid" in Client().get(link).content.decode()
    assert Client().post(link).status_code == 200
    assert (
        Client()
        .post("/en/accounts/login/", {"username": user.email, "password": NEW_PASSWORD})
        .status_code
        == 302
    )


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_is_told(sign_up) -> None:
    owner = PersonFactory(user__email="porteuse@example.org", user__language="fr")
    before = (owner.user.password, owner.first_name)
    fresh = sign_up(form("fresh@example.org"))
    taken = sign_up(form("Porteuse@Example.org"))
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert Client().get(taken["Location"]).content == Client().get(fresh["Location"]).content
    assert len(mail.outbox) == 2
    told = mail.outbox[1]
    assert told.to == ["porteuse@example.org"]
    # In the owner's language: French msgids are the English ones until the catalogue has them,
    # so check the links, which carry the language prefix.
    assert "/accounts/login/" in told.body and "/en/" not in told.body
    assert "/accounts/password/reset/" in told.body
    owner.refresh_from_db()
    owner.user.refresh_from_db()
    assert (owner.user.password, owner.first_name) == before
    assert User.objects.filter(email__iexact="porteuse@example.org").count() == 1
    assert AuditEntry.objects.filter(
        action="account.signup_repeated", target_id=str(owner.user.pk)
    ).exists()


def test_signing_up_again_before_confirming_replaces_the_pending_sign_up(sign_up) -> None:
    sign_up(form("lea@example.org", password="un premier mot de passe"))
    sign_up(form("lea@example.org", first_name="Léa"))
    first, second = mail.outbox
    assert "no longer valid" in Client().get(confirmation_link(first)).content.decode()
    client = Client()
    assert client.post(confirmation_link(second)).status_code == 302
    user = User.objects.get(email="lea@example.org")
    assert user.check_password(NEW_PASSWORD) and user.person.first_name == "Léa"


def test_form_errors_are_shown_and_nothing_is_created(sign_up) -> None:
    PersonFactory(user__email="pris@example.org")
    response = sign_up(form("pris@example.org", first_name="", password2="autre chose"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" in body and "The two passwords differ" in body
    assert "already uses" not in body
    assert User.objects.count() == 1 and not mail.outbox


def test_sign_ups_to_one_address_are_limited_whoever_asks(sign_up, settings) -> None:
    settings.ALLIAGE_SIGNUP_RATES = {"address": "20/h", "email": "3/h"}
    statuses = [
        sign_up(form("cible@example.org"), REMOTE_ADDR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    refused = sign_up(form("cible@example.org"), REMOTE_ADDR="203.0.113.99")
    body = refused.content.decode()
    assert "Several messages were already sent to this address" in body
    assert 'value="Aïcha"' in body  # what was typed is kept
    assert int(refused["Retry-After"]) <= 3600


def test_sign_ups_from_one_address_are_limited(sign_up, settings) -> None:
    settings.ALLIAGE_SIGNUP_RATES = {"address": "2/h", "email": "3/h"}
    statuses = [sign_up(form(f"p{n}@example.org")).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert User.objects.count() == 2
    assert "Too many requests from your address" in sign_up(form("x@example.org")).content.decode()


def test_accounts_made_by_the_team_or_the_demo_are_confirmed() -> None:
    team = UserFactory(is_superuser=True)
    person = person_create(by=team, email="equipe@example.org", first_name="A", last_name="B")
    assert person.user.email_confirmed
    assert UserFactory().email_confirmed


def test_a_new_password_through_the_reset_link_confirms_the_address(sign_up) -> None:
    sign_up(form("oubli@example.org"))
    mail.outbox.clear()
    client = Client()
    client.post("/en/accounts/password/reset/", {"email": "oubli@example.org"})
    link = re.search(r"http://testserver(/\S+/password/reset/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    new = "un autre mot de passe solide"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert User.objects.get(email="oubli@example.org").email_confirmed
    login = Client().post("/en/accounts/login/", {"username": "oubli@example.org", "password": new})
    assert login.status_code == 302


def test_a_failed_log_in_with_the_right_password_of_an_unconfirmed_account_is_not_counted(
    sign_up, settings
) -> None:
    settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = 2
    sign_up(form("patiente@example.org"))
    for _ in range(3):
        Client().post(
            "/en/accounts/login/", {"username": "patiente@example.org", "password": NEW_PASSWORD}
        )
    Client().post(confirmation_link(mail.outbox[0]))
    ok = Client().post(
        "/en/accounts/login/", {"username": "patiente@example.org", "password": NEW_PASSWORD}
    )
    assert ok.status_code == 302
