from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.core.admin import ProgrammeScopedAdmin
from alliage.core.errors import BusinessError

from . import selectors, services
from .models import Assignment, Call, Conflict, Criterion, Submission
from .rubrics import RUBRICS


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


def _template_action(key: str, label: str):
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        for call in queryset:
            try:
                services.criteria_from_template(call=call, template=key)
            except BusinessError as error:
                modeladmin.message_user(request, error.message, messages.ERROR)

    action.__name__ = f"template_{key.replace('-', '_')}"
    action.short_description = _("Add the “%(name)s” rubric") % {"name": label}  # type: ignore[attr-defined]
    return action


@admin.register(Call)
class CallAdmin(ProgrammeScopedAdmin):
    list_display = ("title", "programme", "kind", "opens_at", "closes_at", "visibility")
    list_filter = ("programme", "kind", "visibility")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("reviewers",)
    readonly_fields = ("decided_at",)
    inlines = (CriterionInline,)
    actions = [_template_action(key, label) for key, (label, _items) in RUBRICS.items()]


@admin.register(Submission)
class SubmissionAdmin(ProgrammeScopedAdmin):
    """Read-mostly: submissions change through their pages, where the rules apply."""

    programme_path = "call__programme"

    list_display = ("title", "call", "organisation", "status", "decision", "submitted_at")
    list_filter = ("call", "status", "decision")
    search_fields = ("title", "summary")
    list_select_related = ("call", "organisation")
    readonly_fields = ("call", "person", "status", "submitted_at", "decision", "decided_at",
                       "coalition")  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Submission]:
        # A draft never sent is its author's alone (calls.see_submission), here too.
        return super().get_queryset(request).filter(selectors.sent_q())


@admin.register(Assignment)
class AssignmentAdmin(ProgrammeScopedAdmin):
    programme_path = "submission__call__programme"
    list_display = ("submission", "reviewer", "submitted_at")
    raw_id_fields = ("submission", "reviewer")


@admin.register(Conflict)
class ConflictAdmin(ProgrammeScopedAdmin):
    programme_path = "submission__call__programme"
    list_display = ("reviewer", "submission", "reason")
    raw_id_fields = ("submission", "reviewer")
