from __future__ import annotations

from django.contrib import admin

from .models import Affiliation, Membership, Organisation, Payment, Person, Tag, Tier


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("organisation", "person")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "person"
    fields = ("tier", "starts_on", "ends_on", "status", "amount_due")


class OrganisationMembershipInline(MembershipInline):
    fk_name = "organisation"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "is_listed")
    list_filter = ("kind", "is_listed")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("tags",)
    inlines = (AffiliationInline, OrganisationMembershipInline)


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
    list_display = (
        "__str__",
        "tier",
        "status",
        "starts_on",
        "ends_on",
        "amount_due",
        "amount_paid",
    )
    list_filter = ("tier", "status")
    autocomplete_fields = ("organisation", "person", "representative")
    raw_id_fields = ("renews", "applied_by")


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "yearly_amount", "holder", "votes", "is_open")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("membership", "paid_on", "amount", "method", "reference")
    raw_id_fields = ("membership", "recorded_by")
