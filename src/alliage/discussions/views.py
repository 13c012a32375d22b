"""Discussion views: a thread (read, post, page on with htmx), one comment (edit, delete,
history), the mention picker. Each fetches through ``access_or_404``: a thread one may not
read does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliage.core.errors import BusinessError
from alliage.core.http import access_or_404, form_add_business_error, require_perm, small_pk

from . import selectors, services
from .forms import CommentForm
from .models import Comment
from .predicates import Place


def thread_url(place: Place) -> str:
    return reverse(
        "discussions:thread",
        kwargs={"key": place.key, "pk": place.target.pk, "channel": place.channel.key},
    )


def place_context(request: HttpRequest, place: Place) -> dict[str, Any]:
    """What a comment's template needs to know of its thread and of the viewer: the same
    channel rules the permissions read, asked once for the whole page."""
    user = request.user
    return {
        "place": place,
        "thread_url": thread_url(place),
        "people_url": reverse(
            "discussions:people",
            kwargs={"key": place.key, "pk": place.target.pk, "channel": place.channel.key},
        ),
        "can_post": user.has_perm("discussions.post_comment", place),
        "can_moderate": user.is_authenticated and place.channel.moderate(user, place.target),
        "dom_id": f"thread-{place.key.replace('.', '-')}-{place.target.pk}-{place.channel.key}",
    }


def thread_context(request: HttpRequest, place: Place, *, after: int = 0) -> dict[str, Any]:
    return {
        **place_context(request, place),
        "page": selectors.comments_page(place=place, after=after),
        "form": CommentForm(),
    }


def _comment_fragment(request: HttpRequest, comment: Comment, place: Place) -> HttpResponse:
    fresh = selectors.comment_get(pk=comment.pk)
    context = {**place_context(request, place), "comment": fresh}
    return render(request, "discussions/thread.html#comment", context)


def _place(request: HttpRequest, key: str, pk: int, channel: str) -> Place:
    return access_or_404(
        request, selectors.place_get, "discussions.read_thread", key=key, pk=pk, channel=channel
    )


@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, key: str, pk: int, channel: str) -> HttpResponse:
    """GET: the thread (a whole page, its comments for htmx, or the next page of them with
    ``after``). POST: a comment or a reply; htmx gets the thread back, others a redirect."""
    place = _place(request, key, pk, channel)
    htmx = getattr(request, "htmx", False)
    if request.method == "GET":
        try:
            after = small_pk(int(request.GET.get("after", "0") or 0))
        except ValueError:
            after = 0
        context = thread_context(request, place, after=after)
        if htmx and after:
            return render(request, "discussions/thread.html#more", context)
        if htmx:
            return render(request, "discussions/thread.html#thread", context)
        return render(request, "discussions/thread.html", context)
    if denied := require_perm(request, "discussions.post_comment", place):
        return denied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_post(
                place=place,
                by=request.user,
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data.get("parent"),
                # A comment is taken to be in the language of the page it is written on.
                language=request.LANGUAGE_CODE,
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            if htmx:
                return render(
                    request, "discussions/thread.html#thread", thread_context(request, place)
                )
            return redirect(f"{place.target.get_absolute_url()}#comment-{comment.pk}")
    context = thread_context(request, place)
    context["form"] = form
    status = 422 if htmx else 400
    template = "discussions/thread.html#thread" if htmx else "discussions/thread.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def people(request: HttpRequest, key: str, pk: int, channel: str) -> HttpResponse:
    """The mention picker's suggestions for what was typed after "@"."""
    place = _place(request, key, pk, channel)
    if denied := require_perm(request, "discussions.post_comment", place):
        return denied
    q = request.GET.get("q", "")[:100]
    people = selectors.mention_candidates(place=place, viewer=request.user, q=q)
    return render(request, "discussions/_people.html", {"people": people, "q": q})


def _comment(request: HttpRequest, pk: int) -> Comment:
    return access_or_404(request, selectors.comment_get, "discussions.see_comment", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    if denied := require_perm(request, "discussions.edit_comment", comment):
        return denied
    place: Place = comment.place  # type: ignore[attr-defined]
    htmx = getattr(request, "htmx", False)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(
                comment=comment, by=request.user, body=form.cleaned_data["body"]
            )
        except BusinessError as error:
            form_add_business_error(form, error)
        else:
            if htmx:
                return _comment_fragment(request, comment, place)
            return redirect(f"{place.target.get_absolute_url()}#comment-{comment.pk}")
    context = {"comment": comment, "form": form, "place": place, "thread_url": thread_url(place)}
    template = "discussions/comment_edit.html"
    if htmx:
        template += "#form"
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    if denied := require_perm(request, "discussions.delete_comment", comment):
        return denied
    place: Place = comment.place  # type: ignore[attr-defined]
    services.comment_delete(comment=comment, by=request.user)
    if getattr(request, "htmx", False):
        return _comment_fragment(request, comment, place)
    return redirect(f"{place.target.get_absolute_url()}#comment-{comment.pk}")


@require_GET
def comment_history(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    place: Place = comment.place  # type: ignore[attr-defined]
    return render(
        request,
        "discussions/comment_history.html",
        {
            "comment": comment,
            "place": place,
            "revisions": selectors.comment_revisions(comment=comment),
            "thread_url": thread_url(place),
        },
    )
