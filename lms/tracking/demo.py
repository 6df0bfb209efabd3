"""Demo and benchmark data for country tracking: synthetic staff in each country, mandatory
training rules on the demo courses, and the training history of the staff.

The history is made the way real data is. Each synthetic official who trained has an enrolment
in the course their job requires, its lessons completed and its quiz passed over the days they
took it, the course completed on its day, and the certificate requested, issued (its PDF drawn
in their language by the issuance service the worker's task calls) and e-mailed on that day;
the expiry reminders due by now were sent. Completions are spread over the last 30 months (the
demo courses' certificates are valid two or three years), so that dashboards show certificates
valid, expiring and expired, and people overdue. Course reports, person pages and dashboards
therefore count the same enrolments, completions and certificates. Quiz answers are not
invented: the trainers' item analysis starts empty.

Load it with `lms.background.background_work_in_this_process()` (the command does): the tasks the
services send run here, and no e-mail leaves. Only the synthetic staff get a history; the
people of the README's journeys (`demo_load`'s users) start with their courses not yet taken.

Everything is deterministic for a seed and idempotent: staff are recognised by their e-mail, a
history by (learner, course).
"""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate, IssueStatus
from certificates.services import certificate_email_send, certificate_issue, certificate_request, reminders_send
from courses.blocks.completion import ActivityRef
from courses.demo.loader import demo_course_key
from courses.models import ActivityResult, CoursePage, Enrolment, EnrolmentSource, LessonCompletion, LessonPage
from courses.selectors import course_activities, progress_snapshot, requirement_statuses, structure_course
from lms.people.models import Authority, Country, DutyPost, JobFunction, StaffProfile, User
from lms.people.roles import Role, group_for
from lms.tracking import services
from lms.tracking.models import TrainingRule

# Job function -> (demo course, days to complete)
DEMO_RULES = {
    JobFunction.BORDER_OFFICER: ("border-entries", 90),
    JobFunction.SUPERVISOR: ("migratory-alerts", 60),
    JobFunction.ALERT_MANAGER: ("migratory-alerts", 60),
    JobFunction.ANALYST: ("cross-country-consultation", 120),
    JobFunction.STATISTICS_OFFICER: ("migration-statistics", 120),
}
JOB_WEIGHTS = (
    (JobFunction.BORDER_OFFICER, 60),
    (JobFunction.SUPERVISOR, 12),
    (JobFunction.ALERT_MANAGER, 8),
    (JobFunction.ANALYST, 8),
    (JobFunction.STATISTICS_OFFICER, 6),
    (JobFunction.OTHER, 6),
)
GIVEN = ("Ana", "Luis", "María", "José", "Carmen", "Jorge", "Rosa", "Carlos", "Elena", "Mario", "Sofía", "Óscar")
SURNAMES = ("García", "López", "Hernández", "Martínez", "Pérez", "Rodríguez", "Gómez", "Díaz", "Núñez", "Castillo")
# The synthetic staff joined 32 months ago, the rules came a month later, and the courses were
# completed between 30 months and 5 days ago, each taken over 2 to 21 days.
STAFF_JOINED_DAYS_AGO = 975
RULES_CREATED_DAYS_AGO = 945
COMPLETED_DAYS_AGO = (5, 915)
DAYS_TAKEN = (2, 21)


def demo_staff_create(*, country: Country, count: int, seed: int = 2026, prefix: str = "personal") -> list[int]:
    """`count` synthetic officials of a country, in bulk (learners, unusable passwords); returns their ids."""
    rng = random.Random(f"{seed}-{country.iso2}")  # noqa: S311 - synthetic data
    authority = Authority.objects.get(country=country)
    posts = list(DutyPost.objects.filter(country=country, is_active=True).order_by("code").values_list("pk", flat=True))
    functions = [function for function, _weight in JOB_WEIGHTS]
    weights = [weight for _function, weight in JOB_WEIGHTS]
    emails = [f"{prefix}{index:05d}.{country.iso2.lower()}@demo.example" for index in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    password = make_password(None)
    joined = timezone.now() - timedelta(days=STAFF_JOINED_DAYS_AGO)
    users = [
        User(
            email=email,
            full_name=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}",
            preferred_language="en" if country.iso2 == "BZ" else "es",
            password=password,
            date_joined=joined,
        )
        for email in emails
        if email not in existing
    ]
    User.objects.bulk_create(users, batch_size=1000)
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    new = [ids[user.email] for user in users]
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user_id,
                country=country,
                authority=authority,
                duty_post_id=rng.choice(posts) if posts else None,
                job_function=rng.choices(functions, weights)[0],
                staff_number=f"{country.iso2}-{index:06d}",
            )
            for index, user_id in enumerate(new, start=len(existing))
        ],
        batch_size=1000,
    )
    learners = group_for(Role.LEARNER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user_id, group_id=learners.pk) for user_id in new],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return [ids[email] for email in emails]


def demo_rules_create(*, country: Country, created_on: date) -> int:
    """The demo rules of a country, on the demo courses that exist; returns rules created."""
    created = 0
    for job_function, (course_key, due_days) in DEMO_RULES.items():
        course = CoursePage.objects.filter(
            translation_key=demo_course_key(course_key), locale__language_code="es"
        ).first()
        if (
            course is None
            or TrainingRule.objects.filter(country=country, job_function=job_function, course=course).exists()
        ):
            continue
        rule = TrainingRule(country=country, job_function=job_function, course=course, due_days=due_days)
        rule.created_at = timezone.make_aware(datetime.combine(created_on, time(9)))
        rule.save()
        created += 1
    return created


@dataclass(frozen=True)
class CoursePlan:
    """What completing a course takes: its lessons, in order, and its graded activities."""

    course: CoursePage
    lesson_keys: list[uuid.UUID]
    activities: list[ActivityRef]


def _course_plan(course: CoursePage) -> CoursePlan:
    structure = structure_course(course)
    lessons = LessonPage.objects.live().descendant_of(structure).order_by("path")
    return CoursePlan(
        course=course,
        lesson_keys=list(lessons.values_list("translation_key", flat=True)),
        activities=course_activities(structure=structure),
    )


def _at(day: date, minute_of_day: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60)))


def _course_taken(
    *, enrolment: Enrolment, plan: CoursePlan, enrolled_at: datetime, completed_at: datetime, score: int
) -> None:
    """The enrolment's lessons read and its activities passed between enrolling and completing, then completed."""
    steps = len(plan.lesson_keys) + 1
    span = completed_at - enrolled_at
    LessonCompletion.objects.bulk_create(
        [
            LessonCompletion(enrolment=enrolment, lesson_key=key, completed_at=enrolled_at + span * step / steps)
            for step, key in enumerate(plan.lesson_keys, start=1)
        ],
        ignore_conflicts=True,
    )
    ActivityResult.objects.bulk_create(
        [
            ActivityResult(
                enrolment=enrolment,
                lesson_key=activity.lesson_key,
                block_id=activity.block_id,
                kind=activity.kind,
                best_score=Decimal(max(activity.pass_mark, 100 - score)),
                attempts=1,
                passed_at=completed_at,
                updated_at=completed_at,
            )
            for activity in plan.activities
        ],
        ignore_conflicts=True,
    )
    unmet = [
        status
        for status in requirement_statuses(
            course=plan.course, snapshot=progress_snapshot(enrolment=enrolment, course=plan.course)
        )
        if not status.is_met
    ]
    if unmet:
        raise RuntimeError(f"The demo history does not complete «{plan.course.title}»: {unmet}")
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=enrolled_at,
        last_activity_at=completed_at,
        last_lesson_key=plan.lesson_keys[-1] if plan.lesson_keys else None,
        completed_at=completed_at,
    )
    enrolment.completed_at = completed_at


def demo_history_create(
    *, country: Country, staff_ids: list[int], seed: int = 2026, share: float = 0.6, today: date | None = None
) -> list[int]:
    """About `share` of these staff trained in the course their job requires and were certified,
    over the last 30 months; returns the learners given a history now."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-{country.iso2}-history")  # noqa: S311 - synthetic data
    rules = {
        rule.job_function: rule
        for rule in TrainingRule.objects.filter(country=country, is_active=True).select_related("course")
    }
    plans = {rule.course_key: _course_plan(rule.course) for rule in rules.values()}
    trained = set(
        Enrolment.objects.filter(learner_id__in=staff_ids, completed_at__isnull=False).values_list(
            "learner_id", "course_key"
        )
    ) | set(Certificate.objects.filter(learner_id__in=staff_ids).values_list("learner_id", "course_key"))
    learners = []
    for person_id, job_function, joined_at in (
        StaffProfile.objects.filter(user_id__in=staff_ids, job_function__in=list(rules))
        .order_by("user_id")
        .values_list("user_id", "job_function", "user__date_joined")
    ):
        rule = rules[job_function]
        # Every draw is made for everyone, so that a second load draws the same for each person.
        draw, days_ago, days_taken = rng.random(), rng.randint(*COMPLETED_DAYS_AGO), rng.randint(*DAYS_TAKEN)
        minute_of_day, score = rng.randint(8 * 60, 17 * 60), rng.randint(0, 30)
        if draw > share or (person_id, rule.course_key) in trained:
            continue
        completed_at = _at(today - timedelta(days=days_ago), minute_of_day)
        enrolled_at = completed_at - timedelta(days=days_taken, hours=3)
        assigned_on = max(timezone.localdate(rule.created_at), timezone.localdate(joined_at))
        enrolment = Enrolment.objects.filter(learner_id=person_id, course_key=rule.course_key, cycle=1).first()
        if enrolment is None:
            enrolment = Enrolment.objects.create(
                learner_id=person_id,
                course_key=rule.course_key,
                cycle=1,
                source=EnrolmentSource.MANDATORY,
                due_on=assigned_on + timedelta(days=rule.due_days),
                enrolled_at=enrolled_at,
            )
        _course_taken(
            enrolment=enrolment,
            plan=plans[rule.course_key],
            enrolled_at=enrolled_at,
            completed_at=completed_at,
            score=score,
        )
        issued_at = completed_at + timedelta(minutes=1)
        certificate = certificate_request(enrolment, now=issued_at)
        certificate_issue(certificate.pk, now=issued_at)
        certificate_email_send(certificate.pk, now=issued_at + timedelta(minutes=1))
        learners.append(person_id)
    return learners


def demo_certificates_create(
    *, country: Country, seed: int = 2026, share: float = 0.6, today: date | None = None
) -> int:
    """Register entries without a PDF or an enrolment for about `share` of the country's covered
    staff: for the dashboard benchmark's 10,000 officials only (bench/tracking.py), never the demo."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-{country.iso2}-certificates")  # noqa: S311 - synthetic data
    rules = {rule.job_function: rule for rule in TrainingRule.objects.filter(country=country).select_related("course")}
    validity = {rule.course_key: rule.course.certificate_validity_months or 24 for rule in rules.values()}
    held = set(
        Certificate.objects.filter(learner__staff_profile__country=country).values_list("learner_id", "course_key")
    )
    certificates = []
    for user_id, name, language, job_function in (
        StaffProfile.objects.filter(country=country, job_function__in=list(rules))
        .order_by("user_id")
        .values_list("user_id", "user__full_name", "user__preferred_language", "job_function")
    ):
        rule = rules[job_function]
        draw, days_ago = rng.random(), rng.randint(5, 540)
        if (user_id, rule.course_key) in held or draw > share:
            continue
        issued_on = today - timedelta(days=days_ago)
        certificates.append(
            Certificate(
                learner_id=user_id,
                course_key=rule.course_key,
                cycle=1,
                issue_status=IssueStatus.ISSUED,
                language=language,
                learner_name=name,
                course_title=rule.course.title,
                completed_on=issued_on,
                issued_at=timezone.make_aware(datetime.combine(issued_on, time(15))),
                expires_on=issued_on + timedelta(days=round(validity[rule.course_key] * 30.4)),
                sha256=hashlib.sha256(f"bench-{user_id}-{rule.course_key}".encode()).hexdigest(),
                payload="bench",
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=1000, ignore_conflicts=True)
    return len(certificates)


@transaction.atomic
def demo_tracking_load(*, staff_per_country: int = 60, seed: int = 2026) -> int:
    """Staff, rules and training history in each of the eight countries, then their statuses."""
    today = timezone.localdate()
    # An earlier demo wrote certificates without a PDF, an enrolment or a language of their own.
    Certificate.objects.filter(payload="demo").delete()
    staff = []
    for country in Country.objects.order_by("iso2"):
        ids = demo_staff_create(country=country, count=staff_per_country, seed=seed)
        demo_rules_create(country=country, created_on=today - timedelta(days=RULES_CREATED_DAYS_AGO))
        demo_history_create(country=country, staff_ids=ids, seed=seed, today=today)
        staff += ids
    # The expiry reminders of the staff's certificates that are due by now were sent when due.
    reminders_send(today=today, learner_ids=staff)
    return sum(services.statuses_refresh(country=country, today=today) for country in Country.objects.all())
