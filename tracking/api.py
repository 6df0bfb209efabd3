"""The read API for the production information platform (docs/tracking.md#api).

Wagtail's `APIToken` bearer tokens authenticate (created in the admin's API tokens screen or
with `manage.py api_tokens create`); a token acts for its owner, and answers only about the
owner's countries, through the same selectors as the pages. A missing or revoked token is a
401; a person or country outside the owner's scope, or an owner who does not follow
certification, a 404. The OpenAPI description is at `openapi.json`; the interactive docs
page is off (it would load scripts from a CDN).
"""

from __future__ import annotations

import uuid
from datetime import date

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from wagtail.api.v3.auth import BearerTokenAuth

from certificates.drawing.facts_to_layout import verification_url
from tracking.selectors.read_api import certification_answer, roster_status
from tracking.selectors.scope import can_track, country_for

api = NinjaAPI(
    title="OCAM training platform: certification API",
    version="1",
    description=(
        "Read-only answers about the certification of a country's migration staff, scoped to the "
        "country of the token's owner."
    ),
    urls_namespace="tracking_api",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=BearerTokenAuth(),
)


class CertificateOut(Schema):
    code: str
    status: str
    issued_on: date | None
    expires_on: date | None
    verification_url: str


class CertificationOut(Schema):
    email: str
    full_name: str
    staff_number: str
    country: str
    course_key: uuid.UUID
    holds_valid_certificate: bool
    certificate: CertificateOut | None


class RosterEntryOut(Schema):
    email: str = Field(..., alias="person.email")
    full_name: str = Field(..., alias="person.full_name")
    staff_number: str = Field(..., alias="person.staff_profile.staff_number")
    authority: str = Field(..., alias="authority.code")
    duty_post: str | None
    job_function: str
    course_key: uuid.UUID
    status: str
    due_on: date
    expires_on: date | None

    @staticmethod
    def resolve_duty_post(row) -> str | None:
        return row.duty_post.code if row.duty_post else None


class ErrorOut(Schema):
    detail: str


def _viewer(request: HttpRequest):
    user = request.user
    if not can_track(user):
        raise Http404  # a token whose owner follows no country sees nothing
    return user


@api.get(
    "/certification",
    response={200: CertificationOut, 401: ErrorOut, 404: ErrorOut},
    url_name="certification",
    summary="Does a person hold a valid certificate for a course?",
)
def certification(request: HttpRequest, course: uuid.UUID, email: str | None = None, staff_number: str | None = None):
    """Name the person by `email` or `staff_number`, and the course by its key (as in the roster status)."""
    viewer = _viewer(request)
    answer = certification_answer(viewer=viewer, course_key=course, email=email, staff_number=staff_number)
    profile = answer.person.staff_profile
    certificate = answer.certificate
    return {
        "email": answer.person.email,
        "full_name": answer.person.full_name,
        "staff_number": profile.staff_number,
        "country": profile.country.iso2,
        "course_key": course,
        "holds_valid_certificate": answer.holds_valid,
        "certificate": None
        if certificate is None
        else {
            "code": certificate.code_display,
            "status": answer.status.value,
            "issued_on": timezone.localdate(certificate.issued_at) if certificate.issued_at else None,
            "expires_on": certificate.expires_on,
            "verification_url": verification_url(certificate.code, certificate.language or "es"),
        },
    }


@api.get(
    "/countries/{iso2}/roster",
    response={200: list[RosterEntryOut], 401: ErrorOut, 404: ErrorOut},
    url_name="roster",
    summary="Every mandatory-training status of a country's staff",
)
@paginate(LimitOffsetPagination)
def roster(request: HttpRequest, iso2: str):
    """One entry per person and mandatory course: compliant, expiring, due, overdue or expired."""
    viewer = _viewer(request)
    country = country_for(viewer=viewer, iso2=iso2)
    return roster_status(viewer=viewer, country=country)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404):
    return api.create_response(request, {"detail": "Not found."}, status=404)
