"""Demo and benchmark data for country tracking: synthetic staff in each country, mandatory
training rules on the demo courses, and the training history of the staff.

The history is made the way real data is. Each synthetic official who trained has an enrolment
in the course their job requires, its lessons read in order over the days they took it, its
quiz taken through the courses services (`attempt_start`, `attempt_submit`) in their language,
answering the questions each attempt drew, the pass completing the quiz's lesson and the course
on its day, and the certificate requested, issued (its PDF drawn in their language by the
issuance service the worker's task calls) and e-mailed on that day; the expiry reminders due by
now were sent. Completions are spread over the last 30 months (the demo courses' certificates
are valid two or three years), so that dashboards show certificates valid, expiring and expired,
and people overdue. Course reports, person pages and dashboards therefore count the same
enrolments, completions and certificates, and the trainers' item analysis reads real answers.

The answers follow a two-parameter item response model: each official has an ability, each
question a difficulty and a discrimination (from the seed and the question's translation key),
and a question is answered right with probability 1 / (1 + e^(-discrimination * (ability -
difficulty))). Most pass at the first attempt; some fail once or twice and pass after studying
(their ability grows between attempts); nobody is left without a pass, since every official
with a history completed the course: the last attempt allowed is answered well enough to pass.
A wrong answer is one a person would give (another option, a number off by a step, a word
misspelt, two matches or two steps swapped), so facility and discrimination vary by question.

Load it with `foundation.background.background_work_in_this_process()` (the command does): the tasks the
services send run here, and no e-mail leaves. Only the synthetic staff get a history; the
people of the README's journeys (`demo_load`'s users) start with their courses not yet taken.

Everything is deterministic for a seed and idempotent: staff are recognised by their e-mail, a
history by (learner, course).
"""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus
from certificates.services.emails import certificate_email_send, reminders_send
from certificates.services.issuance import certificate_issue, certificate_request
from courses.blocks.completion import ActivityRef
from courses.demo.loader import demo_course_key
from courses.models import CoursePage, Enrolment, EnrolmentSource, LessonCompletion, LessonPage
from courses.selectors.exercises import EXERCISE_KIND
from courses.selectors.outline import course_activities
from courses.selectors.pages import structure_course
from courses.selectors.progress import activities_required, progress_snapshot, requirement_statuses
from courses.selectors.quiz import attempt_questions
from courses.services import activity_result_record, attempt_start, attempt_submit, enrolment_completion_update
from people.models import Authority, Country, DutyPost, JobFunction, StaffProfile, User
from people.roles import Role, group_for
from tracking.demo_answers import ABILITY, MINUTES_PER_ATTEMPT, STUDY, Learner, quiz_answers
from tracking.demo_exercises import exercise_taken
from tracking.models import TrainingRule
from tracking.services.statuses import statuses_refresh

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
    """What completing a course takes: its lessons in order, each with the graded activities its
    course's rules require there, and the course and lessons in each language, to take them in."""

    course: CoursePage
    lesson_keys: list[uuid.UUID]
    activities: list[ActivityRef]
    required: dict[uuid.UUID, list[ActivityRef]] = field(default_factory=dict)
    courses: dict[str, CoursePage] = field(default_factory=dict)
    lessons: dict[tuple[uuid.UUID, str], LessonPage] = field(default_factory=dict)

    def in_language(self, lesson_key: uuid.UUID, language: str) -> tuple[CoursePage, LessonPage]:
        """The course and the lesson as a learner reading `language` takes them (else in the course's language)."""
        if (lesson_key, language) not in self.lessons or language not in self.courses:
            language = self.course.locale.language_code
        return self.courses[language], self.lessons[(lesson_key, language)]


def _course_plan(course: CoursePage) -> CoursePlan:
    structure = structure_course(course)
    lessons = LessonPage.objects.live().descendant_of(structure).order_by("path")
    lesson_keys = list(lessons.values_list("translation_key", flat=True))
    activities = course_activities(structure=structure)
    required: dict[uuid.UUID, list[ActivityRef]] = {}
    for activity in activities_required(structure=structure, activities=activities):
        required.setdefault(activity.lesson_key, []).append(activity)
    courses = {
        version.locale.language_code: version
        for version in CoursePage.objects.live().filter(translation_key=course.translation_key).select_related("locale")
    }
    taken = LessonPage.objects.live().filter(translation_key__in=list(required)).select_related("locale")
    return CoursePlan(
        course=course,
        lesson_keys=lesson_keys,
        activities=activities,
        required=required,
        courses=courses,
        lessons={(lesson.translation_key, lesson.locale.language_code): lesson for lesson in taken},
    )


def _at(day: date, minute_of_day: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60)))


def _activity_taken(
    *, enrolment: Enrolment, plan: CoursePlan, activity: ActivityRef, learner: Learner, start: datetime, end: datetime
) -> None:
    """One required graded activity, passed between `start` and `end`: a quiz attempt by attempt
    through the quiz services (attempt n of a limit of N ends n/N of the way through, and the one
    that passes completes what it completes then), another kind recorded as passed at `end`."""
    course, lesson = plan.in_language(activity.lesson_key, learner.language)
    if activity.kind == EXERCISE_KIND:
        exercise_taken(
            enrolment=enrolment, course=course, lesson=lesson, activity=activity, learner=learner, start=start, end=end
        )
        return
    if activity.kind != "quiz":
        activity_result_record(
            enrolment=enrolment,
            course=course,
            lesson_key=activity.lesson_key,
            block_id=activity.block_id,
            kind=activity.kind,
            score=Decimal(100),
            pass_mark=activity.pass_mark,
            now=end,
        )
        return
    limit = activity.attempts_limit or 3
    for number in range(1, limit + 1):
        submitted_at = start + (end - start) * number / limit
        started_at = submitted_at - timedelta(minutes=learner.rng.randint(*MINUTES_PER_ATTEMPT))
        attempt = attempt_start(
            enrolment=enrolment,
            lesson=lesson,
            course=course,
            block_id=activity.block_id,
            now=started_at,
            rng=learner.rng,
        )
        drawn = attempt_questions(attempt=attempt)
        data = quiz_answers(learner, drawn, pass_mark=activity.pass_mark, is_last=number == limit)
        attempt = attempt_submit(
            attempt_token=attempt.token,
            learner=enrolment.learner,
            data=data,
            course=course,
            lesson=lesson,
            now=submitted_at,
        )
        if attempt.is_passed:
            return
        learner.ability += STUDY  # they read the lesson again before the next attempt


def _course_taken(
    *, enrolment: Enrolment, plan: CoursePlan, learner: Learner, enrolled_at: datetime, completed_at: datetime
) -> datetime:
    """The enrolment's lessons read in order between enrolling and `completed_at`, each required
    graded activity passed in its lesson's turn (the pass completes the lesson), and the course
    completed by the last step; returns when it was (a quiz passed early in its turn ends it early)."""
    span = completed_at - enrolled_at
    times = [enrolled_at + span * step / len(plan.lesson_keys) for step in range(1, len(plan.lesson_keys) + 1)]
    read: list[LessonCompletion] = []
    previous = enrolled_at
    for lesson_key, at in zip(plan.lesson_keys, times, strict=True):
        required = plan.required.get(lesson_key, [])
        if not required:
            read.append(LessonCompletion(enrolment=enrolment, lesson_key=lesson_key, completed_at=at))
        else:
            LessonCompletion.objects.bulk_create(read, ignore_conflicts=True)  # a gated module opens on them
            read = []
            share = (at - previous) / len(required)
            for index, activity in enumerate(required):
                _activity_taken(
                    enrolment=enrolment,
                    plan=plan,
                    activity=activity,
                    learner=learner,
                    start=previous + share * index,
                    end=previous + share * (index + 1),
                )
        previous = at
    LessonCompletion.objects.bulk_create(read, ignore_conflicts=True)
    enrolment.refresh_from_db()
    if enrolment.completed_at is None:  # the last lesson holds no required activity
        enrolment_completion_update(enrolment=enrolment, course=plan.course, now=completed_at)
    if enrolment.completed_at is None:
        unmet = [
            status
            for status in requirement_statuses(
                course=plan.course, snapshot=progress_snapshot(enrolment=enrolment, course=plan.course)
            )
            if not status.is_met
        ]
        raise RuntimeError(f"The demo history does not complete «{plan.course.title}»: {unmet}")
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=enrolled_at,
        last_activity_at=enrolment.completed_at,
        last_lesson_key=plan.lesson_keys[-1] if plan.lesson_keys else None,
    )
    return enrolment.completed_at


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
    for person_id, email, language, job_function, joined_at in (
        StaffProfile.objects.filter(user_id__in=staff_ids, job_function__in=list(rules))
        .order_by("user_id")
        .values_list("user_id", "user__email", "user__preferred_language", "job_function", "user__date_joined")
    ):
        rule = rules[job_function]
        # Every draw is made for everyone, so that a second load draws the same for each person
        # (the last one, once a score, keeps the people who trained those of earlier demos).
        draw, days_ago, days_taken = rng.random(), rng.randint(*COMPLETED_DAYS_AGO), rng.randint(*DAYS_TAKEN)
        minute_of_day, _former_score = rng.randint(8 * 60, 17 * 60), rng.randint(0, 30)
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
        # Their own generator for the quiz, from who they are: the same answers whoever else trained.
        quiz_rng = random.Random(f"{seed}-{email}-{rule.course_key}-quiz")  # noqa: S311 - synthetic data
        learner = Learner(language=language, rng=quiz_rng, ability=quiz_rng.gauss(*ABILITY), seed=seed)
        completed_at = _course_taken(
            enrolment=enrolment,
            plan=plans[rule.course_key],
            learner=learner,
            enrolled_at=enrolled_at,
            completed_at=completed_at,
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
    return sum(statuses_refresh(country=country, today=today) for country in Country.objects.all())
