"""Pages of the agenda, by subject; ``urls`` reaches them all from here."""

from __future__ import annotations

from .events import event_attendees, event_detail, event_register, event_unregister
from .feeds import agenda_ics, coalition_ics, event_ics, personal_ics, programme_ics
from .lists import agenda, agenda_month, agenda_month_current
from .registrations import my_registrations, registration_cancel_link
from .team import (
    event_cancel,
    event_create,
    event_duplicate,
    event_edit,
    event_invited,
    event_list,
    event_postpone,
    series_create,
    series_edit,
)

__all__ = [
    "agenda",
    "agenda_ics",
    "agenda_month",
    "agenda_month_current",
    "coalition_ics",
    "event_attendees",
    "event_cancel",
    "event_create",
    "event_detail",
    "event_duplicate",
    "event_edit",
    "event_ics",
    "event_invited",
    "event_list",
    "event_postpone",
    "event_register",
    "event_unregister",
    "my_registrations",
    "personal_ics",
    "programme_ics",
    "registration_cancel_link",
    "series_create",
    "series_edit",
]
