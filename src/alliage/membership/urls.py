from __future__ import annotations

from django.urls import path

from . import views

app_name = "membership"

urlpatterns = [
    path("", views.membership_page, name="page"),
    path("<int:pk>/withdraw/", views.membership_withdraw, name="withdraw"),
]
