"""The hooks mechanism: order, registration once, temporary hooks, unknown names refused; and
the audit actions every app declares, each with a label."""

from __future__ import annotations

import pytest
from django.db import models
from django.test import RequestFactory

from alliage.core import hooks
from alliage.core.audit import action_label, audit_action_classes
from alliage.core.hooks import Section, Slot


def test_hooks_run_in_their_order_whatever_the_order_of_registration() -> None:
    def late(request, obj):
        return Section(template="late.html")

    def early(request, obj):
        return Section(template="early.html", slot=Slot.EVALUATION)

    with (
        hooks.register_temporarily(hooks.PAGE_SECTIONS, late, order=10_000),
        hooks.register_temporarily(hooks.PAGE_SECTIONS, early, order=-10_000),
    ):
        names = hooks.get_hooks(hooks.PAGE_SECTIONS)
        assert names[0] is early and names[-1] is late
    assert late not in hooks.get_hooks(hooks.PAGE_SECTIONS)


def test_a_provider_that_answers_none_adds_nothing_and_slots_group_sections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(hooks._hooks, hooks.ACTOR_SECTIONS, [])  # the apps' own providers aside
    shown = Section(template="shown.html")

    def nothing(request, obj):
        return None

    with (
        hooks.register_temporarily(hooks.ACTOR_SECTIONS, nothing),
        hooks.register_temporarily(hooks.ACTOR_SECTIONS, lambda r, o: shown, order=99_999),
    ):
        found = hooks.sections(hooks.ACTOR_SECTIONS, RequestFactory().get("/"), object())
    assert found == [shown]
    grouped = hooks.sections_by_slot([shown, Section("e.html", slot=Slot.EVALUATION)])
    assert [s.template for s in grouped[Slot.EVALUATION]] == ["e.html"]
    assert grouped[Slot.SIDEBAR] == [shown]


def test_registering_twice_keeps_one_and_unknown_names_are_refused() -> None:
    def provider(request, obj):
        return None

    with hooks.register_temporarily(hooks.PAGE_SECTIONS, provider):
        hooks.register(hooks.PAGE_SECTIONS, provider)
        assert hooks.get_hooks(hooks.PAGE_SECTIONS).count(provider) == 1
    with pytest.raises(ValueError, match="Unknown hook"):
        hooks.register("page-sections", provider)


def test_every_app_that_writes_the_audit_log_declares_its_actions() -> None:
    apps = {cls.__module__.split(".")[1] for cls in audit_action_classes()}
    assert apps >= {
        "actors",
        "coalitions",
        "agenda",
        "calls",
        "commons",
        "evaluation",
        "matching",
        "api",
        "selfdata",
    }


def test_every_audit_action_has_a_label_of_its_own_in_both_languages() -> None:
    from django.utils import translation

    codes: list[str] = []
    for actions in audit_action_classes():
        assert issubclass(actions, models.TextChoices)
        for member in actions:
            codes.append(member.value)
            generated = member.name.replace("_", " ").title()
            assert str(member.label) != generated, f"{member.value} has no label"
            with translation.override("fr"):
                french = action_label(member.value)
            with translation.override("en"):
                english = action_label(member.value)
            assert french != member.value and english != member.value
            assert french != english, f"{member.value} is not translated into French"
    assert len(codes) == len(set(codes)), "two apps declare the same action code"


def test_audit_record_refuses_a_free_string() -> None:
    from alliage.core.services import audit_record

    with pytest.raises(TypeError, match="AuditAction"):
        audit_record(action="coalition.proposed", by=None)  # type: ignore[arg-type]
