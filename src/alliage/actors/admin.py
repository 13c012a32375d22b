from __future__ import annotations

from django.contrib import admin

from .models import Affiliation, Membership, Organisation, Person, Tag


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("organisation", "person")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "is_listed")
    list_filter = ("kind", "is_listed")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("tags",)
    inlines = (AffiliationInline, MembershipInline)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "user", "is_listed", "is_suggestable")
    list_filter = ("is_listed", "is_suggestable", "is_contactable")
    # These mirror the person's own consents (with dated receipts): nobody else sets them.
    readonly_fields = ("is_listed", "is_suggestable", "is_contactable")
    search_fields = ("last_name", "first_name", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    filter_horizontal = ("tags",)
    inlines = (AffiliationInline, MembershipInline)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("__str__", "tier", "starts_on", "ends_on")
    list_filter = ("tier",)
    autocomplete_fields = ("organisation", "person")
