from __future__ import annotations

from django.contrib import admin

from alliage.core.admin import ProgrammeScopedAdmin

from .models import Assessment, Indicator, Measurement, QuestionnaireVersion
from .services import indicator_latest_refresh


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    readonly_fields = ("recorded_by", "created_at")


@admin.register(Indicator)
class IndicatorAdmin(ProgrammeScopedAdmin):
    programme_path = "coalition__programme"
    list_display = ("name", "coalition", "unit", "direction", "target_date", "is_public")
    list_filter = ("direction", "is_public", "coalition__programme")
    search_fields = ("name", "coalition__title")
    raw_id_fields = ("coalition",)
    inlines = (MeasurementInline,)

    def save_related(self, request, form, formsets, change) -> None:
        """Measurements changed here keep the indicator's latest value right, as the
        services do."""
        super().save_related(request, form, formsets, change)
        indicator_latest_refresh(indicators=Indicator.objects.filter(pk=form.instance.pk))


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    """Versions come from the files in the repository (``load_questionnaires``): read only."""

    list_display = ("questionnaire", "number", "loaded_at", "checksum")
    readonly_fields = ("questionnaire", "number", "content", "checksum", "loaded_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(ProgrammeScopedAdmin):
    programme_path = "coalition__programme"
    list_display = ("coalition", "side", "assessed_on", "version", "is_public")
    list_filter = ("side", "is_public")
    raw_id_fields = ("coalition", "author")
    readonly_fields = ("version", "answers", "scores")
