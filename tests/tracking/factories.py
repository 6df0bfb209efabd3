"""Shared builders for the country tracking tests: a certified course, rules, staff, certificates."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import TestCase
from django.utils import timezone

from certificates.models import Certificate, CourseCertification
from courses.models import CoursePage, Enrolment
from people.models import JobFunction, User
from people.roles import Role
from tests.certificates.factories import certificate_recorded, certificate_template, course_page
from tests.people.factories import person
from tracking.models import TrainingRule
from tracking.services.statuses import rule_save

AUTHORITY_OF = {
    "GT": "gt-igm",
    "CR": "cr-dgme",
    "SV": "sv-dgme",
    "HN": "hn-inm",
    "NI": "ni-dgme",
    "PA": "pa-snm",
    "DO": "do-dgm",
    "BZ": "bz-ins",
}


def certified_course(title: str = "Registro de entradas") -> CoursePage:
    """A published course with a certification rule (so a training rule may require it)."""
    page = course_page(title=title)
    CourseCertification.objects.create(course=page, template=certificate_template())
    return page


def rule(
    *, iso2: str = "GT", course: CoursePage, job_function: str = JobFunction.BORDER_OFFICER, due_days: int = 90
) -> TrainingRule:
    from people.models import Country

    return rule_save(
        country=Country.objects.get(iso2=iso2), job_function=job_function, course=course, due_days=due_days
    )


def staff(
    *, iso2: str = "GT", job_function: str = JobFunction.BORDER_OFFICER, role: Role | None = Role.LEARNER, **fields
) -> User:
    """A person of a country with a job function; their statuses refresh on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        user = person(role=role, authority_code=AUTHORITY_OF[iso2], **fields)
        profile = user.staff_profile
        profile.job_function = job_function
        profile.save()
    return user


def certified(*, learner: User, course: CoursePage, expires_in_days: int | None = 365) -> Certificate:
    """An issued certificate expiring in so many days (negative: already expired); statuses follow."""
    expires_on = None if expires_in_days is None else timezone.localdate() + timedelta(days=expires_in_days)
    enrolment = Enrolment.objects.filter(learner=learner, course_key=course.translation_key).order_by("-cycle").first()
    if enrolment is not None:  # the rule enrolled them: complete that cycle
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return certificate_recorded(
            learner=learner,
            course=course,
            expires_on=expires_on,
            enrolment=enrolment,
            cycle=enrolment.cycle if enrolment else 1,
        )


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
