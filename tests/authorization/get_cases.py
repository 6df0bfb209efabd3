"""What each role gets from a GET of each URL of the site (the admin's are in `get_admin_cases`).

One entry per URL pattern name; a pattern without one fails `test_every_url_pattern_has_an_expectation`.
The objects a case names are built in the test that asks for them (sample ids name nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from people.models import User
from tests.authorization.expectations import (
    FORBIDDEN,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Expect,
    Expectation,
    everyone,
    inspecting,
    practising,
    signed_in,
    trackers,
    tracking,
)


@dataclass(frozen=True)
class Case:
    expect: dict[str, Expectation]
    path: str | Callable[[], str] | None = None  # None: the pattern's sample URL

    def url(self) -> str | None:
        return self.path() if callable(self.path) else self.path


def make_role_user_once(label: str) -> User:
    user = User.objects.filter(email=f"{label}@example.org").first()
    return user or User.objects.create_user(email=f"{label}@example.org", full_name="Otra Persona", password=None)


def _learner_exercise_path(name: str, *, inspected: bool) -> Callable[[], str]:
    """A learner's exercise page: their own URL (which no one else may open) or a trainer's inspection."""

    def path() -> str:
        from sandbox.exercises.engine import ExerciseSpec, exercise_start

        owner = make_role_user_once("sandbox-learner")
        spec = ExerciseSpec(key="matrix:exercise", type_slug="entry_registration", parameters={})
        attempt = exercise_start(user=owner, spec=spec)
        return reverse(name, args=[attempt.sandbox_id, attempt.token] if inspected else [attempt.token])

    return path


def _learner_sandbox_path(name: str, *args: int | str) -> Callable[[], str]:
    def path() -> str:
        from sandbox.models import Sandbox

        sandbox, _created = Sandbox.objects.get_or_create(owner=make_role_user_once("sandbox-learner"))
        return reverse(name, args=[sandbox.pk, *args])

    return path


def _learner_scan_queue_path() -> str:
    """A learner's document-scan queue, filled by the triage exercise."""
    from sandbox.exercises.engine import ExerciseSpec, exercise_start

    spec = ExerciseSpec(key="matrix:triage", type_slug="mrz_triage", parameters={})
    attempt = exercise_start(user=make_role_user_once("sandbox-learner"), spec=spec)
    return reverse("sandbox:learner_scan_triage", args=[attempt.sandbox_id])


def _acting_as(role: str, path: str | Callable[[], str]) -> Callable[[], str]:
    """`path`, once every user's sandbox acts as `role` ("" : the staff profile's function, a border
    officer's for every role user). The matrix walks one role's cases in order: a case that
    switches to the secondary line is followed by one that switches back."""

    def url() -> str:
        from sandbox.models import Sandbox

        for user in User.objects.all():
            Sandbox.objects.get_or_create(owner=user)
        Sandbox.objects.update(role=role)
        return path() if callable(path) else path

    return url


def _referral_case_path() -> str:
    """The case of a traveller referred in another learner's sandbox."""
    from sandbox.models import Sandbox
    from tests.sandbox.referrals import referral_recorded

    sandbox, _created = Sandbox.objects.get_or_create(owner=make_role_user_once("sandbox-learner"))
    return reverse("sandbox:secondary_case", args=[referral_recorded(sandbox).movement.uid])


def _learner_referrals_path() -> str:
    """A learner's secondary line, with a referred traveller waiting."""
    from sandbox.models import Sandbox
    from tests.sandbox.referrals import referral_recorded

    sandbox, _created = Sandbox.objects.get_or_create(owner=make_role_user_once("sandbox-learner"))
    referral_recorded(sandbox)
    return reverse("sandbox:learner_secondary_queue", args=[sandbox.pk])


def _acting(role: str, path: str | Callable[[], str]) -> Callable[[], str]:
    """`path` for a role user whose sandbox acts in the job function `role` ("": their staff
    profile's, a border officer's for every role user, who sees no alerts). A case with "" after
    one with another function puts the role user back as they were for the URLs that follow."""

    def build() -> str:
        from sandbox.models import Sandbox
        from tests.conftest import ROLES

        for user in User.objects.filter(email__in=[f"{name}@example.org" for name in ROLES]):
            Sandbox.objects.update_or_create(owner=user, defaults={"role": role})
        return path() if callable(path) else path

    return build


def _baseline_alert_uid() -> int:
    """A baseline alert (Panama's, on a stolen passport) that every learner's view holds."""
    import datetime as dt

    from sandbox.models import Alert

    uid = 424_242
    if not Alert.objects.baseline().filter(uid=uid).exists():
        Alert(
            uid=uid,
            category_id="DOC_LOST_STOLEN",
            subject_kind="DOCUMENT",
            document_number="X1234567",
            document_issuing_state_id="PAN",
            issuing_country_id="PAN",
            action="SEIZE_DOCUMENT",
            valid_from=dt.date(2025, 1, 1),
            valid_until=dt.date(2034, 1, 1),
            status="ACTIVE",
            sharing_scope="OCAM_ALL",
        ).save(force_insert=True)
    return uid


def _baseline_query_path(country: str) -> Callable[[], str]:
    """A baseline consultation sent by `country`: in the view of its learners and of IOM staff."""

    def path() -> str:
        from django.utils import timezone

        from sandbox.models import CrossBorderQuery

        uid = {"GTM": 525_251, "CRI": 525_252}[country]
        if not CrossBorderQuery.objects.baseline().filter(uid=uid).exists():
            CrossBorderQuery(
                uid=uid,
                requesting_country_id=country,
                parameters={"kind": "DOCUMENT", "document_number": "F98765432", "issuing_state": "HND"},
                purpose_code="BORDER_CHECK",
                case_reference="EXP-MATRIZ",
                created_at=timezone.now(),
                target_countries=["HND"],
            ).save(force_insert=True)
        return reverse("sandbox:consultation_detail", args=[uid])

    return path


def _alert_path(name: str, *, inspected: bool = False) -> Callable[[], str]:
    def path() -> str:
        if not inspected:
            return reverse(name, args=[_baseline_alert_uid()])
        return _learner_sandbox_path(name, _baseline_alert_uid())()

    return path


def _consultation_owner(*, own: bool):
    """Whose sandbox a consultation path names: the role user's own (None for the anonymous visitor,
    who has none), or another learner's."""
    from sandbox.models import Sandbox
    from tests.conftest import ROLES

    if not own:
        return Sandbox.objects.get_or_create(owner=make_role_user_once("sandbox-learner"))[0]
    user = User.objects.filter(email__in=[f"{name}@example.org" for name in ROLES]).first()
    return Sandbox.objects.get_or_create(owner=user)[0] if user is not None else None


def _hit_request_path(*, own: bool) -> Callable[[], str]:
    """The request form of a hit of the role user's own consultation, or of another learner's."""

    def path() -> str:
        from tests.sandbox.request_rows import learner_hit

        sandbox = _consultation_owner(own=own)
        if sandbox is None:
            return "/sandbox/consultations/999999/results/999999/request/"
        hit = learner_hit(sandbox, sandbox.owner, None)
        return reverse("sandbox:request_create", args=[hit.query.uid, hit.result.uid])

    return path


def _request_path(*, own: bool) -> Callable[[], str]:
    """A request sent after a hit of the role user's own consultation, or of another learner's."""

    def path() -> str:
        from sandbox.requests import request_send
        from tests.sandbox.request_rows import learner_hit

        sandbox = _consultation_owner(own=own)
        if sandbox is None:
            return "/sandbox/requests/999999/"
        hit = learner_hit(sandbox, sandbox.owner, None)
        sent = request_send(
            sandbox=sandbox,
            user=sandbox.owner,
            result=hit.result,
            fields=["full_name"],
            justification="Verificación de identidad en el control de entrada.",
        )
        return reverse("sandbox:request_detail", args=[sent.uid])

    return path


def _incoming_answer_path(*, own: bool) -> Callable[[], str]:
    """The answer form of another member's request to the role user's country, or to another learner's."""

    def path() -> str:
        from tests.authorization.payloads import incoming_request_in

        sandbox = _consultation_owner(own=own)
        if sandbox is None:
            return "/sandbox/requests/incoming/999999/answer/"
        return reverse("sandbox:incoming_answer", args=[incoming_request_in(sandbox).uid])

    return path


def sample_course():
    from tests.courses.factories import course

    return course(modules=1, lessons_per_module=1, questions=2)


def exercise_report_path() -> str:
    """The report of a course's sandbox exercise, one learner having checked their work."""
    from courses.services import enrolment_create, lesson_exercise_check, lesson_exercise_start
    from tests.courses.factories import course

    sample = course(modules=1, lessons_per_module=1, exercise={})
    where = {
        "enrolment": enrolment_create(learner=make_role_user_once("exercise-learner"), course=sample.page),
        "lesson": sample.exercise_lesson,
        "course": sample.page,
        "block_id": sample.exercise_id,
    }
    lesson_exercise_check(**where, token=lesson_exercise_start(**where).token)
    return reverse(
        "courses_report_exercise", args=[sample.page.pk, sample.exercise_lesson.translation_key, sample.exercise_id]
    )


def _someone_elses_attempt_path() -> str:
    from courses.services import attempt_start, enrolment_create

    sample = sample_course()
    enrolment = enrolment_create(learner=make_role_user_once("quiz-learner"), course=sample.page)
    attempt = attempt_start(enrolment=enrolment, lesson=sample.quiz_lesson, course=sample.page, block_id=sample.quiz_id)
    return reverse("courses:attempt_detail", args=[attempt.token])


def someone_elses_certificate():
    """An issued certificate of another learner (the PDF drawn for real, once per test)."""
    from tests.certificates.matrix import issued_certificate

    return issued_certificate(make_role_user_once("certified-learner"))


def _certificate_path(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[someone_elses_certificate().code])


def _tracking_cases(name: str, *, manage: bool = False, export: bool = False) -> list[Case]:
    """A sample country (none), the focal point's own (GT), another (CR), and GT's URL naming CR's object."""
    from tests.tracking.matrix import tracking_path

    coordinator = FORBIDDEN if manage else OK  # rules and rosters are managed by focal points only
    cases = [
        Case(trackers(NOT_FOUND)),
        Case(tracking(focal_point=OK, regional_coordinator=coordinator, administrator=OK), tracking_path(name, "GT")),
        Case(
            tracking(focal_point=NOT_FOUND, regional_coordinator=coordinator, administrator=OK),
            tracking_path(name, "CR"),
        ),
    ]
    if name in ("person", "rule_edit", "roster_check", "report_download"):
        cases.append(
            Case(
                tracking(
                    focal_point=NOT_FOUND,
                    regional_coordinator=coordinator if manage else NOT_FOUND,
                    administrator=NOT_FOUND,
                ),
                tracking_path(name, "GT", of="CR"),
            )
        )
    if export:
        for file_format in ("csv", "xlsx"):
            own, other = tracking_path(name, "GT"), tracking_path(name, "CR")
            cases += [
                Case(trackers(OK), lambda own=own, file_format=file_format: f"{own()}?format={file_format}"),
                Case(
                    tracking(focal_point=NOT_FOUND, regional_coordinator=OK),
                    lambda other=other, file_format=file_format: f"{other()}?format={file_format}",
                ),
            ]
    return cases


SITE_EXPECTATIONS: dict[str, Case | list[Case]] = {
    "health": Case(everyone(OK)),
    "media": Case(everyone(NOT_FOUND), "/media/original_images/missing.jpg"),
    "language_set": Case(everyone(METHOD_NOT_ALLOWED)),
    "people:account": Case(signed_in(OK)),
    "people:login": Case(everyone(OK)),
    "people:logout": Case(everyone(METHOD_NOT_ALLOWED)),
    "people:password_change": Case(signed_in(OK)),
    "people:password_reset": Case(everyone(OK)),
    "people:password_reset_done": Case(everyone(OK)),
    "people:password_reset_confirm": Case(everyone(OK), "/account/password-reset/MQ/set-password/"),
    "people:password_reset_complete": Case(everyone(OK)),
    # Courses: every signed-in person has "My learning"; actions are POST only; attempts are
    # one's own (a sample token names none).
    "courses:my_learning": Case(signed_in(OK)),
    "courses:enrol": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:lesson_complete": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:attempt_start": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:exercise_start": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:exercise_check": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:exercise_restart": Case(signed_in(METHOD_NOT_ALLOWED)),
    "courses:attempt_detail": [Case(signed_in(NOT_FOUND)), Case(signed_in(NOT_FOUND), _someone_elses_attempt_path)],
    "courses:attempt_submit": Case(signed_in(METHOD_NOT_ALLOWED)),
    # Certificates: one's own list; downloads of someone else's certificate are for trainers and
    # administrators only, and a 404 (never a 403) for everyone else; verification is public.
    "certificates:mine": Case(signed_in(OK)),
    "certificates:verify_form": [Case(everyone(OK)), Case(everyone(NOT_FOUND), "/certificates/verify/?code=0000")],
    "certificates:verify": [Case(everyone(NOT_FOUND)), Case(everyone(OK), _certificate_path("certificates:verify"))],
    "certificates:download": [
        Case(signed_in(NOT_FOUND)),
        Case(
            {**signed_in(NOT_FOUND), "trainer": OK, "administrator": OK},
            _certificate_path("certificates:download"),
        ),
    ],
    "certificates:badge": [
        Case(signed_in(NOT_FOUND)),
        Case({**signed_in(NOT_FOUND), "trainer": OK, "administrator": OK}, _certificate_path("certificates:badge")),
    ],
    "certificates:renew": Case(signed_in(METHOD_NOT_ALLOWED)),
    "certificate_keys": Case(everyone(OK)),
    "certificate_revocations": Case(everyone(OK)),
    # The sandbox: one's own (sample ids name no record), and trainers' read-only inspection
    # (sample ids name no sandbox; a learner's real sandbox is opened too).
    "sandbox:home": Case(practising(OK)),
    "sandbox:reset": Case(practising(OK)),
    "sandbox:role_switch": Case(practising(METHOD_NOT_ALLOWED)),  # POST only
    "sandbox:person_search": [
        Case(practising(OK)),
        Case(practising(OK), "/sandbox/people/?name=perez"),
        Case(practising(OK), "/sandbox/people/?name=perez&page=999"),
    ],
    "sandbox:person_detail": Case(practising(NOT_FOUND)),
    "sandbox:movement_create": Case(practising(OK)),
    "sandbox:scan_triage": Case(practising(OK)),
    "sandbox:scan_decide": Case(practising(METHOD_NOT_ALLOWED)),
    # The secondary line: for a secondary-line officer (every role user's staff profile is a border
    # officer's, refused); another learner's referral is not found.
    "sandbox:secondary_queue": [
        Case(practising(FORBIDDEN)),
        Case(practising(OK), _acting_as("secondary_officer", "/sandbox/secondary/")),
        Case(practising(OK), "/sandbox/secondary/?crossing_point=CR-PBL"),
        Case(practising(FORBIDDEN), _acting_as("", "/sandbox/secondary/")),
    ],
    "sandbox:secondary_case": [
        Case(practising(FORBIDDEN)),
        Case(practising(NOT_FOUND), _acting_as("secondary_officer", "/sandbox/secondary/999999/")),
        Case(practising(NOT_FOUND), _referral_case_path),
        Case(practising(FORBIDDEN), _acting_as("", _referral_case_path)),
    ],
    "sandbox:hit_adjudicate": Case(practising(METHOD_NOT_ALLOWED)),
    "sandbox:statistics": [
        Case(practising(OK)),
        Case(practising(OK), "/sandbox/statistics/?month=2025-01"),
        Case(practising(OK), "/sandbox/statistics/?month=1990-01"),  # outside the practice data
    ],
    "sandbox:exercise_detail": [
        Case(practising(NOT_FOUND)),
        Case(practising(NOT_FOUND), _learner_exercise_path("sandbox:exercise_detail", inspected=False)),
    ],
    "sandbox:exercise_answer": Case(practising(METHOD_NOT_ALLOWED)),
    "sandbox:learner_exercise_detail": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_exercise_path("sandbox:learner_exercise_detail", inspected=True)),
    ],
    "sandbox:statistics_daily": [
        Case(practising(OK)),
        Case(practising(OK), "/sandbox/statistics/daily/?crossing_point=CR-PBL&month=2025-01"),
        Case(practising(OK), "/sandbox/statistics/daily/?crossing_point=XX-NONE&month=1990-13"),  # refused on the form
    ],
    "sandbox:learner_list": Case(inspecting(OK)),
    "sandbox:learner_sandbox": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_sandbox")),
    ],
    "sandbox:learner_person_search": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_person_search")),
    ],
    "sandbox:learner_person_detail": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(NOT_FOUND), _learner_sandbox_path("sandbox:learner_person_detail", 999999)),
    ],
    "sandbox:learner_statistics": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_statistics")),
    ],
    "sandbox:learner_statistics_daily": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_statistics_daily")),
    ],
    "sandbox:learner_scan_triage": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_scan_triage")),
        Case(inspecting(OK), _learner_scan_queue_path),
    ],
    "sandbox:learner_secondary_queue": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_secondary_queue")),
        Case(inspecting(OK), _learner_referrals_path),
    ],
    "sandbox:learner_changes": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_changes", "person")),
        Case(inspecting(NOT_FOUND), _learner_sandbox_path("sandbox:learner_changes", "nothing")),
    ],
    # Alerts: the acting job function decides. Every role user's profile makes them a border
    # officer, who sees no alerts; acting as alert manager they see, create and change them.
    "sandbox:alert_list": [
        Case(practising(OK), _acting("alert_manager", "/sandbox/alerts/?status=ACTIVE&review=overdue&page=9")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/alerts/")),
    ],
    "sandbox:alert_create": [
        Case(practising(OK), _acting("alert_manager", "/sandbox/alerts/new/")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/alerts/new/")),
    ],
    "sandbox:alert_detail": [
        Case(practising(NOT_FOUND), _acting("alert_manager", "/sandbox/alerts/999999/")),
        Case(practising(OK), _acting("alert_manager", _alert_path("sandbox:alert_detail"))),
        Case(practising(FORBIDDEN), _acting("", _alert_path("sandbox:alert_detail"))),
    ],
    "sandbox:alert_change": Case(practising(METHOD_NOT_ALLOWED)),
    "sandbox:alert_request_approval": Case(practising(METHOD_NOT_ALLOWED)),
    # The audit log: focal points and supervisors; with filters, and as a CSV export (audited).
    "sandbox:audit_list": [
        Case(practising(OK), _acting("focal_point", "/sandbox/audit/?action=EXPORT&outside_working_hours=on")),
        Case(practising(OK), _acting("post_supervisor", "/sandbox/audit/?export=csv&date_from=01/03/2025")),
        Case(practising(OK), _acting("focal_point", "/sandbox/audit/?after=forged&hour_from=99")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/audit/")),
    ],
    # Flags on the log's events: POST only.
    "sandbox:audit_flag": [
        Case(practising(METHOD_NOT_ALLOWED), _acting("focal_point", "/sandbox/audit/flag/")),
        Case(practising(METHOD_NOT_ALLOWED), _acting("", "/sandbox/audit/flag/")),
    ],
    # Information requests: consultation is an analyst's (not a border officer's, every role
    # user's profile), the queue of other members' requests a focal point's; another learner's
    # hit, request or incoming request is not found.
    "sandbox:request_create": [
        Case(practising(FORBIDDEN), _acting("", "/sandbox/consultations/999999/results/999999/request/")),
        Case(practising(NOT_FOUND), _acting("analyst", "/sandbox/consultations/999999/results/999999/request/")),
        Case(practising(NOT_FOUND), _acting("analyst", _hit_request_path(own=False))),
        Case(practising(OK), _acting("analyst", _hit_request_path(own=True))),
        Case(practising(FORBIDDEN), _acting("", _hit_request_path(own=True))),
    ],
    "sandbox:request_detail": [
        Case(practising(FORBIDDEN), _acting("", "/sandbox/requests/999999/")),
        Case(practising(NOT_FOUND), _acting("analyst", "/sandbox/requests/999999/")),
        Case(practising(NOT_FOUND), _acting("analyst", _request_path(own=False))),
        Case(practising(OK), _acting("analyst", _request_path(own=True))),
        Case(practising(FORBIDDEN), _acting("", _request_path(own=True))),
    ],
    "sandbox:incoming_list": [
        Case(practising(OK), _acting("focal_point", "/sandbox/requests/incoming/")),
        Case(practising(FORBIDDEN), _acting("analyst", "/sandbox/requests/incoming/")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/requests/incoming/")),
    ],
    "sandbox:incoming_answer": [
        Case(practising(NOT_FOUND), _acting("focal_point", "/sandbox/requests/incoming/999999/answer/")),
        Case(practising(NOT_FOUND), _acting("focal_point", _incoming_answer_path(own=False))),
        Case(practising(OK), _acting("focal_point", _incoming_answer_path(own=True))),
        Case(practising(FORBIDDEN), _acting("", _incoming_answer_path(own=True))),
    ],
    "sandbox:learner_alert_list": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_alert_list")),
    ],
    "sandbox:learner_alert_detail": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(NOT_FOUND), _learner_sandbox_path("sandbox:learner_alert_detail", 999999)),
        Case(inspecting(OK), _alert_path("sandbox:learner_alert_detail", inspected=True)),
    ],
    # Consultation: for a function that consults (every role user's profile is a border officer's,
    # refused). IOM staff (trainer, administrator) act for no country: they read the region's
    # queries and are told, on the form, that consultation is between members.
    "sandbox:consultation_list": [
        Case(practising(OK), _acting("analyst", "/sandbox/consultations/?page=9")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/consultations/")),
    ],
    "sandbox:consultation_create": [
        Case(practising(OK), _acting("analyst", "/sandbox/consultations/new/")),
        Case(practising(FORBIDDEN), _acting("", "/sandbox/consultations/new/")),
    ],
    "sandbox:consultation_detail": [
        Case(practising(NOT_FOUND), _acting("analyst", "/sandbox/consultations/999999/")),
        Case(practising(OK), _acting("analyst", _baseline_query_path("GTM"))),
        Case(
            {**practising(NOT_FOUND), "trainer": OK, "administrator": OK},
            _acting("analyst", _baseline_query_path("CRI")),
        ),
        Case(practising(FORBIDDEN), _acting("", _baseline_query_path("GTM"))),
    ],
    # Country tracking: a focal point follows their own country (another country's pages and
    # objects are a 404); the regional coordinator reads every country and the regional view;
    # rules and roster imports are managed by focal points and administrators. Every list
    # exports as CSV and XLSX. The read API takes bearer tokens only: a session is a 401.
    "tracking:index": Case(
        tracking(focal_point=Expect(302, "/tracking/GT/"), regional_coordinator=Expect(302, "/tracking/region/"))
    ),
    "tracking:region": [
        Case(tracking(focal_point=FORBIDDEN, regional_coordinator=OK)),
        Case(tracking(focal_point=FORBIDDEN, regional_coordinator=OK), "/tracking/region/?format=csv"),
        Case(tracking(focal_point=FORBIDDEN, regional_coordinator=OK), "/tracking/region/?format=xlsx"),
    ],
    "tracking:dashboard": _tracking_cases("dashboard", export=True),
    "tracking:people": _tracking_cases("people", export=True),
    "tracking:person": _tracking_cases("person"),
    "tracking:rules": _tracking_cases("rules"),
    "tracking:rule_edit": _tracking_cases("rule_edit", manage=True),
    "tracking:rule_delete": Case(trackers(METHOD_NOT_ALLOWED)),
    "tracking:roster": _tracking_cases("roster", manage=True),
    "tracking:roster_template": _tracking_cases("roster_template", manage=True),
    "tracking:roster_check": _tracking_cases("roster_check", manage=True),
    "tracking:roster_apply": Case(trackers(METHOD_NOT_ALLOWED)),
    "tracking:reports": _tracking_cases("reports"),
    "tracking:report_download": _tracking_cases("report_download"),
    "tracking_api:api-root": Case(everyone(NOT_FOUND)),
    "tracking_api:openapi-json": Case(everyone(OK)),
    "tracking_api:certification": Case(everyone(Expect(401))),
    "tracking_api:roster": [
        Case(everyone(Expect(401))),
        Case(everyone(Expect(401)), "/api/tracking/v1/countries/GT/roster"),
    ],
    "wagtail_serve": [
        Case(everyone(OK), "/"),
        Case(everyone(OK), "/en/"),
        Case(everyone(NOT_FOUND), "/no-such-page/"),
        # A course is public; its lessons are for enrolled learners and for course staff.
        Case(everyone(OK), lambda: sample_course().page.url),
        Case(
            {**signed_in(Expect(302, "/cursos/*")), "trainer": OK, "administrator": OK},
            lambda: sample_course().lessons[0].url,
        ),
    ],
    "wagtailcore_login": Case(everyone(OK)),
    "wagtailcore_authenticate_with_password": Case(everyone(NOT_FOUND)),
    "wagtaildocs_serve": Case(everyone(NOT_FOUND), "/documents/999999/missing.pdf"),
    "wagtaildocs_authenticate_with_password": Case(everyone(NOT_FOUND)),
}
