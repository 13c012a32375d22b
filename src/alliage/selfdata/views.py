"""Self Data pages: my data and its archive, my consents, my activity log, erasing my account;
the team's audit log and list of inactive accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.actors.selectors import person_for_user
from alliage.core.errors import BusinessError
from alliage.core.http import (
    HtmxHttpRequest,
    form_add_business_error,
    paginate,
    require_perm,
    service_then_redirect,
    stream_response,
)
from alliage.core.personal_data import (
    Dataset,
    DatasetRows,
    PersonalData,
    personal_data_entries,
)

from . import selectors, services
from .display import audit_display
from .forms import AuditFilterForm, ConsentForm, EraseForm
from .models import ExportStatus

PAGE_ROWS = 25  # rows of one dataset shown on the page; the archive has them all
DATASET_PAGE_ROWS = 50  # rows of one dataset's own page


@dataclass
class Shown:
    dataset: Dataset
    rows: list[dict[str, Any]]
    total: int


def _overview(user: Any) -> list[tuple[PersonalData, list[Shown]]]:
    """Per dataset, its count and its first rows, each read in SQL for the datasets that may
    grow (a constant number of queries, however many records the person has)."""
    groups = []
    for entry in personal_data_entries():
        shown = []
        for dataset in entry.datasets:
            rows, total = dataset.head(user, limit=PAGE_ROWS)
            shown.append(Shown(dataset, dataset.shown(rows, user), total))
        groups.append((entry, shown))
    return groups


def _dataset_or_404(app_label: str, key: str) -> tuple[PersonalData, Dataset]:
    for entry in personal_data_entries():
        if entry.app_label == app_label:
            for dataset in entry.datasets:
                if dataset.key == key:
                    return entry, dataset
    raise Http404


def _export_context(request: HttpRequest) -> dict[str, Any]:
    export = selectors.export_current(user=request.user)
    return {
        "export": export,
        "download_url": (
            reverse("selfdata:export-download", args=[services.export_token(export)])
            if export is not None and export.is_live
            else ""
        ),
        "ttl_hours": int(services.export_ttl().total_seconds() // 3600),
        "statuses": ExportStatus,
    }


@require_GET
@never_cache
@login_required
def my_data(request: HtmxHttpRequest) -> HttpResponse:
    """Everything Alliage holds about me, readable, and the archive to download."""
    context = _export_context(request)
    if request.htmx and request.GET.get("part") == "export":
        return render(request, "selfdata/data_mine.html#export", context)
    context["groups"] = _overview(request.user)
    context["section"] = "data"
    return render(request, "selfdata/data_mine.html", context)


@require_GET
@never_cache
@login_required
def my_dataset(request: HttpRequest, app_label: str, key: str) -> HttpResponse:
    """One kind of my data, page by page (the overview shows its first rows)."""
    entry, dataset = _dataset_or_404(app_label, key)
    page = paginate(request, DatasetRows(dataset, request.user), DATASET_PAGE_ROWS)
    page.object_list = dataset.shown(list(page.object_list), request.user)
    return render(
        request,
        "selfdata/dataset_mine.html",
        {"entry": entry, "dataset": dataset, "page": page, "section": "data"},
    )


@require_POST
@login_required
def export_request(request: HttpRequest) -> HttpResponse:
    return service_then_redirect(
        request,
        lambda: services.export_request(user=request.user, by=request.user),
        to="selfdata:my-data",
        success=_(
            "Your archive is requested: its download link shows under “Download "
            "everything” as soon as it is ready."
        ),
    )


@require_GET
@never_cache
@login_required
def export_download(request: HttpRequest, token: str) -> HttpResponse:
    """The archive, once, to its owner only, while the link lasts."""
    try:
        handle, name = services.export_open(token=token, by=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("selfdata:my-data")
    return stream_response(handle, filename=name, content_type="application/zip")


@require_http_methods(["GET", "POST"])
@login_required
def consents(request: HttpRequest) -> HttpResponse:
    """Each purpose, explained, with its state; a grant or a withdrawal leaves a receipt.
    Showing the page writes nothing: an account without a person yet has given no consent
    (the service makes the person on the first choice)."""
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a purpose and whether you agree."))
        elif form.keep:
            receipt = services.consent_confirm(
                user=request.user, by=request.user, purpose=form.cleaned_data["purpose"]
            )
            if receipt is not None:
                messages.success(
                    request,
                    _("Thank you: your consent to “%(purpose)s” is kept, for the current text.")
                    % {"purpose": receipt.get_purpose_display()},
                )
        else:
            receipt = services.consent_set(
                user=request.user,
                by=request.user,
                purpose=form.cleaned_data["purpose"],
                granted=form.granted,
            )
            if receipt is not None:
                messages.success(
                    request,
                    (
                        _("Thank you: your consent to “%(purpose)s” is recorded.")
                        if receipt.granted
                        else _("Your consent to “%(purpose)s” is withdrawn, from now on.")
                    )
                    % {"purpose": receipt.get_purpose_display()},
                )
        return redirect("selfdata:consents")
    person = person_for_user(user=request.user)
    return render(
        request,
        "selfdata/consent_list.html",
        {
            "states": selectors.consent_states(person=person),
            "receipts": selectors.receipts_of(person=person)[:50],
            "section": "consents",
        },
    )


def _worded(entries: Any, user: Any, *, links: bool) -> Any:
    """Each entry with ``shown``: its action, object and details in words (``audit_display``,
    as on "My data"), the object linked to its page when the reader may see it."""
    rows = [
        {
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "details": e.data,
        }
        for e in entries
    ]
    for entry, shown in zip(entries, audit_display(rows, user, links=links), strict=True):
        entry.shown = shown
    return entries


@require_GET
@login_required
def my_audit(request: HttpRequest) -> HttpResponse:
    """The sensitive actions I made and those made on my account or profile."""
    page = paginate(request, selectors.audit_about(user=request.user), 50)
    _worded(page.object_list, request.user, links=True)
    return render(request, "selfdata/audit_mine.html", {"page": page, "section": "audit"})


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Erase my account, after my password and a clear confirmation."""
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_erase(
                user=request.user, by=request.user, password=form.cleaned_data["password"]
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            logout(request)
            messages.success(
                request, _("Your account is erased. Thank you for what you brought to Alliage.")
            )
            return redirect("coalitions:home")
    return render(request, "selfdata/account_delete.html", {"form": form, "section": "delete"})


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log: the whole of it for platform admins, its programmes' part for a team."""
    if denied := require_perm(request, "selfdata.view_audit_log"):
        return denied
    form = AuditFilterForm(
        request.GET or None,
        actions=selectors.audit_actions(viewer=request.user),
        target_types=selectors.audit_target_types(viewer=request.user),
    )
    page = paginate(request, selectors.audit_list(viewer=request.user, **form.filters()), 50)
    _worded(page.object_list, request.user, links=True)
    return render(
        request,
        "selfdata/audit_list.html",
        {
            "form": form,
            "page": page,
            "whole": request.user.has_perm("selfdata.view_whole_audit_log"),
        },
    )


@require_GET
def inactive_accounts(request: HttpRequest) -> HttpResponse:
    """Accounts flagged by ``flag_inactive_accounts``, longest unseen first."""
    if denied := require_perm(request, "selfdata.view_inactive_accounts"):
        return denied
    page = paginate(request, selectors.inactive_accounts(), 50)
    return render(
        request,
        "selfdata/inactive_list.html",
        {"page": page, "days": services.inactive_after().days},
    )
