"""What each role gets from a POST to each admin URL, and the rule for Wagtail's own admin screens.

Our admin screens (our views, and Wagtail's screens of our models: snippets, model viewsets, users)
have exact outcomes, tried on real objects with the form as the page shows it. Wagtail's own
screens follow the GET rule of `get_admin_cases` (which the GET matrix tries on every one of them):
a role without admin access is sent to log in; for the others Wagtail decides. The POST matrix
tries it on a sample of Wagtail's screens that write (`WAGTAIL_POST_SAMPLE`)."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from tests.authorization import payloads
from tests.authorization.expectations import (
    ADMIN_DENIED,
    ADMIN_ROLES,
    LOGIN,
    METHOD_NOT_ALLOWED,
    NO_ADMIN,
    NOT_FOUND,
    OK,
    Expect,
    admin,
    everyone,
)
from tests.authorization.get_admin_cases import (
    ADMINISTRATION_NAMESPACES,
    ADMINISTRATION_RULE,
    SNIPPET_MODELS,
    WAGTAIL_ADMIN_RULE,
)
from tests.authorization.patterns import Pattern
from tests.authorization.post_cases import SITE_POSTS, PostCase, UrlBuilder, by_pk, owner_pk, owners, refused

CERTIFICATE_PAGE = "/admin/certificates/issued/*"
ENROLLED = Expect(302, "/admin/courses/enrol/")


def _edit_form(edit_name: str, pk_key: str, **changes: str) -> payloads.Payload:
    """The admin's edit form of the object `pk_key` names, as shown to the administrator, with `changes`
    (a value "{name}" is the pk of the world's object `name`)."""

    def data(world, role, target):
        url = reverse(edit_name, args=[world.pks[pk_key]])
        model = apps.get_model(*MODEL_OF[edit_name.partition(":")[0]])
        instance = model.objects.get(pk=world.pks[pk_key])
        filled = {field: value.format_map(world.pks) for field, value in changes.items()}
        return payloads.admin_form_payload(url, instance, world.users["administrator"], **filled)

    return data


# What a new snippet changes from the one whose form it copies, to be valid on its own.
NEW_SNIPPET = {
    "cohort": {"name": "Otra cohorte"},
    "questionbank": {"title": "Otro banco"},
    "glossaryterm": {"term": "Otro término"},
    "certificatetemplate": {"name": "Otra plantilla", "is_default": ""},
    "coursecertification": {"course": "{open_course}"},
}


def _user_form(**changes) -> payloads.Payload:
    def data(world, role, target):
        owner = world.owner(role, target) if target in ("own", "same_country", "other_country") else None
        person = owner or world.learners["same_country"]
        url = reverse("wagtailusers_users:edit", args=[person.pk])
        return payloads.admin_form_payload(url, person, world.users["administrator"], **changes)

    return data


def _exercise_report(world, role: str, target: str) -> str:
    """The report of the sandbox exercise of the course everyone is enrolled in."""
    from courses.models import LessonPage

    lesson_key = LessonPage.objects.get(pk=world.pks["quiz_lesson"]).translation_key
    return reverse(
        "courses_report_exercise", args=[world.pks["learning_course"], lesson_key, world.exercise_ids["learning"]]
    )


def _person(name: str) -> UrlBuilder:
    return lambda world, role, target: reverse(name, args=[world.owner(role, target).pk])


MODEL_OF = {
    **{f"wagtailsnippets_{app}_{model}": (app, model) for app, model in SNIPPET_MODELS},
    "dutypost": ("people", "dutypost"),
    "country": ("people", "country"),
    "authority": ("people", "authority"),
}

ADMIN_POSTS: dict[str, PostCase | list[PostCase]] = {
    "admin_error_test_hidden": PostCase(everyone(NOT_FOUND)),
    "admin_test404_hidden": PostCase(everyone(NOT_FOUND)),
    "wagtailadmin_error_test": PostCase(everyone(NOT_FOUND)),
    "admin/test404/": PostCase(everyone(NOT_FOUND)),
    "admin_login_redirect": PostCase(everyone(LOGIN)),
    "wagtailadmin_login": PostCase(everyone(LOGIN)),
    # Wagtail's logout sends to the login page once done.
    "wagtailadmin_logout": PostCase(admin(trainer=LOGIN, administrator=LOGIN)),
    "wagtailadmin_sprite": PostCase(everyone(OK)),
    "wagtailadmin_javascript_catalog": PostCase(everyone(METHOD_NOT_ALLOWED)),
    **{
        f"wagtailadmin_password_reset{step}": refused(everyone(NOT_FOUND))
        for step in ("", "_done", "_confirm", "_complete")
    },
    "admin/^.*/$": PostCase(
        {**dict.fromkeys(NO_ADMIN, Expect(302, "/admin/login/")), **dict.fromkeys(ADMIN_ROLES, NOT_FOUND)}
    ),
    "wagtail_localize:javascript_catalog": PostCase(
        admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED)
    ),
    # Wagtail's account page: the forms as posted empty are shown again.
    "admin_account": PostCase(admin(trainer=OK, administrator=OK)),
    # Enrolling learners: trainers and administrators, learners they may see (a national trainer:
    # their country's; anyone else's address is refused on the form).
    "courses_enrol": owners(
        lambda world, role, target: reverse("courses_enrol"),
        own=admin(trainer=ENROLLED, administrator=ENROLLED),
        same_country=admin(trainer=ENROLLED, administrator=ENROLLED),
        other_country=admin(trainer=ENROLLED, administrator=ENROLLED, national=OK),
        data=payloads.enrol_learner,
    ),
    # Reports answer a POST as a GET (they write nothing).
    "courses_reports": PostCase(admin(trainer=OK, administrator=OK)),
    "courses_report": [
        refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        PostCase(admin(trainer=OK, administrator=OK), by_pk("courses_report", "learning_course"), "course"),
    ],
    "courses_report_exercise": [
        refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        PostCase(
            admin(trainer=OK, administrator=OK),
            _exercise_report,
            "course",
        ),
    ],
    "courses_report_export": [
        refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        PostCase(
            admin(trainer=OK, administrator=OK),
            lambda world, role, target: reverse("courses_report_export", args=[world.pks["learning_course"], "items"]),
            "course",
        ),
    ],
    # Certificates: the register and a certificate's page answer a POST as a GET; revocation and
    # retry are for trainers and administrators, on certificates of people they may see.
    "certificates_register": PostCase(admin(trainer=OK, administrator=OK)),
    **{
        f"certificates_{view}": [
            refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
            *owners(
                owner_pk("certificates", f"certificates_{view}"),
                own=admin(trainer=success, administrator=success),
                same_country=admin(trainer=success, administrator=success),
                other_country=admin(trainer=success, administrator=success, national=NOT_FOUND),
                data=payloads.revoke if view == "revoke" else None,
            ),
        ]
        for view, success in (
            ("detail", OK),
            ("revoke", Expect(302, CERTIFICATE_PAGE)),
            ("retry", Expect(302, CERTIFICATE_PAGE)),
        )
    },
    "certificates_bulk": [
        PostCase(
            admin(
                trainer=Expect(302, "/admin/certificates/bulk/"), administrator=Expect(302, "/admin/certificates/bulk/")
            ),
            target=target,
            data=payloads.bulk,
        )
        for target in ("same_country", "other_country")
    ],
    "certificates_bulk_file": [
        refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
        *owners(
            owner_pk("downloads", "certificates_bulk_file"),
            own=admin(trainer=OK, administrator=OK),
            same_country=admin(trainer=NOT_FOUND, administrator=NOT_FOUND),
            other_country=admin(trainer=NOT_FOUND, administrator=NOT_FOUND),
        ),
    ],
    # Our image model in Wagtail's chooser: the upload form, empty, is shown again.
    **{
        f"wagtailimages_chooser:{view}": refused(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED))
        for view in ("choose", "choose_results", "chosen", "chosen_multiple")
    },
    "wagtailimages_chooser:create": PostCase(admin(trainer=OK, administrator=OK)),
    "wagtailimages_chooser:select_format": refused(admin(trainer=NOT_FOUND, administrator=NOT_FOUND)),
}

# Course material, cohorts, certificate templates and rules: trainers and administrators write them.
for _app, _model in SNIPPET_MODELS:
    _snippets, _choosers = f"wagtailsnippets_{_app}_{_model}", f"wagtailsnippetchoosers_{_app}_{_model}"
    _listed = Expect(302, f"/admin/snippets/{_app}/{_model}/")
    ADMIN_POSTS |= {
        **{
            f"{_snippets}:{_view}": PostCase(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED))
            for _view in ("list", "list_results")
        },
        f"{_snippets}:add": PostCase(
            admin(trainer=_listed, administrator=_listed),
            data=_edit_form(f"{_snippets}:edit", _model, **NEW_SNIPPET.get(_model, {})),
        ),
        f"{_snippets}:edit": PostCase(
            admin(trainer=_listed, administrator=_listed),
            by_pk(f"{_snippets}:edit", _model),
            "shared",
            _edit_form(f"{_snippets}:edit", _model),
        ),
        # Wagtail's copy screen is its add form, filled in: it creates on a POST.
        f"{_snippets}:copy": PostCase(
            admin(trainer=_listed, administrator=_listed),
            by_pk(f"{_snippets}:copy", _model),
            "shared",
            _edit_form(f"{_snippets}:edit", _model, **NEW_SNIPPET.get(_model, {})),
        ),
        # What nothing depends on (a bank without questions, a template no rule names) may be deleted.
        f"{_snippets}:delete": PostCase(
            admin(trainer=_listed, administrator=_listed), by_pk(f"{_snippets}:delete", f"{_model}_unused"), "shared"
        ),
        **{
            f"{_snippets}:{_view}": PostCase(
                admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED),
                by_pk(f"{_snippets}:{_view}", _model),
                "shared",
            )
            for _view in ("usage", "history", "history_results")
        },
        **{
            f"{_choosers}:{_view}": refused(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED))
            for _view in ("choose", "choose_results", "chosen", "chosen_multiple", "create")
        },
    }
# The template's live preview checks the form as typed and says whether it is valid.
_TEMPLATES = "wagtailsnippets_certificates_certificatetemplate"
ADMIN_POSTS |= {
    f"{_TEMPLATES}:preview_on_add": PostCase(
        admin(trainer=OK, administrator=OK), data=_edit_form(f"{_TEMPLATES}:edit", "certificatetemplate")
    ),
    f"{_TEMPLATES}:preview_on_edit": PostCase(
        admin(trainer=OK, administrator=OK),
        by_pk(f"{_TEMPLATES}:preview_on_edit", "certificatetemplate"),
        "shared",
        _edit_form(f"{_TEMPLATES}:edit", "certificatetemplate"),
    ),
}

# Countries and authorities are read-only for everyone; duty posts are administrators' to manage.
for _model in ("country", "authority", "dutypost"):
    _manager = Expect(302, f"/admin/{_model}/") if _model == "dutypost" else ADMIN_DENIED
    _reader = METHOD_NOT_ALLOWED if _model == "dutypost" else ADMIN_DENIED
    ADMIN_POSTS |= {
        f"{_model}:index": PostCase(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED)),
        f"{_model}:index_results": PostCase(admin(trainer=METHOD_NOT_ALLOWED, administrator=METHOD_NOT_ALLOWED)),
        f"{_model}:add": PostCase(
            admin(trainer=ADMIN_DENIED, administrator=_manager),
            data=_edit_form(f"{_model}:edit", f"{_model}_same_country", code="GT-MTZ", name="Puesto de la matriz"),
        ),
        **{
            f"{_model}:{_view}": [
                PostCase(
                    admin(trainer=trainer, administrator=administrator),
                    by_pk(f"{_model}:{_view}", f"{_model}_{_target}"),
                    _target,
                    _edit_form(f"{_model}:edit", f"{_model}_{_target}") if _view == "edit" else {},
                )
                for _target in ("same_country", "other_country")
            ]
            for _view, trainer, administrator in (
                ("edit", ADMIN_DENIED, _manager),
                ("delete", ADMIN_DENIED, _manager),
                ("inspect", METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED),
                ("history", ADMIN_DENIED, _reader),
                ("history_results", ADMIN_DENIED, _reader),
                ("usage", ADMIN_DENIED, _reader),
            )
        },
    }

# Users: administrators only, on everyone (their scope is every country) but themselves, whom Wagtail
# does not let them delete. A trainer is refused; a national trainer finds no one outside their
# country (the country scope comes before the permission).
_users_listed = Expect(302, "/admin/users/")
ADMIN_POSTS |= {
    "wagtailusers_users:index": PostCase(admin(trainer=ADMIN_DENIED, administrator=METHOD_NOT_ALLOWED)),
    "wagtailusers_users:index_results": PostCase(admin(trainer=ADMIN_DENIED, administrator=METHOD_NOT_ALLOWED)),
    "wagtailusers_users:add": PostCase(
        admin(trainer=ADMIN_DENIED, administrator=_users_listed),
        data=_user_form(email="persona-nueva@example.org", staff_number=""),
    ),
    **{
        f"wagtailusers_users:{_view}": owners(
            _person(f"wagtailusers_users:{_view}"),
            own=admin(trainer=ADMIN_DENIED, administrator=ADMIN_DENIED if _view == "delete" else _administrator),
            same_country=admin(trainer=ADMIN_DENIED, administrator=_administrator),
            other_country=admin(trainer=ADMIN_DENIED, administrator=_administrator, national=NOT_FOUND),
            data=_user_form() if _view == "edit" else None,
        )
        for _view, _administrator in (
            ("edit", _users_listed),
            ("delete", _users_listed),
            ("history", METHOD_NOT_ALLOWED),
            ("history_results", METHOD_NOT_ALLOWED),
            ("usage", METHOD_NOT_ALLOWED),
        )
    },
}

# One entry per URL pattern name of the project (and Wagtail's public views): what a POST gets.
POST_EXPECTATIONS: dict[str, PostCase | list[PostCase]] = SITE_POSTS | ADMIN_POSTS

# Wagtail's own screens that write, tried by every role (the GET matrix tries every one of Wagtail's
# screens): pages, images, documents, and the administrators' sites, groups, locales, collections,
# redirects and workflows. The form is posted empty, or the page unpublished or deleted (an empty
# page form is malformed: its StreamField fails in Wagtail with a 500, whatever the role).
WAGTAIL_POST_SAMPLE: dict[str, UrlBuilder] = {
    "wagtailadmin_pages:add_subpage": by_pk("wagtailadmin_pages:add_subpage", "learning_course"),
    "wagtailadmin_pages:unpublish": by_pk("wagtailadmin_pages:unpublish", "open_course"),
    "wagtailadmin_pages:delete": by_pk("wagtailadmin_pages:delete", "open_course"),
    "wagtailimages:add": by_pk("wagtailimages:add"),
    "wagtaildocs:add": by_pk("wagtaildocs:add"),
    "wagtailadmin_collections:add": by_pk("wagtailadmin_collections:add"),
    "wagtailusers_groups:add": by_pk("wagtailusers_groups:add"),
    "wagtailsites:add": by_pk("wagtailsites:add"),
    "wagtaillocales:add": by_pk("wagtaillocales:add"),
    "wagtailredirects:add": by_pk("wagtailredirects:add"),
    "wagtailadmin_workflows:add": by_pk("wagtailadmin_workflows:add"),
}


def post_expectation_for(pattern: Pattern) -> list[PostCase] | None:
    cases = POST_EXPECTATIONS.get(pattern.key)
    if cases is not None:
        return cases if isinstance(cases, list) else [cases]
    if pattern.is_wagtails_own:
        if pattern.key.startswith(ADMINISTRATION_NAMESPACES):
            return [PostCase(ADMINISTRATION_RULE)]
        return [PostCase(WAGTAIL_ADMIN_RULE)]
    return None
