from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import ALL, CLOCK, anonymous_cached

from . import views

# The agenda's lists and feeds: upcoming events and their coalitions, for a minute at most.
AGENDA = anonymous_cached("agenda", "coalitions", timeout=CLOCK)

app_name = "agenda"

urlpatterns = [
    path("", AGENDA(views.agenda), name="agenda"),
    path(
        "calendar.ics",
        AGENDA(views.agenda_ics),
        name="agenda-ics",
    ),
    path(
        "month/",
        AGENDA(views.agenda_month_current),
        name="month-current",
    ),
    path(
        "month/<int:year>/<int:month>/",
        AGENDA(views.agenda_month),
        name="month",
    ),
    path("me/", views.my_registrations, name="my-registrations"),
    path("feed/<str:token>.ics", views.personal_ics, name="personal-ics"),
    path("cancel/<str:token>/", views.registration_cancel_link, name="registration-cancel-link"),
    path(
        "programmes/<slug:slug>.ics",
        AGENDA(views.programme_ics),
        name="programme-ics",
    ),
    path(
        "coalitions/<slug:slug>.ics",
        AGENDA(views.coalition_ics),
        name="coalition-ics",
    ),
    path(
        "<slug:slug>/",
        anonymous_cached(*ALL, timeout=CLOCK)(views.event_detail),
        name="event-detail",
    ),
    path("<slug:slug>/event.ics", views.event_ics, name="event-ics"),
    path("<slug:slug>/register/", views.event_register, name="event-register"),
    path("<slug:slug>/unregister/", views.event_unregister, name="event-unregister"),
    path("<slug:slug>/attendees/", views.event_attendees, name="event-attendees"),
]
