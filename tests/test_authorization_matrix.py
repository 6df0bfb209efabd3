"""The authorization matrix: every URL pattern, every role, an expected outcome.

The test walks the URL resolver. A pattern without an expectation here fails
`test_every_url_pattern_has_an_expectation`, so each new URL must be added with what every
role gets. Wagtail's own admin screens follow one rule (roles without admin access are sent
to log in); the admin screens of our own models and the key Wagtail screens are listed one
by one with what each role may do.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, UUIDConverter

from people.models import Country, DutyPost, User
from tests.conftest import ROLES, client_for, make_role_user
from tests.layout import is_project_module


@dataclass(frozen=True)
class Expect:
    status: int
    location: str | None = None  # prefix the Location header must start with

    def check(self, response) -> str | None:
        if response.status_code != self.status:
            return f"status {response.status_code}, expected {self.status}"
        if self.location is not None and not response["Location"].startswith(self.location):
            return f"redirected to {response['Location']}, expected {self.location}…"
        return None


@dataclass(frozen=True)
class AdminReachable:
    """Inside the admin for a role with admin access: any answer but an error or a login."""

    def check(self, response) -> str | None:
        if response.status_code >= 500 or response.status_code == 403:
            return f"status {response.status_code}"
        if response.status_code == 302 and "/login/" in response["Location"]:
            return f"sent to log in ({response['Location']})"
        return None


@dataclass(frozen=True)
class NotGranted:
    """A signed-in admin user without the permission: denied or not found, never shown the screen."""

    def check(self, response) -> str | None:
        if response.status_code in (302, 404, 405):
            location = response.get("Location", "/admin/")
            return None if location.startswith("/admin/") else f"redirected to {location}"
        return f"status {response.status_code}: the screen was shown"


OK = Expect(200)
FORBIDDEN = Expect(403)
LOGIN = Expect(302, "/account/login/")
POST_ONLY = Expect(405)
NOT_FOUND = Expect(404)
ADMIN_DENIED = Expect(302, "/admin/")  # Wagtail's "permission denied": back to the dashboard
REACHABLE = AdminReachable()
NO_ADMIN = ("anonymous", "learner", "focal_point", "regional_coordinator")


def everyone(expect) -> dict[str, object]:
    return dict.fromkeys(ROLES, expect)


def signed_in(expect) -> dict[str, object]:
    return {**everyone(expect), "anonymous": LOGIN}


def practising(expect) -> dict[str, object]:
    """Learners, trainers and administrators practise in their own sandbox; other roles do not."""
    return {**signed_in(FORBIDDEN), "learner": expect, "trainer": expect, "administrator": expect}


def inspecting(expect) -> dict[str, object]:
    """Trainers open learners' sandboxes read-only; nobody else does."""
    return {**signed_in(FORBIDDEN), "trainer": expect}


def admin(*, trainer, administrator) -> dict[str, object]:
    return {**dict.fromkeys(NO_ADMIN, LOGIN), "trainer": trainer, "administrator": administrator}


def _country_pk() -> int:
    return Country.objects.get(iso3="GTM").pk


def _duty_post_pk() -> int:
    return DutyPost.objects.get(code="GT-TUM").pk


def _authority_pk() -> int:
    from people.models import Authority

    return Authority.objects.get(code="gt-igm").pk


def _someone_pk() -> int:
    return make_role_user_once("someone").pk


def _learner_sandbox_path(name: str, *args: int | str) -> Callable[[], str]:
    def path() -> str:
        from sandbox.models import Sandbox

        sandbox, _created = Sandbox.objects.get_or_create(owner=make_role_user_once("sandbox-learner"))
        return reverse(name, args=[sandbox.pk, *args])

    return path


def _sample_course():
    from tests.courses.factories import course

    return course(modules=1, lessons_per_module=1, questions=2)


def _someone_elses_attempt_path() -> str:
    from courses.services import attempt_start, enrolment_create

    sample = _sample_course()
    enrolment = enrolment_create(learner=make_role_user_once("quiz-learner"), course=sample.page)
    attempt = attempt_start(enrolment=enrolment, lesson=sample.quiz_lesson, course=sample.page, block_id=sample.quiz_id)
    return reverse("courses:attempt_detail", args=[attempt.token])


def _someone_elses_certificate():
    """An issued certificate of another learner (the PDF drawn for real, once per test)."""
    from tests.certificates.matrix import issued_certificate

    return issued_certificate(make_role_user_once("certified-learner"))


def _certificate_path(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[_someone_elses_certificate().code])


def _certificate_admin_path(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[_someone_elses_certificate().pk])


def tracking(
    *, focal_point: Expect, regional_coordinator: Expect, administrator: Expect | None = None
) -> dict[str, object]:
    """Country tracking: focal points, the regional coordinator and administrators; 403 for others."""
    return {
        **signed_in(FORBIDDEN),
        "focal_point": focal_point,
        "regional_coordinator": regional_coordinator,
        "administrator": administrator or regional_coordinator,
    }


def trackers(expect: Expect) -> dict[str, object]:
    return tracking(focal_point=expect, regional_coordinator=expect)


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


def make_role_user_once(label: str) -> User:
    user = User.objects.filter(email=f"{label}@example.org").first()
    return user or User.objects.create_user(email=f"{label}@example.org", full_name="Otra Persona", password=None)


@dataclass(frozen=True)
class Case:
    expect: dict[str, object]
    path: str | Callable[[], str] | None = None  # None: reverse the pattern with sample arguments

    def url(self, name: str) -> str | None:
        if callable(self.path):
            return self.path()
        return self.path


def _own_admin(name: str, pk: Callable[[], int] | None = None, **expect) -> Case:
    return Case(expect=admin(**expect), path=(lambda: reverse(name, args=[pk()])) if pk else None)


# Wagtail's own admin screens not listed above: no access without the admin permission.
# Managing sites, groups, locales, redirects, collections and workflows is for
# administrators; trainers author content (pages, images, documents, reports on them).
WAGTAIL_ADMIN_RULE = admin(trainer=REACHABLE, administrator=REACHABLE)
ADMINISTRATION_RULE = admin(trainer=NotGranted(), administrator=REACHABLE)
ADMINISTRATION_NAMESPACES = (
    "wagtailsites:",
    "wagtailusers_groups:",
    "wagtaillocales:",
    "wagtailredirects:",
    "wagtailadmin_collections:",
    "wagtailadmin_workflows:",
    "wagtailsettings:",
)


# One entry per URL pattern name of the project (and of Wagtail's public views).
EXPECTATIONS: dict[str, Case | list[Case]] = {
    "health": Case(everyone(OK)),
    "media": Case(everyone(NOT_FOUND), "/media/original_images/missing.jpg"),
    "language_set": Case(everyone(POST_ONLY)),
    "people:account": Case(signed_in(OK)),
    "people:login": Case(everyone(OK)),
    "people:logout": Case(everyone(POST_ONLY)),
    "people:password_change": Case(signed_in(OK)),
    "people:password_reset": Case(everyone(OK)),
    "people:password_reset_done": Case(everyone(OK)),
    "people:password_reset_confirm": Case(everyone(OK), "/account/password-reset/MQ/set-password/"),
    "people:password_reset_complete": Case(everyone(OK)),
    # The sandbox: one's own (sample ids name no record), and trainers' read-only inspection
    # (sample ids name no sandbox; a learner's real sandbox is opened too).
    # Courses: every signed-in person has "My learning"; actions are POST only; attempts are
    # one's own (a sample token names none).
    "courses:my_learning": Case(signed_in(OK)),
    "courses:enrol": Case(signed_in(POST_ONLY)),
    "courses:lesson_complete": Case(signed_in(POST_ONLY)),
    "courses:attempt_start": Case(signed_in(POST_ONLY)),
    "courses:attempt_detail": [Case(signed_in(NOT_FOUND)), Case(signed_in(NOT_FOUND), _someone_elses_attempt_path)],
    "courses:attempt_submit": Case(signed_in(POST_ONLY)),
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
    "certificates:renew": Case(signed_in(POST_ONLY)),
    "certificate_keys": Case(everyone(OK)),
    "certificate_revocations": Case(everyone(OK)),
    "sandbox:home": Case(practising(OK)),
    "sandbox:reset": Case(practising(OK)),
    "sandbox:person_search": [
        Case(practising(OK)),
        Case(practising(OK), "/sandbox/people/?name=perez"),
        Case(practising(OK), "/sandbox/people/?name=perez&page=999"),
    ],
    "sandbox:person_detail": Case(practising(NOT_FOUND)),
    "sandbox:movement_create": Case(practising(OK)),
    "sandbox:statistics": [
        Case(practising(OK)),
        Case(practising(OK), "/sandbox/statistics/?month=2025-01"),
        Case(practising(OK), "/sandbox/statistics/?month=1990-01"),  # outside the practice data
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
    "sandbox:learner_changes": [
        Case(inspecting(NOT_FOUND)),
        Case(inspecting(OK), _learner_sandbox_path("sandbox:learner_changes", "person")),
        Case(inspecting(NOT_FOUND), _learner_sandbox_path("sandbox:learner_changes", "nothing")),
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
    "tracking:rule_delete": Case(trackers(POST_ONLY)),
    "tracking:roster": _tracking_cases("roster", manage=True),
    "tracking:roster_template": _tracking_cases("roster_template", manage=True),
    "tracking:roster_check": _tracking_cases("roster_check", manage=True),
    "tracking:roster_apply": Case(trackers(POST_ONLY)),
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
        Case(everyone(OK), lambda: _sample_course().page.url),
        Case(
            {
                **signed_in(Expect(302, "/cursos/")),
                "trainer": OK,
                "administrator": OK,
            },
            lambda: _sample_course().lessons[0].url,
        ),
    ],
    "wagtailcore_login": Case(everyone(OK)),
    "wagtailcore_authenticate_with_password": Case(everyone(NOT_FOUND)),
    "wagtaildocs_serve": Case(everyone(NOT_FOUND), "/documents/999999/missing.pdf"),
    "wagtaildocs_authenticate_with_password": Case(everyone(NOT_FOUND)),
    # Wagtail's error-test pages, hidden behind a 404 for everyone.
    "admin_error_test_hidden": Case(everyone(NOT_FOUND)),
    "admin_test404_hidden": Case(everyone(NOT_FOUND)),
    "wagtailadmin_error_test": Case(everyone(NOT_FOUND)),
    "admin/test404/": Case(everyone(NOT_FOUND)),
    # Wagtail's public admin pieces, its own login (sent to ours) and its disabled password reset.
    "admin_login_redirect": Case(everyone(LOGIN)),
    "wagtailadmin_login": Case(everyone(LOGIN)),
    "wagtailadmin_logout": Case(admin(trainer=POST_ONLY, administrator=POST_ONLY)),
    "wagtailadmin_sprite": Case(everyone(OK)),
    "wagtailadmin_javascript_catalog": Case(everyone(OK)),
    "wagtailadmin_password_reset": Case(everyone(NOT_FOUND)),
    "wagtailadmin_password_reset_done": Case(everyone(NOT_FOUND)),
    "wagtailadmin_password_reset_confirm": Case(everyone(NOT_FOUND)),
    "wagtailadmin_password_reset_complete": Case(everyone(NOT_FOUND)),
    "admin/^.*/$": Case(
        {**dict.fromkeys(NO_ADMIN, Expect(302, "/admin/login/")), "trainer": NOT_FOUND, "administrator": NOT_FOUND}
    ),
    # Wagtail shows its workflow-task chooser to anyone in the admin (names of tasks only).
    "wagtailadmin_workflows:task_chooser": Case(WAGTAIL_ADMIN_RULE),
    "wagtailadmin_workflows:task_chooser_results": Case(WAGTAIL_ADMIN_RULE),
    "wagtailadmin_workflows:task_chooser_create": Case(WAGTAIL_ADMIN_RULE),
    # Image chooser (our image model, Wagtail's screens): people who author content.
    "wagtailimages_chooser:choose": Case(admin(trainer=OK, administrator=OK)),
    "wagtailimages_chooser:choose_results": Case(admin(trainer=OK, administrator=OK)),
    "wagtailimages_chooser:chosen": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
    "wagtailimages_chooser:chosen_multiple": Case(admin(trainer=OK, administrator=OK)),
    "wagtailimages_chooser:create": Case(admin(trainer=OK, administrator=OK)),
    "wagtailimages_chooser:select_format": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
    # Key Wagtail admin screens: who gets in.
    "wagtailadmin_home": Case(admin(trainer=OK, administrator=OK)),
    # Wagtail's account page without its name and e-mail panel (people/viewsets.py).
    "admin_account": Case(admin(trainer=OK, administrator=OK)),
    "wagtailadmin_explore_root": Case(admin(trainer=OK, administrator=OK)),
    "wagtailimages:index": Case(admin(trainer=OK, administrator=OK)),
    "wagtaildocs:index": Case(admin(trainer=OK, administrator=OK)),
    "wagtailusers_groups:index": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "wagtailsites:index": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "wagtaillocales:index": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    # Our models in the admin. Users: administrators only.
    "wagtailusers_users:index": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "wagtailusers_users:index_results": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "wagtailusers_users:add": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "wagtailusers_users:edit": _own_admin(
        "wagtailusers_users:edit", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
    "wagtailusers_users:delete": _own_admin(
        "wagtailusers_users:delete", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
    "wagtailusers_users:history": _own_admin(
        "wagtailusers_users:history", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
    "wagtailusers_users:history_results": _own_admin(
        "wagtailusers_users:history_results", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
    "wagtailusers_users:usage": _own_admin(
        "wagtailusers_users:usage", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
}

# Countries and authorities are maintained in code: trainers and administrators read them,
# nobody edits them here. Duty posts: trainers read them, administrators manage them.
# Change history and usage are for administrators.
for _model, _pk in (("country", _country_pk), ("authority", _authority_pk)):
    EXPECTATIONS |= {
        f"{_model}:index": Case(admin(trainer=OK, administrator=OK)),
        f"{_model}:index_results": Case(admin(trainer=OK, administrator=OK)),
        f"{_model}:add": Case(admin(trainer=ADMIN_DENIED, administrator=ADMIN_DENIED)),
        f"{_model}:edit": _own_admin(f"{_model}:edit", _pk, trainer=ADMIN_DENIED, administrator=ADMIN_DENIED),
        f"{_model}:inspect": _own_admin(f"{_model}:inspect", _pk, trainer=OK, administrator=OK),
        f"{_model}:delete": _own_admin(f"{_model}:delete", _pk, trainer=ADMIN_DENIED, administrator=ADMIN_DENIED),
        f"{_model}:history": _own_admin(f"{_model}:history", _pk, trainer=ADMIN_DENIED, administrator=ADMIN_DENIED),
        f"{_model}:history_results": _own_admin(
            f"{_model}:history_results", _pk, trainer=ADMIN_DENIED, administrator=ADMIN_DENIED
        ),
        f"{_model}:usage": _own_admin(f"{_model}:usage", _pk, trainer=ADMIN_DENIED, administrator=ADMIN_DENIED),
    }
EXPECTATIONS |= {
    "dutypost:index": Case(admin(trainer=OK, administrator=OK)),
    "dutypost:index_results": Case(admin(trainer=OK, administrator=OK)),
    "dutypost:add": Case(admin(trainer=ADMIN_DENIED, administrator=OK)),
    "dutypost:edit": _own_admin("dutypost:edit", _duty_post_pk, trainer=ADMIN_DENIED, administrator=OK),
    "dutypost:inspect": _own_admin("dutypost:inspect", _duty_post_pk, trainer=OK, administrator=OK),
    "dutypost:delete": _own_admin("dutypost:delete", _duty_post_pk, trainer=ADMIN_DENIED, administrator=OK),
    "dutypost:history": _own_admin("dutypost:history", _duty_post_pk, trainer=ADMIN_DENIED, administrator=OK),
    "dutypost:history_results": _own_admin(
        "dutypost:history_results", _duty_post_pk, trainer=ADMIN_DENIED, administrator=OK
    ),
    "dutypost:usage": _own_admin("dutypost:usage", _duty_post_pk, trainer=ADMIN_DENIED, administrator=OK),
}

# Course material and cohorts: trainers and administrators manage them (sample ids name nothing).
for _app, _model in (
    ("courses", "cohort"),
    ("courses", "questionbank"),
    ("courses", "question"),
    ("courses", "glossaryterm"),
    ("certificates", "certificatetemplate"),
    ("certificates", "coursecertification"),
):
    _snippets, _choosers = f"wagtailsnippets_{_app}_{_model}", f"wagtailsnippetchoosers_{_app}_{_model}"
    EXPECTATIONS |= {
        f"{_snippets}:list": Case(admin(trainer=OK, administrator=OK)),
        f"{_snippets}:list_results": Case(admin(trainer=OK, administrator=OK)),
        f"{_snippets}:add": Case(admin(trainer=OK, administrator=OK)),
        **{
            f"{_snippets}:{_view}": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND))
            for _view in ("edit", "delete", "usage", "history", "history_results", "copy")
        },
        f"{_choosers}:choose": Case(admin(trainer=OK, administrator=OK)),
        f"{_choosers}:choose_results": Case(admin(trainer=OK, administrator=OK)),
        f"{_choosers}:chosen": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        f"{_choosers}:chosen_multiple": Case(admin(trainer=OK, administrator=OK)),
        f"{_choosers}:create": Case(admin(trainer=OK, administrator=OK)),
    }
EXPECTATIONS |= {
    "courses_enrol": Case(admin(trainer=OK, administrator=OK)),
    "courses_reports": Case(admin(trainer=OK, administrator=OK)),
    "courses_report": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(admin(trainer=OK, administrator=OK), lambda: reverse("courses_report", args=[_sample_course().page.pk])),
    ],
    "courses_report_export": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(
            admin(trainer=OK, administrator=OK),
            lambda: reverse("courses_report_export", args=[_sample_course().page.pk, "items"]),
        ),
    ],
    # Certificates in the admin: the register (scoped by country), revocation and retry (POST
    # only: a GET names nothing), bulk downloads (one's own archives only).
    "certificates_register": Case(admin(trainer=OK, administrator=OK)),
    # The template's live PDF preview: for the people who design templates.
    "wagtailsnippets_certificates_certificatetemplate:preview_on_add": Case(
        admin(trainer=REACHABLE, administrator=REACHABLE)
    ),
    "wagtailsnippets_certificates_certificatetemplate:preview_on_edit": Case(
        admin(trainer=REACHABLE, administrator=REACHABLE)
    ),
    "certificates_detail": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(admin(trainer=OK, administrator=OK), _certificate_admin_path("certificates_detail")),
    ],
    "certificates_revoke": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
    "certificates_retry": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
    "certificates_bulk": Case(admin(trainer=OK, administrator=OK)),
    "certificates_bulk_file": Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
    # wagtail-localize's translation screens follow Wagtail's admin rule; its script catalogue:
    "wagtail_localize:javascript_catalog": Case(admin(trainer=OK, administrator=OK)),
}


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    pattern: URLPattern

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def is_project_owned(self) -> bool:
        module = self.pattern.callback.__module__
        model = (getattr(self.pattern.callback, "view_initkwargs", None) or {}).get("model")
        model_module = getattr(model, "__module__", "") if model is not None else ""
        return is_project_module(module) or is_project_module(model_module)

    @property
    def is_wagtail_admin(self) -> bool:
        return self.route.startswith("admin/") and self.pattern.callback.__module__.startswith(
            ("wagtail.", "wagtail_localize.")
        )


def url_patterns() -> list[Pattern]:
    def walk(patterns, prefix: str, namespace: str | None) -> Iterator[Pattern]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            else:
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                yield Pattern(route=prefix + str(entry.pattern), name=name, pattern=entry)

    return list(walk(get_resolver().url_patterns, "", None))


def expectation_for(pattern: Pattern) -> list[Case] | None:
    case = EXPECTATIONS.get(pattern.key)
    if case is not None:
        return case if isinstance(case, list) else [case]
    if pattern.is_wagtail_admin and not pattern.is_project_owned:
        if pattern.key.startswith(ADMINISTRATION_NAMESPACES):
            return [Case(ADMINISTRATION_RULE)]
        return [Case(WAGTAIL_ADMIN_RULE)]
    return None


def sample_url(pattern: Pattern) -> str:
    """A URL that resolves to this pattern, with arguments that name nothing that exists."""
    if pattern.name is None:
        literal = re.sub(r"[\^\$]", "", pattern.route).replace(".*", "anything")
        return "/" + literal
    converters = getattr(pattern.pattern.pattern, "converters", {})
    if converters:
        kwargs = {
            key: 999999
            if isinstance(converter, IntConverter)
            else "00000000-0000-0000-0000-000000000000"
            if isinstance(converter, UUIDConverter)
            else "999999"
            for key, converter in converters.items()
        }
        return reverse(pattern.name, kwargs=kwargs)
    groups = pattern.pattern.pattern.regex.groups
    for args in itertools.product(("999999", "x"), repeat=groups):
        try:
            url = reverse(pattern.name, args=args)
        except Exception:  # noqa: S112 - try the next combination of sample arguments
            continue
        if resolve(url).func is pattern.pattern.callback:
            return url
    return reverse(pattern.name)


def test_every_url_pattern_has_an_expectation():
    missing = [f"{p.key}  ({p.route})" for p in url_patterns() if expectation_for(p) is None]
    assert not missing, "URL patterns without an entry in the authorization matrix:\n" + "\n".join(missing)


def test_no_expectation_names_a_pattern_that_does_not_exist():
    names = {p.key for p in url_patterns()}
    stale = sorted(set(EXPECTATIONS) - names)
    assert not stale, f"Matrix entries for URL patterns that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(role):
    user = make_role_user(role)
    client = client_for(user)
    client.raise_request_exception = False
    failures = []
    for pattern in url_patterns():
        cases = expectation_for(pattern)
        if not cases:
            failures.append(f"{pattern.key}: no expectation")
        for case in cases or []:
            url = case.url(pattern.key) or sample_url(pattern)
            response = client.get(url)
            session_cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if user is not None and (session_cookie is None or not session_cookie.value):
                client = client_for(user)  # Wagtail's logout drops the cookie even when it refuses a GET
                client.raise_request_exception = False
            problem = case.expect[role].check(response)
            if problem:
                failures.append(f"{role} GET {url} ({pattern.key}): {problem}")
    assert not failures, "\n".join(failures)
