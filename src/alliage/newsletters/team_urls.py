"""The team's pages of newsletters, under /team/ (`team:newsletters:…`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [
    path("", views.newsletter_list, name="newsletter-list"),
    path("new/", views.newsletter_create, name="newsletter-create"),
    path("audience/", views.audience_count, name="audience-count"),
    path("<int:pk>/", views.newsletter_edit, name="newsletter-edit"),
    path("<int:pk>/test/", views.newsletter_test, name="newsletter-test"),
    path("<int:pk>/send/", views.newsletter_send, name="newsletter-send"),
]
