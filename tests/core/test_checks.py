from django.core import checks

from lms.shell import checks as lms_checks


def test_missing_harfbuzz_subset_is_reported_as_a_warning(monkeypatch):
    monkeypatch.setattr(lms_checks.ctypes.util, "find_library", lambda name: None)
    warnings = [m for m in checks.run_checks() if m.id == "lms.W001"]
    assert len(warnings) == 1
    assert warnings[0].level == checks.WARNING
    assert "libharfbuzz-subset0" in warnings[0].msg


def test_no_warning_when_harfbuzz_subset_is_present(monkeypatch):
    monkeypatch.setattr(lms_checks.ctypes.util, "find_library", lambda name: "libharfbuzz-subset.so.0")
    assert not [m for m in checks.run_checks() if m.id == "lms.W001"]


def test_the_deploy_checks_flag_console_email_and_the_embedded_broker(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.CELERY_BROKER_IS_EMBEDDED = True
    ids = {m.id for m in checks.run_checks(include_deployment_checks=True)}
    assert {"lms.W002", "lms.W003"} <= ids


def test_workers_log_the_missing_library_when_they_start(monkeypatch, caplog):
    from lms.celery import _report_machine_problems

    monkeypatch.setattr(lms_checks.ctypes.util, "find_library", lambda name: None)
    _report_machine_problems()
    assert "libharfbuzz-subset0" in caplog.text
