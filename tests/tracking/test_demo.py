"""The country tracking demo of `make run`: each demo focal point sees only their country, the
regional coordinator all eight, and loading it again duplicates nothing. Its history is made as
real data is (issue 16): enrolments, completions and certificates issued with their PDFs, in the
learner's language, which course reports and dashboards count alike; the people of the README's
journeys have none.

The demo is loaded once for the module (rendering its PDFs takes seconds); each test runs in a
savepoint of that load and leaves it as it found it.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, IssueStatus
from certificates.pdf import payload_from_pdf, pdf_text
from courses import reports
from courses.models import CoursePage, Enrolment
from lms.core.management.commands.demo_load import DEMO_USERS
from lms.people.models import Country, User
from lms.tracking import selectors
from lms.tracking.models import PersonStatus, TrainingRule
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FOCAL_POINTS = {
    "GT": "enlace.gt@demo.example",
    "CR": "enlace.cr@demo.example",
    "SV": "enlace.sv@demo.example",
    "HN": "enlace.hn@demo.example",
    "NI": "enlace.ni@demo.example",
    "PA": "enlace.pa@demo.example",
    "DO": "enlace.do@demo.example",
    "BZ": "focal.bz@demo.example",
}


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo of `make run` with 8 officials per country, kept for the module, then rolled back."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("demo_load", verbosity=0)
        call_command("tracking_demo_load", "--staff", "8", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db, settings):
    settings.DEBUG = True


def test_every_country_has_staff_rules_certificates_and_statuses(demo):
    for country in Country.objects.all():
        assert TrainingRule.objects.filter(country=country).exists(), country.iso2
        assert PersonStatus.objects.filter(country=country).exists(), country.iso2
        assert Certificate.objects.filter(learner__staff_profile__country=country).exists(), country.iso2


def test_each_demo_focal_point_sees_only_their_country(demo):
    for iso2, email in FOCAL_POINTS.items():
        client = client_for(User.objects.get(email=email))
        assert client.get(reverse("tracking:index")).url == reverse("tracking:dashboard", args=[iso2]), email
        assert client.get(reverse("tracking:dashboard", args=[iso2])).status_code == 200
        people = client.get(reverse("tracking:people", args=[iso2]) + "?format=csv").content.decode("utf-8-sig")
        others = [other for other in FOCAL_POINTS if other != iso2]
        assert not [other for other in others if f".{other.lower()}@demo.example" in people], email
        for other in others:
            assert client.get(reverse("tracking:dashboard", args=[other])).status_code == 404
        assert client.get(reverse("tracking:region")).status_code == 403


def test_the_regional_coordinator_sees_the_eight_countries(demo):
    client = client_for(User.objects.get(email="coordinacion@demo.example"))
    region = client.get(reverse("tracking:region"))
    assert region.status_code == 200
    html = region.content.decode()
    assert all(country.name in html for country in Country.objects.all())
    for iso2 in FOCAL_POINTS:
        assert client.get(reverse("tracking:dashboard", args=[iso2])).status_code == 200


def test_loading_the_demo_again_duplicates_nothing(demo):
    counts = (User.objects.count(), Certificate.objects.count(), PersonStatus.objects.count())
    call_command("tracking_demo_load", "--staff", "8", verbosity=0)
    assert (User.objects.count(), Certificate.objects.count(), PersonStatus.objects.count()) == counts


# ---------------------------------------------------------------- the history, made as real data is (issue 16)

JOURNEY_USERS = [demo.email for demo in DEMO_USERS]


def test_the_people_of_the_readme_journeys_start_with_no_history(demo):
    people = User.objects.filter(email__in=JOURNEY_USERS)
    assert people.count() == len(JOURNEY_USERS)
    assert not Enrolment.objects.filter(learner__in=people, completed_at__isnull=False).exists()
    assert not Certificate.objects.filter(learner__in=people).exists()


def test_every_demo_certificate_is_issued_with_its_pdf_in_the_learners_language(demo):
    certificates = list(Certificate.objects.select_related("learner", "enrolment"))
    assert {certificate.learner.preferred_language for certificate in certificates} == {"es", "en"}
    for certificate in certificates:
        assert certificate.issue_status == IssueStatus.ISSUED, certificate.code
        assert certificate.enrolment.completed_at is not None
        assert certificate.completed_on == timezone.localdate(certificate.enrolment.completed_at)
        with certificate.pdf.open("rb") as stored:
            data = stored.read()
        assert hashlib.sha256(data).hexdigest() == certificate.sha256, certificate.code
        assert payload_from_pdf(data) == certificate.payload
        assert certificate.language == certificate.learner.preferred_language, certificate.code
        title = "Certificate of completion" if certificate.language == "en" else "Certificado de aprobación"
        assert title in pdf_text(data), certificate.code
        assert certificate.emailed_at is not None


def test_a_demo_official_downloads_their_certificate(demo):
    certificate = Certificate.objects.filter(learner__staff_profile__country__iso2="BZ").first()
    response = client_for(certificate.learner).get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_guatemalas_course_reports_and_dashboard_count_the_same_completions_and_certificates(demo):
    trainer = User.objects.get(email="formador.gt@demo.example")
    focal_point = User.objects.get(email="enlace.gt@demo.example")
    guatemala = Country.objects.get(iso2="GT")
    dashboard = selectors.country_dashboard(viewer=focal_point, country=guatemala)
    assert dashboard.courses
    for coverage in dashboard.courses:
        course = CoursePage.objects.get(translation_key=coverage.course_key, locale__language_code="es")
        completed = reports.enrolment_summary(viewer=trainer, course=course).completed
        certificates = Certificate.objects.filter(
            learner__staff_profile__country=guatemala, course_key=course.translation_key, issue_status="issued"
        ).count()
        held = coverage.tally.compliant + coverage.tally.expiring + coverage.tally.expired
        assert completed == certificates == held, course.title
        assert reports.completion_funnel(viewer=trainer, course=course)[-1].learners == completed


def test_the_dashboards_show_valid_expiring_expired_and_overdue_people(demo):
    statuses = Counter(PersonStatus.objects.values_list("status", flat=True))
    for status in ("compliant", "expiring", "expired", "overdue"):
        assert statuses[status] > 0, statuses
