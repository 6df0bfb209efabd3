"""The read API's answers: whether a person holds a valid certificate of a course, and a country's
statuses; scoped like the pages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus, PublicStatus
from people.models import Country, User
from people.selectors import Viewer, country_scope_for
from tracking.models import PersonStatus
from tracking.selectors.staff import person_status_list


@dataclass(frozen=True)
class CertificationAnswer:
    person: User
    course_key: uuid.UUID
    certificate: Certificate | None
    status: PublicStatus | None

    @property
    def holds_valid(self) -> bool:
        return self.status == PublicStatus.VALID


def person_lookup(*, viewer: Viewer, email: str | None = None, staff_number: str | None = None) -> User:
    """A person in the viewer's countries, by e-mail or staff number; 404 otherwise."""
    scope = country_scope_for(viewer=viewer)
    people = User.objects.filter(scope.people_filter(), staff_profile__country__isnull=False, is_active=True)
    if email:
        people = people.filter(email__iexact=email.strip())
    elif staff_number:
        people = people.filter(staff_profile__staff_number=staff_number.strip())
    else:
        raise Http404
    found = list(people.select_related("staff_profile__country", "staff_profile__authority__country")[:2])
    if len(found) != 1:
        raise Http404
    return found[0]


def certification_answer(
    *, viewer: Viewer, course_key: uuid.UUID, email: str | None = None, staff_number: str | None = None
) -> CertificationAnswer:
    """Does this person hold a valid certificate of this course? (two queries)"""
    person = person_lookup(viewer=viewer, email=email, staff_number=staff_number)
    today = timezone.localdate()
    certificates = Certificate.objects.filter(
        learner=person, course_key=course_key, issue_status=IssueStatus.ISSUED
    ).order_by("-issued_at")
    statuses = [(certificate, certificate.public_status(today)) for certificate in certificates]
    valid = [pair for pair in statuses if pair[1] == PublicStatus.VALID]
    chosen = valid[0] if valid else (statuses[0] if statuses else (None, None))
    return CertificationAnswer(person=person, course_key=course_key, certificate=chosen[0], status=chosen[1])


def roster_status(*, viewer: Viewer, country: Country) -> QuerySet[PersonStatus]:
    """Every status of a country's people, for the API (scoped like the pages)."""
    return person_status_list(viewer=viewer, country=country, filters={})
