"""The library, publication pages and the team's forms: parse, access, call a selector or a
service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.coalitions import selectors as coalition_selectors
from alliage.core.errors import BusinessError
from alliage.core.hooks import Slot, page_sections
from alliage.core.http import (
    HtmxHttpRequest,
    access_or_404,
    file_response,
    form_add_business_error,
    render_list,
    require_perm,
)
from alliage.core.pagination import paginate_deep

from .. import linked_data, selectors, services
from ..forms import LibraryFilterForm, PublicationFileForm, PublicationForm, ResourceForm
from ..models import Publication, Resource
from ..preview import Preview, csv_preview
from ..uploads import MEDIA_TYPES
from .common import json_ld, publication_or_404


@require_GET
def library(request: HtmxHttpRequest) -> HttpResponse:
    programmes = list(coalition_selectors.programme_list().only("slug", "name"))
    form = LibraryFilterForm(request.GET or None, programmes=programmes)
    filters = form.filters()
    page = paginate_deep(
        request,
        selectors.publication_list(viewer=request.user, **filters),
        settings.ALLIAGE_PAGE_SIZE,
    )
    return render_list(
        request,
        "commons/library.html",
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


@require_GET
def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = publication_or_404(request, slug)
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
        "discussion_sections": page_sections(request, publication, Slot.DISCUSSION),
        "cover_url": (
            absolute(reverse("commons:cover", args=[publication.slug])) if publication.cover else ""
        ),
    }
    return render(request, "commons/publication_detail.html", context)


def _same_title(
    request: HttpRequest, form: PublicationForm, *, editing: Publication | None = None
) -> list[Publication]:
    """The publications the person can see that already have the title just sent: the form is
    saved only once they confirm saving anyway. Looked for also when the form has other
    errors, so that one round trip shows everything."""
    if request.method != "POST":
        return []
    form.is_valid()  # cleans the title
    return selectors.publications_titled(
        title=form.title_to_check(),
        viewer=request.user,
        exclude_pk=editing.pk if editing else None,
    )


def _may_save(form: PublicationForm, same_title: list[Publication]) -> bool:
    return form.is_valid() and (not same_title or form.same_title_confirmed())


@require_http_methods(["GET", "POST"])
def publication_create(request: HttpRequest) -> HttpResponse:
    if denied := require_perm(request, "commons.create_publication"):
        return denied
    programmes = selectors.publication_programmes(user=request.user)
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        programmes=programmes,
        programme_required=not request.user.is_superuser,
        initial={"programme": programmes.first()},
    )
    same_title = _same_title(request, form)
    if request.method == "POST" and _may_save(form, same_title):
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
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect(publication)
    return render(
        request,
        "commons/publication_form.html",
        {"form": form, "publication": None, "same_title": same_title},
    )


@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    publication = publication_or_404(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        # The form writes into its instance as it validates: the page keeps the saved one.
        instance=selectors.publication_get(pk=publication.pk),
        # The current programme stays choosable.
        programmes=selectors.publication_programmes(
            user=request.user, keep=publication.programme_id
        ),
        programme_required=not request.user.is_superuser,
    )
    same_title = _same_title(request, form, editing=publication)
    if request.method == "POST" and _may_save(form, same_title):
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
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect(publication)
    return render(
        request,
        "commons/publication_form.html",
        {"form": form, "publication": publication, "same_title": same_title},
    )


def _files_page(
    request: HttpRequest,
    publication: Publication,
    *,
    file_form: PublicationFileForm | None = None,
    resource_form: ResourceForm | None = None,
) -> HttpResponse:
    """The files page, with the form just sent (and its errors) where there is one."""
    return render(
        request,
        "commons/publication_files.html",
        {
            "publication": publication,
            "files": selectors.publication_files(publication=publication),
            "resources": selectors.dataset_resources(publication=publication),
            "file_form": file_form or PublicationFileForm(publication=publication),
            "resource_form": resource_form or ResourceForm(),
        },
    )


@require_GET
def publication_files(request: HttpRequest, slug: str) -> HttpResponse:
    """Files (with their versions) and, for a dataset, its resources; each form posts to its
    own view."""
    publication = publication_or_404(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    return _files_page(request, publication)


@require_POST
def publication_file_add(request: HttpRequest, slug: str) -> HttpResponse:
    """A new file, or a new version of one; earlier versions stay."""
    publication = publication_or_404(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    form = PublicationFileForm(request.POST, request.FILES, publication=publication)
    if form.is_valid():
        data = form.cleaned_data
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
            form_add_business_error(form, error, "file")
        else:
            messages.success(
                request,
                _("“%(label)s” version %(version)s is added.")
                % {"label": added.label, "version": added.version},
            )
            return redirect("commons:publication-files", slug=publication.slug)
    return _files_page(request, publication, file_form=form)


@require_POST
def resource_add(request: HttpRequest, slug: str) -> HttpResponse:
    """A resource of a dataset: a file, or a link to data kept elsewhere."""
    publication = publication_or_404(request, slug)
    if denied := require_perm(request, "commons.edit_publication", publication):
        return denied
    if not publication.is_dataset:
        return _files_page(request, publication)  # only datasets have resources
    form = ResourceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
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
            form_add_business_error(form, error)
        else:
            messages.success(request, _("The resource is added."))
            return redirect("commons:publication-files", slug=publication.slug)
    return _files_page(request, publication, resource_form=form)


@require_GET
def file_download(request: HttpRequest, slug: str, pk: int, filename: str) -> FileResponse:
    document = access_or_404(
        request, selectors.publication_file_detail, "commons.see_publication", slug=slug, pk=pk
    )
    return file_response(
        document.file, filename=document.filename, content_type=MEDIA_TYPES.get(document.format)
    )


@require_GET
def resource_download(request: HttpRequest, slug: str, pk: int, filename: str) -> FileResponse:
    resource = access_or_404(
        request, selectors.resource_detail, "commons.see_publication", slug=slug, pk=pk
    )
    if not resource.file:
        raise Http404
    return file_response(
        resource.file, filename=resource.filename, content_type=MEDIA_TYPES.get(resource.format)
    )


@require_GET
def cover(request: HttpRequest, slug: str) -> FileResponse:
    publication = publication_or_404(request, slug)
    if not publication.cover:
        raise Http404
    name = publication.cover.name.rsplit("/", 1)[-1]
    kind = "png" if name.lower().endswith(".png") else "jpg"
    return file_response(publication.cover, filename=name, content_type=MEDIA_TYPES[kind])


@require_GET
def dataset_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    publication = publication_or_404(request, slug)
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
