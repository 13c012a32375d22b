"""The library, publication pages and the team's forms: parse, call a selector or a service,
render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alliage.coalitions.models import Programme
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.errors import BusinessError
from alliage.core.http import paginate, require_perm

from .. import linked_data, selectors, services
from ..forms import LibraryFilterForm, PublicationFileForm, PublicationForm, ResourceForm
from ..models import Publication, PublicationFile, Resource
from ..preview import Preview, csv_preview
from .common import add_error, get_visible, json_ld, serve, small


def library(request: HttpRequest) -> HttpResponse:
    programmes = list(Programme.objects.order_by("position", "name").only("slug", "name"))
    form = LibraryFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate(
        request,
        selectors.publication_list(viewer=request.user, **filters),
        settings.ALLIAGE_PAGE_SIZE,
    )
    template = "commons/library.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "can_create": request.user.has_perm("commons.create_publication"),
        },
    )


def _preview(resource: Resource) -> Preview:
    try:
        with resource.file.open("rb") as stream:
            return csv_preview(stream, tabs=resource.format == "tsv")
    except OSError:
        return Preview(error=_("The file cannot be read at the moment."))


def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_visible(request, slug)
    user = request.user
    authors = selectors.authors(publication)
    resources = selectors.dataset_resources(publication=publication)
    absolute = request.build_absolute_uri
    context = {
        "publication": publication,
        "licence": publication.licence_info,
        "authors": authors,
        "coalitions": list(selectors.publication_coalitions(publication=publication, viewer=user)),
        "files": selectors.publication_files(publication=publication),
        "resources": [(r, _preview(r) if r.is_tabular else None) for r in resources],
        "reuses": selectors.reuses_published(publication=publication),
        "my_reuses": selectors.reuses_declared_by(publication=publication, viewer=user),
        "can_edit": user.has_perm("commons.edit_publication", publication),
        "may_declare": publication.is_published
        and user.has_perm("commons.declare_reuse", publication),
        "json_ld": linked_data.json_script(
            linked_data.schema_org(
                publication, authors=authors, resources=resources, absolute=absolute
            )
        ),
        "page_url": absolute(publication.get_absolute_url()),
        "cover_url": (
            absolute(reverse("commons:cover", args=[publication.slug])) if publication.cover else ""
        ),
    }
    return render(request, "commons/publication_detail.html", context)


def _programmes_for(request: HttpRequest) -> QuerySet[Programme]:
    if request.user.is_superuser:
        return Programme.objects.order_by("position", "name")
    return Programme.objects.filter(pk__in=team_programme_ids(request.user)).order_by(
        "position", "name"
    )


def publication_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "commons.create_publication"):
        return denied
    programmes = _programmes_for(request)
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        programmes=programmes,
        programme_required=not request.user.is_superuser,
        initial={"programme": programmes.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publication = services.publication_create(
                by=request.user,
                fields=form.publication_fields(),
                coalitions=data["coalitions"],
                author_organisations=data["author_organisations"],
                author_people=data["author_people"],
                cover=data.get("cover") or None,
            )
        except (BusinessError, ValidationError) as error:
            add_error(form, error, None)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect(publication)
    return render(request, "commons/publication_form.html", {"form": form, "publication": None})


def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_visible(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    programmes = _programmes_for(request)
    if publication.programme_id:  # keep the current programme choosable
        programmes = programmes | Programme.objects.filter(pk=publication.programme_id)
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        # The form writes into its instance as it validates: the page keeps the saved one.
        instance=Publication.objects.get(pk=publication.pk),
        programmes=programmes.distinct(),
        programme_required=not request.user.is_superuser,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publication = services.publication_update(
                publication=publication,
                by=request.user,
                fields=form.publication_fields(),
                coalitions=data["coalitions"],
                author_organisations=data["author_organisations"],
                author_people=data["author_people"],
                cover=data.get("cover") or None,
                remove_cover=data.get("remove_cover", False),
            )
        except (BusinessError, ValidationError) as error:
            add_error(form, error, None)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect(publication)
    return render(
        request, "commons/publication_form.html", {"form": form, "publication": publication}
    )


def publication_files(request: HttpRequest, slug: str) -> HttpResponse:
    """Files (with their versions) and, for a dataset, its resources: list and add."""
    publication = get_visible(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    action = request.POST.get("action") if request.method == "POST" else None
    file_form = PublicationFileForm(
        request.POST if action == "file" else None,
        request.FILES if action == "file" else None,
        publication=publication,
    )
    resource_form = ResourceForm(
        request.POST if action == "resource" else None,
        request.FILES if action == "resource" else None,
    )
    if action == "file" and file_form.is_valid():
        data = file_form.cleaned_data
        try:
            added = services.publication_file_add(
                publication=publication,
                by=request.user,
                upload=data["file"],
                label=data["label"],
                replaces=data["replaces"],
                note=data["note"],
            )
        except (BusinessError, ValidationError) as error:
            add_error(file_form, error, "file")
        else:
            messages.success(
                request,
                _("“%(label)s” version %(version)s is added.")
                % {"label": added.label, "version": added.version},
            )
            return redirect("commons:publication-files", slug=publication.slug)
    if action == "resource" and publication.is_dataset and resource_form.is_valid():
        data = resource_form.cleaned_data
        try:
            services.resource_add(
                publication=publication,
                by=request.user,
                title=data["title"],
                upload=data.get("file") or None,
                url=data["url"],
                file_format=data["file_format"],
                description=data["description"],
            )
        except (BusinessError, ValidationError) as error:
            add_error(resource_form, error, None)
        else:
            messages.success(request, _("The resource is added."))
            return redirect("commons:publication-files", slug=publication.slug)
    return render(
        request,
        "commons/publication_files.html",
        {
            "publication": publication,
            "files": selectors.publication_files(publication=publication),
            "resources": selectors.dataset_resources(publication=publication),
            "file_form": file_form,
            "resource_form": resource_form,
        },
    )


def file_download(request: HttpRequest, slug: str, pk: int, filename: str) -> FileResponse:
    publication = get_visible(request, slug)
    document = get_object_or_404(PublicationFile, pk=small(pk), publication=publication)
    return serve(document.file, document.filename, document.format)


def resource_download(request: HttpRequest, slug: str, pk: int, filename: str) -> FileResponse:
    publication = get_visible(request, slug)
    resource = get_object_or_404(Resource, pk=small(pk), publication=publication)
    if not resource.file:
        raise Http404
    return serve(resource.file, resource.filename, resource.format)


def cover(request: HttpRequest, slug: str) -> FileResponse:
    publication = get_visible(request, slug)
    if not publication.cover:
        raise Http404
    name = publication.cover.name.rsplit("/", 1)[-1]
    return serve(publication.cover, name, "png" if name.lower().endswith(".png") else "jpg")


def dataset_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_visible(request, slug)
    if not publication.is_dataset:
        raise Http404
    return json_ld(
        linked_data.dataset_document(
            publication,
            selectors.dataset_resources(publication=publication),
            selectors.authors(publication),
            request.build_absolute_uri,
        )
    )
