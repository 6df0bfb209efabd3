"""Views of the site shell."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.static import serve as static_serve

from people.languages import supported_language, url_in_language
from people.services import user_language_set


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
    return HttpResponseRedirect(
        page_url_in_language(request, next_url, language) or url_in_language(next_url, language)
    )


def page_url_in_language(request: HttpRequest, url: str, language: str) -> str | None:
    """A Wagtail page's translation in `language`, whose slugs differ from the page's own.

    None when `url` is not a page. A page without a live translation keeps its own URL: it
    then tells the reader it is shown in the other language.
    """
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve
    from django.utils import translation
    from wagtail.models import Locale, Site

    path = urlsplit(url).path
    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(current):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        root = site.root_page.localized.specific
        served = match.args[0] if match.args else match.kwargs.get("path", "")
        components = [component for component in served.split("/") if component]
        try:
            page = root.route(request, components).page
        except Http404:
            return None
    target = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(target) if target else None
    if translated is None or not translated.live:
        return page.get_url(request)
    return translated.get_url(request)


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
