from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.core.admin import ProgrammeScopedAdmin
from alliage.core.errors import BusinessError

from . import services
from .models import (
    CanvasChange,
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    JoinRequest,
    Milestone,
    Programme,
)


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin):
    programme_path = ""
    list_display = ("name", "kind", "starts_on", "ends_on", "position")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("team",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class MemberInline(admin.TabularInline):
    model = CoalitionMember
    extra = 0
    autocomplete_fields = ("person", "organisation")


def _transition_action(status: str, label: str):
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        for coalition in queryset:
            try:
                services.coalition_transition(coalition=coalition, by=request.user, to=status)
            except BusinessError as error:
                modeladmin.message_user(request, f"{coalition}: {error.message}", messages.ERROR)

    action.__name__ = f"move_to_{status}"
    action.short_description = _("Move to “%(status)s”") % {"status": label}  # type: ignore[attr-defined]
    return action


@admin.register(Coalition)
class CoalitionAdmin(ProgrammeScopedAdmin):
    """The status is read-only here: it changes through the lifecycle actions only."""

    list_display = ("title", "programme", "status", "is_published", "updated_at")
    list_filter = ("programme", "status", "is_published")
    search_fields = ("title", "summary")
    list_select_related = ("programme",)
    readonly_fields = ("status",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (MilestoneInline, MemberInline)
    actions = [_transition_action(value, label) for value, label in CoalitionStatus.choices]

    def save_model(self, request: HttpRequest, obj: Coalition, form: object, change: bool) -> None:
        """Canvas edits made here go through the same service, so the history stays whole."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = Coalition.objects.get(pk=obj.pk)
        canvas = {
            f: getattr(obj, f)
            for f in form.changed_data
            if f in services.CANVAS_FIELDS  # type: ignore[attr-defined]
        }
        others = [f for f in form.changed_data if f not in services.CANVAS_FIELDS]  # type: ignore[attr-defined]
        if canvas:
            services.coalition_update_canvas(coalition=stored, by=request.user, data=canvas)
        if others:
            obj.save(update_fields=others)


@admin.register(JoinRequest)
class JoinRequestAdmin(ProgrammeScopedAdmin):
    programme_path = "coalition__programme"
    list_display = ("person", "coalition", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("person", "coalition")
    raw_id_fields = ("person", "coalition", "organisation", "decided_by")


@admin.register(CanvasChange)
class CanvasChangeAdmin(ProgrammeScopedAdmin):
    programme_path = "coalition__programme"
    list_display = ("coalition", "revision", "field", "by", "at")
    exclude = ("diff",)  # the history page's rendering of before → after, not a record
    list_select_related = ("coalition", "by")
    list_filter = ("field",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
