from __future__ import annotations

from django.contrib import admin
from django.db import models

from alliage.core.admin import ProgrammeScopedAdmin

from .models import OpenDataArchive, Publication, PublicationFile, Resource, Reuse

HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class PublicationFileInline(admin.TabularInline):
    model = PublicationFile
    extra = 0
    fields = ("label", "version", "file", "format", "byte_size", "sha256", "uploaded_at")
    readonly_fields = ("format", "byte_size", "sha256", "uploaded_at")


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ("title", "file", "url", "format", "byte_size", "sha256", "position")
    readonly_fields = ("byte_size", "sha256")
    formfield_overrides = HTTPS_LINKS


@admin.register(Publication)
class PublicationAdmin(ProgrammeScopedAdmin):
    list_display = ("title", "kind", "programme", "status", "published_on", "licence")
    list_filter = ("kind", "status", "licence", "programme")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("coalitions", "author_organisations", "author_people")
    inlines = (PublicationFileInline, ResourceInline)


@admin.register(Reuse)
class ReuseAdmin(ProgrammeScopedAdmin):
    programme_path = "publication__programme"
    list_display = ("title", "publication", "kind", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "url")
    raw_id_fields = ("publication", "declared_by")
    formfield_overrides = HTTPS_LINKS


@admin.register(OpenDataArchive)
class OpenDataArchiveAdmin(admin.ModelAdmin):
    list_display = ("generated_at", "byte_size", "sha256")
    readonly_fields = ("generated_at", "file", "byte_size", "sha256", "manifest")
