"""Small helpers shared by views: permission gates and business errors shown as messages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> HttpResponse | None:
    """None when allowed; a log-in redirect for anonymous visitors; PermissionDenied otherwise."""
    if request.user.has_perm(perm, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int) -> Page[Any]:
    """A page of the queryset, sliced in SQL; a bad page number gives the nearest real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def csv_cell(value: str) -> str:
    """A cell that starts like a formula is read as text by spreadsheets (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
