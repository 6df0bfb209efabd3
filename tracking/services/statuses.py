"""Writes of the mandatory training rules and of the statuses and summaries derived from them.

Statuses are derived data: `statuses_refresh` rebuilds a country's from its roster, its rules,
its people's certificates and the date, in a bounded number of queries whatever the number of
staff; the dashboards read only the summaries it leaves behind. Changing a rule refreshes them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus
from courses.models import CoursePage
from courses.services import enrolments_assign
from people.models import Country, StaffProfile, User
from tracking.models import (
    EXPIRING_BANDS,
    HOLDING,
    ComplianceStatus,
    CoverageCount,
    CoverageMonth,
    PersonStatus,
    TrainingRule,
    month_end,
    month_start,
    months_back,
)
from tracking.selectors.rules import course_gives_certificate

BATCH = 500


# Rules --------------------------------------------------------------------------------------


@transaction.atomic
def rule_save(
    *,
    country: Country,
    job_function: str,
    course: CoursePage,
    due_days: int,
    is_active: bool = True,
    by: User | None = None,
    rule: TrainingRule | None = None,
) -> TrainingRule:
    """Create or change a mandatory training rule, then refresh the country's statuses."""
    if not course_gives_certificate(course_key=course.translation_key):
        raise ValidationError(
            {"course": _("This course gives no certificate; a trainer must set up its certificate first.")}
        )
    rule = rule or TrainingRule(country=country, created_by=by)
    rule.country = country
    rule.job_function = job_function
    rule.course = course
    rule.course_key = course.translation_key
    rule.due_days = due_days
    rule.is_active = is_active
    rule.full_clean()
    rule.save()
    statuses_refresh(country=country)
    return rule


@transaction.atomic
def rule_delete(*, rule: TrainingRule) -> None:
    country = rule.country
    rule.delete()
    statuses_refresh(country=country)


# Statuses -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    status: str
    expiring_within: int | None
    due_on: date
    expires_on: date | None
    certificate_id: int | None


def standing(*, assigned_on: date, due_days: int, certificate: Certificate | None, today: date) -> Standing:
    """Where a person stands against a rule, from their best certificate and the date."""
    due_on = assigned_on + timedelta(days=due_days)
    if certificate is None:
        status = ComplianceStatus.OVERDUE if today > due_on else ComplianceStatus.DUE
        return Standing(status, None, due_on, None, None)
    expires_on = certificate.expires_on
    if expires_on is not None and expires_on <= today:
        return Standing(ComplianceStatus.EXPIRED, None, due_on, expires_on, certificate.pk)
    if expires_on is not None:
        days = (expires_on - today).days
        band = next((band for band in EXPIRING_BANDS if days <= band), None)
        if band is not None:
            return Standing(ComplianceStatus.EXPIRING, band, due_on, expires_on, certificate.pk)
    return Standing(ComplianceStatus.COMPLIANT, None, due_on, expires_on, certificate.pk)


def _best(current: Certificate | None, candidate: Certificate) -> Certificate:
    """The certificate that counts: the one valid longest (no expiry beats any expiry)."""
    if current is None:
        return candidate
    if current.expires_on is None:
        return current
    if candidate.expires_on is None or candidate.expires_on > current.expires_on:
        return candidate
    return current


def _held_certificates(*, country: Country, course_keys: set, person_ids: set[int] | None) -> list[Certificate]:
    """Issued, unrevoked certificates of the country's people for these courses (one query)."""
    certificates = Certificate.objects.filter(
        learner__staff_profile__country=country,
        course_key__in=course_keys,
        issue_status=IssueStatus.ISSUED,
        revoked_at__isnull=True,
    )
    if person_ids is not None:
        certificates = certificates.filter(learner_id__in=person_ids)
    return list(certificates.only("pk", "learner_id", "course_key", "expires_on", "issued_at"))


STATUS_FIELDS = (
    "authority_id",
    "duty_post_id",
    "job_function",
    "status",
    "expiring_within",
    "due_on",
    "expires_on",
    "certificate_id",
)


@transaction.atomic
def statuses_refresh(*, country: Country, person_ids: Iterable[int] | None = None, today: date | None = None) -> int:
    """Rebuild a country's statuses (all, or these people's), enrol who must train, and
    rebuild the country's summaries. Returns the number of statuses now held for those people."""
    today = today or timezone.localdate()
    people = set(person_ids) if person_ids is not None else None
    rules = list(TrainingRule.objects.filter(country=country, is_active=True).select_related("course"))
    by_function: dict[str, list[TrainingRule]] = defaultdict(list)
    for rule in rules:
        by_function[rule.job_function].append(rule)
    profiles = StaffProfile.objects.filter(country=country, user__is_active=True, job_function__in=list(by_function))
    if people is not None:
        profiles = profiles.filter(user_id__in=people)
    profiles = list(profiles.values("user_id", "authority_id", "duty_post_id", "job_function", "user__date_joined"))
    best: dict[tuple[int, uuid.UUID], Certificate] = {}
    for certificate in _held_certificates(
        country=country, course_keys={rule.course_key for rule in rules}, person_ids=people
    ):
        key = (certificate.learner_id, certificate.course_key)
        best[key] = _best(best.get(key), certificate)

    existing_rows = PersonStatus.objects.filter(country=country)
    if people is not None:
        existing_rows = existing_rows.filter(person_id__in=people)
    existing = {(row.rule_id, row.person_id): row for row in existing_rows}
    now = timezone.now()
    wanted, create, update = set(), [], []
    to_enrol: dict[tuple[int, bool], dict[int, date]] = defaultdict(dict)
    for profile in profiles:
        person_id = profile["user_id"]
        for rule in by_function[profile["job_function"]]:
            key = (rule.pk, person_id)
            wanted.add(key)
            row = existing.get(key)
            assigned_on = (
                row.assigned_on
                if row
                else max(timezone.localdate(rule.created_at), timezone.localdate(profile["user__date_joined"]))
            )
            result = standing(
                assigned_on=assigned_on,
                due_days=rule.due_days,
                certificate=best.get((person_id, rule.course_key)),
                today=today,
            )
            values = {
                "authority_id": profile["authority_id"],
                "duty_post_id": profile["duty_post_id"],
                "job_function": profile["job_function"],
                "status": result.status,
                "expiring_within": result.expiring_within,
                "due_on": result.due_on,
                "expires_on": result.expires_on,
                "certificate_id": result.certificate_id,
            }
            if row is None:
                create.append(
                    PersonStatus(
                        rule=rule,
                        person_id=person_id,
                        country=country,
                        course_key=rule.course_key,
                        assigned_on=assigned_on,
                        refreshed_at=now,
                        **values,
                    )
                )
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                row.refreshed_at = now
                update.append(row)
            if result.status not in HOLDING:
                to_enrol[(rule.pk, result.status == ComplianceStatus.EXPIRED)][person_id] = result.due_on
    gone = [row.pk for key, row in existing.items() if key not in wanted]
    for start in range(0, len(gone), BATCH):
        PersonStatus.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    PersonStatus.objects.bulk_create(create, batch_size=BATCH)
    PersonStatus.objects.bulk_update(update, [*STATUS_FIELDS, "refreshed_at"], batch_size=BATCH)
    rules_by_pk = {rule.pk: rule for rule in rules}
    for (rule_pk, renewing), due_dates in to_enrol.items():
        enrolments_assign(course=rules_by_pk[rule_pk].course, due_on_by_learner=due_dates, new_cycle=renewing)
    summaries_rebuild(country=country, rules=rules, today=today)
    return len(wanted)


def people_refresh(*, person_ids: Iterable[int]) -> None:
    """Refresh these people's statuses in every country they are, or were, counted in."""
    person_ids = set(person_ids)
    countries = set(
        StaffProfile.objects.filter(user_id__in=person_ids, country__isnull=False).values_list("country_id", flat=True)
    ) | set(PersonStatus.objects.filter(person_id__in=person_ids).values_list("country_id", flat=True))
    for country in Country.objects.filter(pk__in=countries):
        statuses_refresh(country=country, person_ids=person_ids)


def statuses_refresh_all(*, today: date | None = None) -> int:
    """The nightly refresh: every country's statuses move with the date."""
    total = 0
    for country in Country.objects.all():
        total += statuses_refresh(country=country, today=today)
    return total


def summaries_rebuild(*, country: Country, rules: list[TrainingRule], today: date) -> None:
    """The counts the dashboards read: by course, authority, duty post and status; and by month."""
    CoverageCount.objects.filter(country=country).delete()
    grouped = (
        PersonStatus.objects.filter(country=country)
        .values("course_key", "authority_id", "duty_post_id", "status", "expiring_within")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    )
    CoverageCount.objects.bulk_create([CoverageCount(country=country, **row) for row in grouped], batch_size=BATCH)
    _months_record(country=country, rules=rules, today=today)


def _months_record(*, country: Country, rules: list[TrainingRule], today: date) -> None:
    """This month's coverage per course, and the months before it that were never recorded
    (reconstructed from the dates of the certificates of the people required now)."""
    keys = {rule.course_key for rule in rules}
    current = month_start(today)
    months = months_back(current, settings.TRACKING_TREND_MONTHS)
    CoverageMonth.objects.filter(country=country).exclude(course_key__in=keys).delete()
    recorded = set(CoverageMonth.objects.filter(country=country, month__in=months).values_list("course_key", "month"))
    totals = {
        row["course_key"]: row
        for row in PersonStatus.objects.filter(country=country)
        .values("course_key")
        .annotate(
            required=Count("person", distinct=True),
            valid=Count("person", distinct=True, filter=Q(status__in=HOLDING)),
        )
        .order_by()
    }
    for key in keys:
        row = totals.get(key, {"required": 0, "valid": 0})
        CoverageMonth.objects.update_or_create(
            country=country,
            course_key=key,
            month=current,
            defaults={"required": row["required"], "valid": row["valid"]},
        )
    missing = [(key, month) for key in keys for month in months[:-1] if (key, month) not in recorded]
    if not missing:
        return
    required = defaultdict(set)
    for key, person_id in PersonStatus.objects.filter(country=country).values_list("course_key", "person_id"):
        required[key].add(person_id)
    held = defaultdict(list)
    for certificate in Certificate.objects.filter(
        learner__staff_profile__country=country,
        course_key__in=keys,
        issue_status=IssueStatus.ISSUED,
        revoked_at__isnull=True,
    ).values("learner_id", "course_key", "issued_at", "expires_on"):
        if certificate["learner_id"] in required[certificate["course_key"]]:
            held[certificate["course_key"]].append(certificate)
    history = []
    for key, month in missing:
        end = month_end(month)
        valid = {
            c["learner_id"]
            for c in held[key]
            if timezone.localdate(c["issued_at"]) <= end and (c["expires_on"] is None or c["expires_on"] > end)
        }
        history.append(
            CoverageMonth(country=country, course_key=key, month=month, required=len(required[key]), valid=len(valid))
        )
    CoverageMonth.objects.bulk_create(history, batch_size=BATCH, ignore_conflicts=True)
