"""Learner and public pages: My certificates, downloads, the verification page, the key set
and the revocation list.

The verification page tells status, name, course, dates, issuer and the exercises passed (the
certificate's evidence, with the JSON an offline verifier checks against the signed digest):
nothing more personal. Evidence whose digest the signed payload does not bind is never shown
or carried by a badge (D11).
Lookups are rate-limited per client address, typed or scanned alike, so codes cannot be
enumerated. A certificate the viewer may not download answers 404, never 403.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django_ratelimit.core import is_ratelimited

from certificates import selectors
from certificates.badges import BadgeFacts, badge_credential
from certificates.codes import code_display
from certificates.drawing.facts_to_layout import verification_url
from certificates.models import Certificate
from certificates.models.certificate import PublicStatus
from certificates.services.lifecycle import certificate_renew
from certificates.signing.evidence import evidence_digest
from certificates.signing.keys import jwks
from courses.models import CoursePage
from courses.selectors.pages import pages_in_language
from foundation.http import never_cached
from people.throttling import client_address


def _learner_certificates(request: HttpRequest, *, limit: int | None = None) -> dict:
    held = selectors.certificates_held(learner=request.user)
    return {"held": held[:limit], "pending": list(selectors.certificates_pending(learner=request.user))}


def my_learning_section(request: HttpRequest) -> str:
    """The "My certificates" section of My learning (courses asks for it through a setting)."""
    html = render_to_string(
        "certificates/includes/my_learning_section.html", _learner_certificates(request, limit=5), request=request
    )
    return mark_safe(html)  # noqa: S308 - rendered by our template, which escapes what it shows


class MyCertificatesView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return never_cached(render(request, "certificates/mine.html", _learner_certificates(request)))


def pdf_file_name(certificate: Certificate) -> str:
    """The PDF's file name in the certificate's language ("certificado-<code>.pdf"), in ASCII letters only."""
    with translation.override(certificate.language or settings.LANGUAGE_CODE):
        word = slugify(pgettext("file name of a downloaded certificate", "certificate")) or "certificate"
    return f"{word}-{certificate.code}.pdf"


# How often the "being prepared" page asks again for the PDF.
PREPARING_REFRESH_SECONDS = 10


class DownloadView(LoginRequiredMixin, View):
    """The PDF, or, while there is none yet, a page that says it is being prepared and asks again.

    The page reloads itself with a Refresh header (no JavaScript) until the PDF is there, and the
    reload then downloads it. `?refresh=off` stops the reloading (WCAG 2.2.1: a person using a
    screen reader must be able to turn it off); the page then offers a link to check again.
    """

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        certificate = selectors.certificate_for_holder_or_staff(
            viewer=request.user, code=code, statuses=selectors.DOWNLOADABLE_STATUSES
        )
        try:
            data = selectors.certificate_pdf_read(certificate)
        except selectors.PdfNotAsIssued:
            raise Http404 from None  # the stored file is not the one issued: never hand it out
        if data is None:
            refreshing = request.GET.get("refresh") != "off"
            context = {"certificate": certificate, "refreshing": refreshing, "seconds": PREPARING_REFRESH_SECONDS}
            response = render(request, "certificates/preparing.html", context)
            if refreshing:
                response["Refresh"] = str(PREPARING_REFRESH_SECONDS)
            return never_cached(response)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, pdf_file_name(certificate))
        return never_cached(response)


class BadgeView(LoginRequiredMixin, View):
    """The certificate as a signed Open Badges 3.0 credential (JSON)."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        certificate = selectors.certificate_for_holder_or_staff(viewer=request.user, code=code)
        evidence = selectors.evidence_as_signed(certificate)
        if evidence is None:
            raise Http404  # the record of exercises is not the one signed: never vouch for it
        course = pages_in_language(CoursePage, [certificate.course_key], certificate.language).get(
            certificate.course_key
        )
        url = verification_url(certificate.code, certificate.language)
        credential = badge_credential(
            BadgeFacts(
                code=certificate.code,
                learner_name=certificate.learner_name,
                course_title=certificate.course_title,
                course_description=(course.summary if course is not None else "") or certificate.course_title,
                course_url=settings.SITE_URL + (course.url if course is not None else "/"),
                issued_on=timezone.localdate(certificate.issued_at),
                expires_on=certificate.expires_on,
                issuer_name=settings.CERTIFICATES_ISSUER_NAME,
                issuer_url=settings.SITE_URL + "/",
                verification_url=url,
                achievement_id=f"{settings.SITE_URL}/certificates/achievements/{certificate.course_key}",
                exercises=tuple(evidence),
            )
        )
        response = HttpResponse(
            json.dumps(credential, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.json"'
        return never_cached(response)


class RenewView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        certificate = selectors.certificate_for_holder_or_staff(viewer=request.user, code=code)
        if certificate.learner_id != request.user.pk:
            raise Http404
        try:
            enrolment = certificate_renew(certificate=certificate, learner=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return HttpResponseRedirect(reverse("certificates:mine"))
        course = pages_in_language(CoursePage, [enrolment.course_key]).get(enrolment.course_key)
        messages.success(request, _("Renewal started: complete the course again to receive your new certificate."))
        return HttpResponseRedirect(course.url if course else reverse("courses:my_learning"))


def _lookup_allowed(request: HttpRequest) -> bool:
    """Count this lookup against the client address's allowance (django-ratelimit); False once it is used up."""
    return not is_ratelimited(
        request,
        group="certificates.lookups",
        key=lambda _group, request: client_address(request) or "",
        rate=(settings.CERTIFICATES_LOOKUPS_PER_WINDOW, settings.CERTIFICATES_LOOKUP_WINDOW),
        increment=True,
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "certificates/verify_form.html",
        {"error": _("Too many lookups from your connection. Wait a few minutes and try again."), "code": ""},
        status=429,
    )
    response["Retry-After"] = str(settings.CERTIFICATES_LOOKUP_WINDOW)
    return never_cached(response)


NOT_FOUND_MESSAGE = gettext_lazy("No certificate with this code. Check the code on the certificate and type it again.")


class VerifyFormView(View):
    """Type a code (from the certificate's small print); the check character catches typos."""

    def get(self, request: HttpRequest) -> HttpResponse:
        typed = (request.GET.get("code") or "").strip()
        if not typed:
            return never_cached(render(request, "certificates/verify_form.html", {"code": ""}))
        if not _lookup_allowed(request):
            return _too_many(request)
        certificate = selectors.certificate_by_code(typed)
        if certificate is None:
            return never_cached(
                render(
                    request,
                    "certificates/verify_form.html",
                    {"code": typed[:40], "error": NOT_FOUND_MESSAGE},
                    status=404,
                )
            )
        return redirect("certificates:verify", code=certificate.code)


class VerifyView(View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        if not _lookup_allowed(request):
            return _too_many(request)
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            return never_cached(
                render(
                    request,
                    "certificates/verify_form.html",
                    {"code": code[:40], "error": NOT_FOUND_MESSAGE},
                    status=404,
                )
            )
        if code != certificate.code:  # a typed variant (hyphens, lower case): the canonical address
            return redirect("certificates:verify", code=certificate.code)
        status = certificate.public_status()
        evidence = selectors.evidence_as_signed(certificate)
        context = {
            "certificate": certificate,
            "code_display": code_display(certificate.code),
            "status": status,
            "is_valid": status == PublicStatus.VALID,
            "issuer": settings.CERTIFICATES_ISSUER_NAME,
            "checked_at": timezone.now(),
            "evidence_mismatch": evidence is None,
            "exercises": selectors.exercises_passed(evidence or []),
            "evidence_json": json.dumps(evidence, ensure_ascii=False, indent=2) if evidence else "",
            "evidence_digest": evidence_digest(evidence) if evidence else "",
        }
        return never_cached(render(request, "certificates/verify.html", context))


def keys_document(request: HttpRequest) -> HttpResponse:
    """The public keys that verify certificates' signed payloads (JSON Web Key Set)."""
    response = JsonResponse(jwks())
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=3600)
    return response


def revocations_document(request: HttpRequest) -> HttpResponse:
    """The signed list of revoked and superseded certificates, current on every request."""
    response = JsonResponse(selectors.revocation_document())
    response["Access-Control-Allow-Origin"] = "*"
    add_never_cache_headers(response)
    return response
