from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, User

# The administration is for superusers and rare tasks; the programme team works in the site.
admin.site.site_header = _("Alliage — administration")
admin.site.site_title = _("Alliage administration")
admin.site.index_title = _("Rare tasks and superuser tools")
admin.site.site_url = "/"


class ProgrammeScopedAdmin(admin.ModelAdmin):
    """An admin list that a programme team member (staff, not superuser) sees only for the
    programmes they run: the team group's model permissions open a model's pages, not every
    programme's rows. ``programme_path`` leads from the model to its programme."""

    programme_path = "programme"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        if request.user.is_superuser:
            return rows
        team = f"{self.programme_path}__team" if self.programme_path else "team"
        return rows.filter(**{team: request.user}).distinct()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "is_active", "is_staff", "is_superuser", "date_joined")
    search_fields = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "actor", "target_type", "target_id")
    list_filter = ("action",)
    search_fields = ("action", "actor__email", "target_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
