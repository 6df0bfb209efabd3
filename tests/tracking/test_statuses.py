"""Mandatory training rules: who they cover, each person's status, automatic enrolment, summaries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment, EnrolmentSource
from people.models import Country, JobFunction
from tests.certificates.factories import course_page
from tests.tracking.factories import certified, certified_course, rule, staff
from tracking.models import ComplianceStatus, CoverageCount, CoverageMonth, PersonStatus
from tracking.services.statuses import rule_save, standing, statuses_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


def _standing(certificate_expires_in=None, *, has_certificate=True, assigned_days_ago=10, due_days=30):
    today = timezone.localdate()

    class Held:
        pk = 1
        expires_on = None if certificate_expires_in is None else today + timedelta(days=certificate_expires_in)

    return standing(
        assigned_on=today - timedelta(days=assigned_days_ago),
        due_days=due_days,
        certificate=Held() if has_certificate else None,
        today=today,
    )


@pytest.mark.parametrize(
    ("expires_in", "status", "band"),
    [
        (None, ComplianceStatus.COMPLIANT, None),
        (400, ComplianceStatus.COMPLIANT, None),
        (91, ComplianceStatus.COMPLIANT, None),
        (90, ComplianceStatus.EXPIRING, 90),
        (61, ComplianceStatus.EXPIRING, 90),
        (45, ComplianceStatus.EXPIRING, 60),
        (30, ComplianceStatus.EXPIRING, 30),
        (1, ComplianceStatus.EXPIRING, 30),
        (0, ComplianceStatus.EXPIRED, None),
        (-20, ComplianceStatus.EXPIRED, None),
    ],
)
def test_a_certificate_gives_compliant_expiring_by_band_or_expired(expires_in, status, band):
    result = _standing(expires_in)
    assert (result.status, result.expiring_within) == (status, band)


def test_without_a_certificate_a_person_is_due_then_overdue():
    assert _standing(has_certificate=False, assigned_days_ago=10, due_days=30).status == ComplianceStatus.DUE
    assert _standing(has_certificate=False, assigned_days_ago=30, due_days=30).status == ComplianceStatus.DUE
    assert _standing(has_certificate=False, assigned_days_ago=31, due_days=30).status == ComplianceStatus.OVERDUE


def test_a_rule_covers_its_job_function_in_its_country_only():
    course = certified_course()
    officer = staff(iso2="GT", job_function=JobFunction.BORDER_OFFICER)
    staff(iso2="GT", job_function=JobFunction.ANALYST)
    staff(iso2="CR", job_function=JobFunction.BORDER_OFFICER)
    rule(iso2="GT", course=course)
    assert list(PersonStatus.objects.values_list("person_id", "status")) == [(officer.pk, ComplianceStatus.DUE)]


def test_covered_people_are_enrolled_with_the_due_date():
    course = certified_course()
    officer = staff()
    training_rule = rule(course=course, due_days=45)
    enrolment = Enrolment.objects.get(learner=officer, course_key=course.translation_key)
    status = PersonStatus.objects.get(person=officer)
    assert enrolment.source == EnrolmentSource.MANDATORY
    assert enrolment.due_on == status.due_on == status.assigned_on + timedelta(days=training_rule.due_days)


def test_an_open_enrolment_keeps_its_cycle_and_gets_a_due_date():
    course = certified_course()
    officer = staff()
    Enrolment.objects.create(learner=officer, course_key=course.translation_key, source=EnrolmentSource.SELF)
    rule(course=course)
    assert Enrolment.objects.filter(learner=officer).count() == 1
    assert Enrolment.objects.get(learner=officer).due_on is not None


def test_an_issued_certificate_makes_the_person_compliant_at_once():
    course = certified_course()
    officer = staff()
    rule(course=course)
    certified(learner=officer, course=course, expires_in_days=500)
    assert PersonStatus.objects.get(person=officer).status == ComplianceStatus.COMPLIANT


def test_a_revoked_certificate_does_not_count():
    course = certified_course()
    officer = staff()
    rule(course=course)
    certificate = certified(learner=officer, course=course)
    with TestCase.captureOnCommitCallbacks(execute=True):
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = "Fraude"
        certificate.save()
    assert PersonStatus.objects.get(person=officer).status == ComplianceStatus.DUE


def test_an_expired_certificate_starts_a_new_cycle():
    course = certified_course()
    officer = staff()
    certified(learner=officer, course=course, expires_in_days=-5)
    rule(course=course)
    assert PersonStatus.objects.get(person=officer).status == ComplianceStatus.EXPIRED
    cycles = sorted(Enrolment.objects.filter(learner=officer).values_list("cycle", "source"))
    assert cycles == [(1, EnrolmentSource.TRAINER), (2, EnrolmentSource.MANDATORY)]


def test_changing_job_function_or_country_moves_the_person_out_of_the_rule():
    course = certified_course()
    officer = staff()
    rule(course=course)
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile = officer.staff_profile
        profile.job_function = JobFunction.ANALYST
        profile.save()
    assert not PersonStatus.objects.filter(person=officer).exists()
    assert not CoverageCount.objects.filter(country__iso2="GT").exists()


def test_a_deactivated_rule_covers_no_one():
    course = certified_course()
    staff()
    training_rule = rule(course=course)
    rule_save(
        country=training_rule.country,
        job_function=training_rule.job_function,
        course=course,
        due_days=90,
        is_active=False,
        rule=training_rule,
    )
    assert not PersonStatus.objects.exists()


def test_a_rule_needs_a_course_that_gives_a_certificate():
    with pytest.raises(ValidationError) as error:
        rule_save(
            country=Country.objects.get(iso2="GT"),
            job_function=JobFunction.BORDER_OFFICER,
            course=course_page(title="Sin certificado"),
            due_days=30,
        )
    assert "course" in error.value.message_dict


def test_summaries_count_every_status_and_record_the_month():
    course = certified_course()
    holders = [staff() for _index in range(3)]
    staff()
    rule(course=course)
    for holder in holders[:2]:
        certified(learner=holder, course=course, expires_in_days=400)
    certified(learner=holders[2], course=course, expires_in_days=20)
    counts = {(row.status, row.expiring_within): row.people for row in CoverageCount.objects.filter(country__iso2="GT")}
    assert counts == {
        (ComplianceStatus.COMPLIANT, None): 2,
        (ComplianceStatus.EXPIRING, 30): 1,
        (ComplianceStatus.DUE, None): 1,
    }
    month = CoverageMonth.objects.get(country__iso2="GT", month=timezone.localdate().replace(day=1))
    assert (month.required, month.valid) == (4, 3)


def test_past_months_are_reconstructed_from_certificate_dates():
    course = certified_course()
    officer = staff()
    staff()
    certified(learner=officer, course=course, expires_in_days=400)
    rule(course=course)
    months = list(CoverageMonth.objects.filter(country__iso2="GT").order_by("month").values_list("valid", flat=True))
    assert len(months) == 12
    assert months[-1] == 1 and months[0] == 0  # issued today: not held at the end of last year's month


def test_refreshing_a_country_costs_the_same_queries_for_few_or_many_people():
    course = certified_course()
    rule(course=course)
    country = Country.objects.get(iso2="GT")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            statuses_refresh(country=country)
        return len(captured)

    staff()
    few = queries()
    for _index in range(30):
        staff()
    assert queries() == few
