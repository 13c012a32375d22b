"""The team's bulk import: upload, preview with every row's fate and errors, commit."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import form_add_business_error, never_stored, require_perm

from . import services, staging
from .forms import CommitForm, UploadForm


def _gate(request: HttpRequest) -> HttpResponse | None:
    return require_perm(request, "imports.run_import")


def _start_page(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "imports/start.html",
        {"form": form, "kinds": services.KINDS.values()},
        status=status,
    )


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    if denied := _gate(request):
        return denied
    return _start_page(request, UploadForm(initial={"kind": request.GET.get("kind", "")}))


@require_POST
@never_stored  # every row's names and e-mails
def preview(request: HttpRequest) -> HttpResponse:
    """Run the whole import and roll it back: what each row would do, and what is wrong."""
    if denied := _gate(request):
        return denied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _start_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    kind = form.cleaned_data["kind"]
    if upload.size > services.MAX_BYTES:
        form.add_error("file", _("The file is larger than 2 MB."))
        return _start_page(request, form, status=400)
    content = upload.read()
    try:
        report = services.import_run(
            kind=kind, content=content, filename=upload.name, by=request.user, commit=False
        )
    except BusinessError as error:
        form_add_business_error(form, error, default="file")
        return _start_page(request, form, status=400)
    token = (
        staging.stage(content=content, filename=upload.name, kind=kind, user_id=request.user.pk)
        if report.ok
        else ""
    )
    return _preview_page(request, report, upload.name, token)


def _preview_page(
    request: HttpRequest, report: services.ImportReport, filename: str, token: str
) -> HttpResponse:
    spec = services.KINDS[report.kind]
    return render(
        request,
        "imports/preview.html",
        {
            "report": report,
            "spec": spec,
            "filename": filename,
            "commit_form": CommitForm(initial={"token": token}) if token else None,
        },
    )


@require_POST
@never_stored
def commit(request: HttpRequest) -> HttpResponse:
    """Import the previewed file, all or nothing."""
    if denied := _gate(request):
        return denied
    form = CommitForm(request.POST)
    staged = staging.unstage(token=form.data.get("token", ""), user_id=request.user.pk)
    if staged is None or staged[2] not in services.KINDS:
        messages.error(request, _("This preview has expired: upload the file again."))
        return redirect("team:imports:start")
    content, filename, kind = staged
    try:
        report = services.import_run(
            kind=kind, content=content, filename=filename, by=request.user, commit=True
        )
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("team:imports:start")
    if not report.committed:  # the database changed since the preview
        return _preview_page(request, report, filename, "")
    staging.discard(token=form.data["token"])
    counts = report.counts
    messages.success(
        request,
        _("Imported: %(create)s created, %(update)s updated, %(unchanged)s unchanged.") % counts,
    )
    return redirect("team:imports:start")


@require_http_methods(["GET", "HEAD"])
def template_file(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty file of this kind, its columns and one example row, to fill in."""
    if denied := _gate(request):
        return denied
    if kind not in services.KINDS:
        raise Http404
    columns, example = services.template_rows(kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerow(example)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="alliage-{kind}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
