"""A country's staff: their statuses filtered (the drill-down lists), the filters' choices, and a
person's page (with the sandbox exercises they passed, `tracking.selectors.exercises`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus, PublicStatus
from certificates.selectors import certificate_list
from courses.models import Enrolment
from courses.selectors.enrolments import enrolment_list
from people.models import Authority, Country, DutyPost, JobFunction, User
from people.selectors import Viewer, country_scope_for
from tracking.models import ComplianceStatus, PersonStatus
from tracking.selectors.exercises import CourseExercisesPassed, exercises_passed
from tracking.selectors.rules import course_titles, rule_keys
from tracking.selectors.scope import in_scope

FILTERS = ("course", "status", "band", "authority", "duty_post", "job_function", "q")


def person_status_list(*, viewer: Viewer, country: Country, filters: Mapping[str, object]) -> QuerySet[PersonStatus]:
    """The statuses of a country's people, filtered; scoped by the viewer whatever the filters say."""
    in_scope(viewer, country)
    scope = country_scope_for(viewer=viewer)
    rows = PersonStatus.objects.filter(country=country).filter(
        scope.people_filter(user_field="person", country_field="country")
    )
    course = filters.get("course")
    if course:
        rows = rows.filter(course_key=course)
    status = filters.get("status")
    if status:
        rows = rows.filter(status=status)
    band = filters.get("band")
    if band:
        rows = rows.filter(status=ComplianceStatus.EXPIRING, expiring_within__lte=band)
    if filters.get("authority"):
        rows = rows.filter(authority_id=filters["authority"])
    duty_post = filters.get("duty_post")
    if duty_post == "none":
        rows = rows.filter(duty_post__isnull=True)
    elif duty_post:
        rows = rows.filter(duty_post_id=duty_post)
    if filters.get("job_function"):
        rows = rows.filter(job_function=filters["job_function"])
    text = (filters.get("q") or "").strip()
    if text:
        rows = rows.filter(
            Q(person__full_name__icontains=text)
            | Q(person__email__icontains=text)
            | Q(person__staff_profile__staff_number__iexact=text)
        )
    return rows.select_related("person__staff_profile", "authority__country", "duty_post").order_by(
        "person__full_name", "person_id", "course_key"
    )


def filter_choices(*, viewer: Viewer, country: Country) -> dict[str, list[tuple[str, str]]]:
    """The options of the drill-down filters: the country's courses, authorities and posts."""
    in_scope(viewer, country)
    keys = rule_keys([country])[country.pk]
    titles = course_titles(keys)
    return {
        "course": sorted(((str(key), titles.get(key, str(key))) for key in keys), key=lambda c: c[1]),
        "status": [(value, str(label)) for value, label in ComplianceStatus.choices],
        "band": [(str(band), str(band)) for band in (30, 60, 90)],
        "authority": [(str(a.pk), str(a)) for a in Authority.objects.filter(country=country)],
        "duty_post": [(str(p.pk), str(p)) for p in DutyPost.objects.filter(country=country, is_active=True)],
        "job_function": [(value, str(label)) for value, label in JobFunction.choices],
    }


@dataclass
class EnrolmentLine:
    enrolment: Enrolment
    title: str
    lessons_done: int
    is_overdue: bool


@dataclass
class PersonPage:
    person: User
    statuses: list[tuple[PersonStatus, str]]
    enrolments: list[EnrolmentLine]
    certificates: list[tuple[Certificate, str, PublicStatus]]
    exercises: list[CourseExercisesPassed]


def person_page(*, viewer: Viewer, country: Country, person_id: int) -> PersonPage:
    """One person's mandatory training, enrolments with progress, certificates, and the sandbox
    exercises passed in each course of their enrolments; 404 outside scope."""
    in_scope(viewer, country)
    scope = country_scope_for(viewer=viewer)
    person = (
        User.objects.filter(scope.people_filter(), pk=person_id, staff_profile__country=country)
        .select_related("staff_profile__authority__country", "staff_profile__duty_post")
        .first()
    )
    if person is None:
        raise Http404
    statuses = list(PersonStatus.objects.filter(person=person, country=country).select_related("rule"))
    enrolments = list(
        enrolment_list(viewer=viewer)
        .filter(learner=person)
        .annotate(lessons_done=Count("lesson_completions"))
        .order_by("-enrolled_at")
    )
    certificates = list(
        certificate_list(viewer=viewer).filter(learner=person, issue_status=IssueStatus.ISSUED).order_by("-issued_at")
    )
    titles = course_titles(
        {row.course_key for row in statuses}
        | {row.course_key for row in enrolments}
        | {row.course_key for row in certificates}
    )
    today = timezone.localdate()
    return PersonPage(
        person=person,
        statuses=[(row, titles.get(row.course_key, "")) for row in statuses],
        enrolments=[
            EnrolmentLine(
                enrolment=row,
                title=titles.get(row.course_key, ""),
                lessons_done=row.lessons_done,
                is_overdue=bool(row.due_on and row.due_on < today and row.completed_at is None),
            )
            for row in enrolments
        ],
        certificates=[
            (row, titles.get(row.course_key, row.course_title), row.public_status(today)) for row in certificates
        ],
        exercises=exercises_passed(enrolments=enrolments, titles=titles),
    )
