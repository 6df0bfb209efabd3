"""Demo and benchmark data for country tracking: synthetic staff in each country, mandatory
training rules on the demo courses, and a history of certificates (issued, expiring, expired).

Everything is deterministic for a seed and idempotent: staff are recognised by their e-mail,
certificates by (learner, course, cycle). Demo certificates are register entries without a PDF
(drawing thousands of PDFs would take minutes); the verification page shows their status.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate, IssueStatus
from courses.demo.loader import demo_course_key
from courses.models import CoursePage
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
    joined = timezone.now() - timedelta(days=540)
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


def demo_certificates_create(
    *, country: Country, seed: int = 2026, share: float = 0.6, today: date | None = None
) -> int:
    """Issued certificates for about `share` of the country's covered staff, over the last 18 months."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-{country.iso2}-certificates")  # noqa: S311 - synthetic data
    rules = {rule.job_function: rule for rule in TrainingRule.objects.filter(country=country).select_related("course")}
    validity = {rule.course_key: rule.course.certificate_validity_months or 24 for rule in rules.values()}
    held = set(
        Certificate.objects.filter(learner__staff_profile__country=country).values_list("learner_id", "course_key")
    )
    certificates = []
    for user_id, name, job_function in (
        StaffProfile.objects.filter(country=country, job_function__in=list(rules))
        .order_by("user_id")
        .values_list("user_id", "user__full_name", "job_function")
    ):
        rule = rules[job_function]
        # Both draws are made for everyone, so a second load draws the same for each person.
        draw, days_ago = rng.random(), rng.randint(5, 540)
        if (user_id, rule.course_key) in held or draw > share:
            continue
        issued_on = today - timedelta(days=days_ago)
        months = validity[rule.course_key]
        expires_on = issued_on + timedelta(days=round(months * 30.4))
        certificates.append(
            Certificate(
                learner_id=user_id,
                course_key=rule.course_key,
                cycle=1,
                issue_status=IssueStatus.ISSUED,
                language="es",
                learner_name=name,
                course_title=rule.course.title,
                completed_on=issued_on,
                issued_at=timezone.make_aware(datetime.combine(issued_on, time(15))),
                expires_on=expires_on,
                sha256=hashlib.sha256(f"demo-{user_id}-{rule.course_key}".encode()).hexdigest(),
                payload="demo",
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=1000, ignore_conflicts=True)
    return len(certificates)


@transaction.atomic
def demo_tracking_load(*, staff_per_country: int = 60, seed: int = 2026) -> int:
    """Staff, rules and certificates in each of the eight countries, then their statuses."""
    today = timezone.localdate()
    total = 0
    for country in Country.objects.order_by("iso2"):
        demo_staff_create(country=country, count=staff_per_country, seed=seed)
        demo_rules_create(country=country, created_on=today - timedelta(days=400))
        demo_certificates_create(country=country, seed=seed, today=today)
        total += services.statuses_refresh(country=country, today=today)
    return total
