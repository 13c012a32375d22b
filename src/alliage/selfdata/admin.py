from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import ConsentReceipt, InactivityFlag


class ReadOnly(admin.ModelAdmin):
    """Receipts and flags are records: the administration reads them, never writes them."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ConsentReceipt)
class ConsentReceiptAdmin(ReadOnly):
    list_display = ("at", "person", "purpose", "granted", "text_version", "source")
    list_filter = ("purpose", "granted", "source")
    date_hierarchy = "at"
    list_select_related = ("person",)


@admin.register(InactivityFlag)
class InactivityFlagAdmin(ReadOnly):
    list_display = ("user", "flagged_at", "last_seen")
    list_select_related = ("user",)
