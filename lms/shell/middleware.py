"""Middleware of the site shell."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse


class LanguageFallbackMiddleware:
    """Send a path under an unsupported language prefix (/fr/…, /pt-br/…) to the Spanish page.

    Only paths that would otherwise be 404 are redirected, so no real URL is shadowed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        first, _slash, rest = request.path_info.lstrip("/").partition("/")
        code = first.lower()
        if code in LANG_INFO and code not in self.supported:
            query = request.META.get("QUERY_STRING", "")
            # lstrip: "/fr//evil.example/" must not become the protocol-relative "//evil.example/".
            return HttpResponseRedirect("/" + rest.lstrip("/\\") + (f"?{query}" if query else ""))
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy; relaxed only inside the Wagtail admin, which needs inline styles and
    scripts and shows page previews in a same-origin frame. Everywhere else framing is denied."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if _is_admin(request):
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and _is_admin(request):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE, **(parts.replace or {})}
        return parts


def _is_admin(request: HttpRequest) -> bool:
    # Wagtail renders a page preview through a dummy request with the page's own path: that
    # response is shown in the admin's preview frame, so it must allow a same-origin frame.
    return getattr(request, "is_dummy", False) or request.path_info.startswith(_admin_prefix())


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")
