"""Country tracking tasks (D5): each is idempotent, so a retry neither loses nor duplicates work."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError as DatabaseUnavailable

from tracking.services import country_reports, roster_imports, statuses


@shared_task(name="tracking.refresh_all", ignore_result=True)
def statuses_refresh_all_task() -> int:
    roster_imports.roster_imports_clean()
    return statuses.statuses_refresh_all()


@shared_task(
    name="tracking.invitations",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError, DatabaseUnavailable),
    retry_backoff=60,
    max_retries=5,
    ignore_result=True,
)
def invitations_send_task(roster_import_id: int) -> int:
    return roster_imports.invitations_send(roster_import_id=roster_import_id)


@shared_task(
    name="tracking.report",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseUnavailable,),
    retry_backoff=30,
    max_retries=3,
    ignore_result=True,
)
def report_build_task(self, report_id: int) -> None:
    try:
        country_reports.report_build(report_id)
    except DatabaseUnavailable:
        raise
    except Exception as error:
        country_reports.report_failed(report_id, error)
        raise


@shared_task(
    name="tracking.monthly_reports",
    acks_late=True,
    autoretry_for=(OSError, DatabaseUnavailable),
    retry_backoff=300,
    max_retries=5,
    ignore_result=True,
)
def monthly_reports_task() -> int:
    return country_reports.monthly_reports_send()


@shared_task(name="tracking.reconcile", ignore_result=True)
def reports_reconcile_task() -> int:
    return country_reports.reports_reconcile()
