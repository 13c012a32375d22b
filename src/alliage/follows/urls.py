from __future__ import annotations

from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [path("follow/", views.follow_toggle, name="follow")]
