"""The demo of `make run`: users for every role, loaded once whatever the runs, with no queue left behind."""

import logging

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from wagtail.search.models import IndexEntry

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus
from certificates.services.emails import reminders_send
from certificates.services.reconcile import certificates_reconcile
from lms.shell.management.commands.demo_load import DEMO_PASSWORD
from people.models import StaffProfile, User
from people.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_load", verbosity=0)


def test_demo_has_users_for_every_role_in_at_least_two_countries(demo):
    for role in Role:
        assert User.objects.filter(groups__name=GROUP_NAMES[role]).exists(), role
    countries = set(StaffProfile.objects.filter(country__isnull=False).values_list("country__iso3", flat=True))
    assert len(countries) >= 2


def test_each_demo_country_has_a_focal_point(demo):
    countries = set(StaffProfile.objects.filter(country__isnull=False).values_list("country__iso3", flat=True))
    with_focal_point = set(
        StaffProfile.objects.filter(user__groups__name=GROUP_NAMES[Role.FOCAL_POINT]).values_list(
            "country__iso3", flat=True
        )
    )
    assert countries == with_focal_point == {"GTM", "CRI", "BLZ", "SLV", "HND", "NIC", "PAN", "DOM"}


def test_demo_load_again_duplicates_nothing(demo):
    counts = (User.objects.count(), StaffProfile.objects.count(), User.groups.through.objects.count())
    call_command("demo_load", verbosity=0)
    assert (User.objects.count(), StaffProfile.objects.count(), User.groups.through.objects.count()) == counts


@pytest.mark.parametrize("email", ["aprendiz.gt@demo.example", "focal.bz@demo.example", "admin@demo.example"])
def test_demo_logins_work(demo, email):
    response = Client().post("/account/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_load_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_load", verbosity=0)
    assert not User.objects.exists()


@pytest.fixture
def published():
    """The names of the tasks sent to the broker while the test runs."""
    sent: list[str] = []

    def record(sender=None, **kwargs):
        sent.append(sender)

    before_task_publish.connect(record)
    yield sent
    before_task_publish.disconnect(record)


@pytest.mark.django_db(transaction=True)
@override_settings(DEBUG=True, TASKS={"default": {"BACKEND": "lms.shell.task_backends.CeleryTaskBackend"}})
def test_loading_the_demo_queues_no_task_sends_no_email_and_logs_no_page(site_content, published, caplog):
    """Issue 16: demo loading left 1,040 to 1,264 index tasks queued ahead of the first certificate,
    logged 700 pages, and its certificates were e-mailed to the synthetic staff by the reconcile
    task. Transactions commit here, as in `make run`, so what the loads send after commit is sent."""
    # The practice data the staff's sandbox exercises need, as `make demo` generates it before their history.
    call_command("sandbox_generate", "--seed", "2026", "--scale", "5000", verbosity=0)
    with caplog.at_level(logging.INFO):
        call_command("demo_load", verbosity=0)
        call_command("tracking_demo_load", "--staff", "8", verbosity=0)

    assert published == []
    assert mail.outbox == []
    assert [record.getMessage() for record in caplog.records] == []
    assert Certificate.objects.filter(issue_status=IssueStatus.ISSUED).exists()
    assert IndexEntry.objects.exists()  # Wagtail's index updates ran during the load
    # The periodic safety nets find nothing left for them: every certificate was e-mailed, and
    # every expiry reminder due by now was sent.
    assert certificates_reconcile()["emailed"] == 0
    assert reminders_send() == 0
    assert published == []
    assert mail.outbox == []
