"""What each role gets from a GET of each admin URL, and the rule for Wagtail's own admin screens.

Wagtail's own admin screens not listed follow one rule: roles without admin access are sent to
log in; managing sites, groups, locales, redirects, collections and workflows is for
administrators; trainers author content (pages, images, documents, reports on them). The admin
screens of our own models and the key Wagtail screens are listed one by one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from people.models import Authority, Country, DutyPost
from tests.authorization.expectations import (
    ADMIN_DENIED,
    LOGIN,
    METHOD_NOT_ALLOWED,
    NO_ADMIN,
    NOT_FOUND,
    OK,
    REACHABLE,
    Expect,
    WagtailRefuses,
    admin,
    everyone,
)
from tests.authorization.get_cases import (
    SITE_EXPECTATIONS,
    Case,
    exercise_report_path,
    make_role_user_once,
    sample_course,
    someone_elses_certificate,
)
from tests.authorization.patterns import Pattern


def _country_pk() -> int:
    return Country.objects.get(iso3="GTM").pk


def _duty_post_pk() -> int:
    return DutyPost.objects.get(code="GT-TUM").pk


def _authority_pk() -> int:
    return Authority.objects.get(code="gt-igm").pk


def _someone_pk() -> int:
    return make_role_user_once("someone").pk


def _certificate_admin_path(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[someone_elses_certificate().pk])


def _own_admin(name: str, pk: Callable[[], int] | None = None, **expect) -> Case:
    return Case(expect=admin(**expect), path=(lambda: reverse(name, args=[pk()])) if pk else None)


WAGTAIL_ADMIN_RULE = admin(trainer=REACHABLE, administrator=REACHABLE)
ADMINISTRATION_RULE = admin(trainer=WagtailRefuses(), administrator=REACHABLE)
ADMINISTRATION_NAMESPACES = (
    "wagtailsites:",
    "wagtailusers_groups:",
    "wagtaillocales:",
    "wagtailredirects:",
    "wagtailadmin_collections:",
    "wagtailadmin_workflows:",
    "wagtailsettings:",
)

ADMIN_EXPECTATIONS: dict[str, Case | list[Case]] = {
    # Wagtail's error-test pages, hidden behind a 404 for everyone.
    "admin_error_test_hidden": Case(everyone(NOT_FOUND)),
    "admin_test404_hidden": Case(everyone(NOT_FOUND)),
    "wagtailadmin_error_test": Case(everyone(NOT_FOUND)),
    "admin/test404/": Case(everyone(NOT_FOUND)),
    # Wagtail's public admin pieces, its own login (sent to ours) and its disabled password reset.
    "admin_login_redirect": Case(everyone(LOGIN)),
    "wagtailadmin_login": Case(everyone(LOGIN)),
    "wagtailadmin_logout": Case(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED)),
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
    **{
        f"wagtailusers_users:{view}": _own_admin(
            f"wagtailusers_users:{view}", _someone_pk, trainer=ADMIN_DENIED, administrator=OK
        )
        for view in ("edit", "delete", "history", "history_results", "usage")
    },
}

# Countries and authorities are maintained in code: trainers and administrators read them,
# nobody edits them here. Duty posts: trainers read them, administrators manage them.
# Change history and usage are for administrators.
for _model, _pk, _manager in (
    ("country", _country_pk, ADMIN_DENIED),
    ("authority", _authority_pk, ADMIN_DENIED),
    ("dutypost", _duty_post_pk, OK),
):
    ADMIN_EXPECTATIONS |= {
        f"{_model}:index": Case(admin(trainer=OK, administrator=OK)),
        f"{_model}:index_results": Case(admin(trainer=OK, administrator=OK)),
        f"{_model}:add": Case(admin(trainer=ADMIN_DENIED, administrator=_manager)),
        f"{_model}:inspect": _own_admin(f"{_model}:inspect", _pk, trainer=OK, administrator=OK),
        **{
            f"{_model}:{_view}": _own_admin(f"{_model}:{_view}", _pk, trainer=ADMIN_DENIED, administrator=_manager)
            for _view in ("edit", "delete", "history", "history_results", "usage")
        },
    }

# Course material and cohorts: trainers and administrators manage them (sample ids name nothing).
SNIPPET_MODELS = (
    ("courses", "cohort"),
    ("courses", "questionbank"),
    ("courses", "question"),
    ("courses", "glossaryterm"),
    ("certificates", "certificatetemplate"),
    ("certificates", "coursecertification"),
)
for _app, _model in SNIPPET_MODELS:
    _snippets, _choosers = f"wagtailsnippets_{_app}_{_model}", f"wagtailsnippetchoosers_{_app}_{_model}"
    ADMIN_EXPECTATIONS |= {
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
ADMIN_EXPECTATIONS |= {
    "courses_enrol": Case(admin(trainer=OK, administrator=OK)),
    "courses_reports": Case(admin(trainer=OK, administrator=OK)),
    "courses_report": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(admin(trainer=OK, administrator=OK), lambda: reverse("courses_report", args=[sample_course().page.pk])),
    ],
    "courses_report_exercise": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(admin(trainer=OK, administrator=OK), exercise_report_path),
    ],
    "courses_report_export": [
        Case(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        Case(
            admin(trainer=OK, administrator=OK),
            lambda: reverse("courses_report_export", args=[sample_course().page.pk, "items"]),
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

# One entry per URL pattern name of the project (and of Wagtail's public views).
EXPECTATIONS: dict[str, Case | list[Case]] = SITE_EXPECTATIONS | ADMIN_EXPECTATIONS


def expectation_for(pattern: Pattern) -> list[Case] | None:
    case = EXPECTATIONS.get(pattern.key)
    if case is not None:
        return case if isinstance(case, list) else [case]
    if pattern.is_wagtails_own:
        if pattern.key.startswith(ADMINISTRATION_NAMESPACES):
            return [Case(ADMINISTRATION_RULE)]
        return [Case(WAGTAIL_ADMIN_RULE)]
    return None
