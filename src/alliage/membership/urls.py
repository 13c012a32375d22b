from __future__ import annotations

from django.urls import path

from . import views

app_name = "membership"

urlpatterns = [
    path("", views.membership_page, name="page"),
    path("<int:pk>/withdraw/", views.membership_withdraw, name="withdraw"),
    path("<int:pk>/renew/", views.membership_renew, name="renew"),
    path("<int:pk>/representative/", views.membership_representative, name="representative"),
    path("<int:pk>/receipt/", views.membership_receipt, name="receipt"),
]
