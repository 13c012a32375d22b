"""Pages around the API: the documentation, read from the OpenAPI schema, and the personal
tokens in the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import form_add_business_error, never_stored

from . import selectors, services
from .api import api
from .forms import TokenForm

METHODS = ("get", "post", "patch", "put", "delete")


@require_GET
def docs_redirect(request: HttpRequest) -> HttpResponse:
    """The API's root in a browser: its documentation, in the language the visitor reads (the
    API's own addresses have no language prefix)."""
    return redirect("api-docs")


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = []
    for path, methods in schema["paths"].items():
        for method in METHODS:
            if method in methods:
                op = methods[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary", ""),
                        "description": op.get("description", ""),
                        "tag": (op.get("tags") or [""])[0],
                        "parameters": [
                            p for p in op.get("parameters", []) if p.get("in") in ("path", "query")
                        ],
                        "body": "requestBody" in op,
                        "write": method != "get",
                        "statuses": sorted(op.get("responses", {})),
                    }
                )
    tags = list(dict.fromkeys(op["tag"] for op in operations))
    operations.sort(key=lambda op: tags.index(op["tag"]))  # stable: path order within a tag
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "base": request.build_absolute_uri("/api/v1"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_stored  # the page shows a new token's secret, once
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = services.token_create(by=request.user, **form.cleaned_data)
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            form = TokenForm()
    rows = selectors.token_list(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "tokens": rows, "created": created})


@login_required
@require_POST
def token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    try:
        token = selectors.token_of(user=request.user, prefix=prefix)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("api-tokens")
