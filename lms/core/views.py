"""Views of the site shell."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.static import serve as static_serve

from lms.people.languages import supported_language, url_in_language
from lms.people.services import user_language_set


@require_POST
def language_set(request: HttpRequest) -> HttpResponseRedirect:
    """Switch the interface language; works as a plain form post, without JavaScript.

    An unsupported code falls back to Spanish. A signed-in user's choice is also saved as
    their preferred language.
    """
    language = supported_language(request.POST.get("language"))
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    return HttpResponseRedirect(url_in_language(next_url, language))


def health(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: the process answers and the database responds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def not_found(request: HttpRequest) -> HttpResponse:
    raise Http404


def media_serve(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, served by Django only while DEBUG is on (`make run`)."""
    if not settings.DEBUG:
        raise Http404
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)
