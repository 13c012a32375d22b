from __future__ import annotations

from django.urls import path

from . import views

app_name = "assembly"
urlpatterns = [
    path("<slug:slug>/", views.assembly_detail, name="detail"),
    path("<slug:slug>/quorum/", views.assembly_quorum, name="quorum"),
    path("<slug:slug>/voters/<int:pk>/check-in/", views.voter_check_in, name="check-in"),
    path("<slug:slug>/voters/<int:pk>/check-out/", views.voter_check_out, name="check-out"),
    path("<slug:slug>/voters/<int:pk>/designate/", views.voter_designate, name="designate"),
    path("<slug:slug>/proxies/", views.proxy_give, name="proxy-give"),
    path("<slug:slug>/proxies/<int:pk>/revoke/", views.proxy_revoke, name="proxy-revoke"),
    path("<slug:slug>/motions/<int:pk>/vote/", views.ballot_cast, name="vote"),
    path("<slug:slug>/chair/", views.assembly_chair, name="chair"),
    path("<slug:slug>/roll/freeze/", views.roll_freeze, name="roll-freeze"),
    path("<slug:slug>/motions/new/", views.motion_edit, name="motion-create"),
    path("<slug:slug>/motions/<int:pk>/", views.motion_edit, name="motion-edit"),
    path("<slug:slug>/motions/<int:pk>/open/", views.motion_open, name="motion-open"),
    path("<slug:slug>/motions/<int:pk>/close/", views.motion_close, name="motion-close"),
    path("<slug:slug>/settings/", views.assembly_settings, name="settings"),
    path("<slug:slug>/minutes/", views.assembly_minutes, name="minutes"),
    path("<slug:slug>/minutes.csv", views.assembly_minutes_csv, name="minutes-csv"),
]
