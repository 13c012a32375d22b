"""The follow button's one view."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import access_or_404

from . import selectors, services
from .models import FOLLOWABLE

SALT = "follows.target"


def target_sign(obj: object) -> str:
    return signing.dumps(
        [obj._meta.app_label, obj._meta.model_name, obj.pk],  # type: ignore[attr-defined]
        salt=SALT,
    )


def _target_key(request: HttpRequest) -> tuple[str, str, int]:
    """The target as ``(app_label, model, pk)``: signed, or given in the clear (then only the
    whitelist and the visibility check guard it, which is all the signature adds)."""
    try:
        if request.POST.get("target"):
            app_label, model, pk = signing.loads(request.POST["target"], salt=SALT)
        else:
            app_label, model = request.POST["app_label"], request.POST["model"]
            pk = request.POST["pk"]
        return str(app_label).lower(), str(model).lower(), int(pk)
    except (KeyError, ValueError, TypeError, signing.BadSignature) as bad:
        raise Http404 from bad


@login_required
@require_POST
def follow_toggle(request: HttpRequest) -> HttpResponse:
    app_label, model_name, pk = _target_key(request)
    key = f"{app_label}.{model_name}"
    if key not in FOLLOWABLE:
        raise Http404
    model = apps.get_model(app_label, model_name)
    obj = access_or_404(request, model._default_manager.get, FOLLOWABLE[key], pk=pk)
    if request.POST.get("action") == "unfollow":
        services.follow_remove(user=request.user, obj=obj)
    else:
        try:
            services.follow_add(user=request.user, obj=obj)
        except BusinessError as error:
            raise Http404 from error
    if getattr(request, "htmx", False):
        return render(request, "follows/_button.html", button_context(request, obj))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return redirect(back)


def button_context(request: HttpRequest, obj: object) -> dict[str, object]:
    return {
        "target": target_sign(obj),
        "following": selectors.is_following(user=request.user, obj=obj),  # type: ignore[arg-type]
        "authenticated": request.user.is_authenticated,
        "next": request.get_full_path(),
    }
