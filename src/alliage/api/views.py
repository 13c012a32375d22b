"""Pages around the API: the documentation, read from the OpenAPI schema, and the personal
tokens in the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliage.actors.selectors import person_for_user
from alliage.core.errors import BusinessError

from . import services
from .api import api
from .forms import TokenForm
from .models import ApiToken

METHODS = ("get", "post", "patch", "put", "delete")


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


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    person = person_for_user(user=request.user)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = services.token_create(by=request.user, **form.cleaned_data)
        except BusinessError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            form = TokenForm()
    rows = person.api_tokens.order_by("-created_at") if person else ApiToken.objects.none()
    return render(request, "api/tokens.html", {"form": form, "tokens": rows, "created": created})


@login_required
@require_POST
def token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    token = (
        ApiToken.objects.select_related("person")
        .filter(prefix=prefix, person__user=request.user)
        .first()
    )
    if token is None:
        raise Http404
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("api-tokens")
