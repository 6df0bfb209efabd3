"""What each role gets from a POST to each URL of the site (the admin's are in `post_admin_cases`).

A URL that names an object is tried on the role's own ("own"), on a learner's of the role users'
country ("same_country": Guatemala) and on a learner's of another ("other_country": Costa Rica);
tracking URLs on Guatemala's and Costa Rica's pages, and on Guatemala's page naming Costa Rica's
object ("mismatched"); "missing" is a sample id that names nothing. A URL that takes no POST is
tried too: its 405 is an expectation like any other, so a view that starts taking POSTs fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from tests.authorization import payloads
from tests.authorization.expectations import (
    FORBIDDEN,
    FORM_ERRORS,
    METHOD_NOT_ALLOWED,
    NATIONAL_TRAINER,
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

if TYPE_CHECKING:
    from tests.authorization.objects import World

UrlBuilder = Callable[["World", str, str], str]  # (world, role, target) -> URL


@dataclass(frozen=True)
class PostCase:
    expect: dict[str, Expectation]  # by role; a role left out is not tried (the anonymous visitor owns nothing)
    url: str | UrlBuilder | None = None  # None: the pattern's sample URL
    target: str = ""  # what the URL names, for the test's id
    data: dict[str, Any] | payloads.Payload = field(default_factory=dict)

    def url_for(self, world: World, role: str) -> str | None:
        return self.url(world, role, self.target) if callable(self.url) else self.url

    def data_for(self, world: World, role: str) -> dict[str, Any]:
        return self.data(world, role, self.target) if callable(self.data) else dict(self.data)


def refused(expect: dict[str, Expectation]) -> PostCase:
    """A URL that takes no POST (or names nothing): tried on its sample URL."""
    return PostCase(expect, target="missing")


def owners(
    url: UrlBuilder,
    *,
    own: dict[str, Expectation],
    same_country: dict[str, Expectation],
    other_country: dict[str, Expectation],
    data: dict[str, Any] | payloads.Payload | None = None,
) -> list[PostCase]:
    """The role's own object (not for the anonymous visitor), a same-country learner's and another country's."""
    own = {role: expect for role, expect in own.items() if role != "anonymous"}
    return [
        PostCase(expect, url, target, data or {})
        for target, expect in (("own", own), ("same_country", same_country), ("other_country", other_country))
    ]


def owner_pk(registry: str, name: str) -> UrlBuilder:
    """`name`'s URL for the object of `registry` (a World attribute) that the case's owner has."""
    return lambda world, role, target: reverse(name, args=[getattr(world, registry)[world.owner(role, target).pk]])


def by_pk(name: str, *keys: str) -> UrlBuilder:
    """`name`'s URL for the world's objects named `keys` (`World.pks`)."""
    return lambda world, role, target: reverse(name, args=[world.pks[key] for key in keys])


def _certificate_code(name: str) -> UrlBuilder:
    def url(world: World, role: str, target: str) -> str:
        from certificates.models import Certificate

        pk = world.certificates[world.owner(role, target).pk]
        return reverse(name, args=[Certificate.objects.values_list("code", flat=True).get(pk=pk)])

    return url


def _learner_exercise(name: str) -> UrlBuilder:
    def url(world: World, role: str, target: str) -> str:
        owner = world.owner(role, target)
        return reverse(name, args=[world.sandboxes[owner.pk], world.exercises[owner.pk]])

    return url


def _sandbox(name: str, *args: str | int) -> UrlBuilder:
    return lambda world, role, target: reverse(name, args=[world.sandboxes[world.owner(role, target).pk], *args])


def _scan(name: str) -> UrlBuilder:
    """`name`'s URL for the document scan in the sandbox of the case's owner."""
    return lambda world, role, target: reverse(name, args=[world.scans[world.owner(role, target).pk]])


def _hit(name: str, *, as_secondary_officer: bool) -> UrlBuilder:
    """`name`'s URL for the pending hit in the sandbox of the case's owner; the role's own sandbox
    acting as a secondary-line officer (every role user's staff profile is a border officer's),
    for this case only (each case runs in a savepoint)."""

    def url(world: World, role: str, target: str) -> str:
        from sandbox.models import Sandbox

        if as_secondary_officer and role in world.users:
            Sandbox.objects.filter(owner=world.users[role]).update(role="secondary_officer")
        if target.endswith("missing"):
            return reverse(name, args=[999999])
        whose = target.removeprefix("border_officer_")
        # The anonymous visitor owns nothing: "their own" is a learner's (they are sent to log in).
        owner = (
            world.learners["same_country"] if whose == "own" and role not in world.users else world.owner(role, whose)
        )
        return reverse(name, args=[world.hits[owner.pk]])

    return url


def _alert_as_manager(name: str) -> UrlBuilder:
    """`name`'s URL for the alert in the sandbox of the case's owner, the role user acting as
    alert manager (their sandbox's function, undone with the test's savepoint)."""

    def url(world: World, role: str, target: str) -> str:
        from sandbox.models import Sandbox

        if role in world.users:
            Sandbox.objects.filter(owner=world.users[role]).update(role="alert_manager")
        return reverse(name, args=[world.alerts[world.owner(role, target).pk]])

    return url


def _alert(name: str) -> UrlBuilder:
    """`name`'s URL for the alert in the role user's own sandbox (the role user a border officer;
    the anonymous visitor, who has none, tries a sample uid)."""
    return lambda world, role, target: reverse(
        name, args=[world.alerts[world.users[role].pk] if role in world.users else 999999]
    )


def _alert_create_as_manager(world: World, role: str, target: str) -> str:
    from sandbox.models import Sandbox

    if role in world.users:
        Sandbox.objects.filter(owner=world.users[role]).update(role="alert_manager")
    return reverse("sandbox:alert_create")


def _hit_as_analyst(world: World, role: str, target: str) -> str:
    """The request form of a hit of the case owner's consultation, the role user acting as analyst."""
    from sandbox.models import Sandbox
    from tests.sandbox.request_rows import learner_hit

    if role in world.users:
        Sandbox.objects.filter(owner=world.users[role]).update(role="analyst")
    owner = world.owner(role, target)
    hit = learner_hit(Sandbox.objects.get(owner=owner), owner, None)
    return reverse("sandbox:request_create", args=[hit.query.uid, hit.result.uid])


def _incoming_as_focal_point(world: World, role: str, target: str) -> str:
    """The answer form of another member's request to the case owner's country, the role user
    acting as focal point; a sample uid for a "missing" target."""
    from sandbox.models import Sandbox

    if role in world.users:
        Sandbox.objects.filter(owner=world.users[role]).update(role="focal_point")
    if target.endswith("missing"):
        return reverse("sandbox:incoming_answer", args=[999999])
    owner = world.owner(role, target)
    return reverse("sandbox:incoming_answer", args=[payloads.incoming_request_in(Sandbox.objects.get(owner=owner)).uid])


def _audit_flag_as_focal_point(world: World, role: str, target: str) -> str:
    """The audit log's flag action, the role user acting as focal point (who reviews the log)."""
    from sandbox.models import Sandbox

    if role in world.users:
        Sandbox.objects.filter(owner=world.users[role]).update(role="focal_point")
    return reverse("sandbox:audit_flag")


def _consultation_create_as_analyst(world: World, role: str, target: str) -> str:
    """The query form, the role user acting as an analyst (a function that consults)."""
    from sandbox.models import Sandbox

    if role in world.users:
        Sandbox.objects.filter(owner=world.users[role]).update(role="analyst")
    return reverse("sandbox:consultation_create")


def _lesson_exercise(name: str, course: str) -> UrlBuilder:
    """`name`'s URL for the sandbox exercise of the "learning" (everyone enrolled) or "open" course."""
    pk_key = "quiz_lesson" if course == "learning" else "exercise_lesson_open"
    return lambda world, role, target: reverse(name, args=[world.pks[pk_key], world.exercise_ids[course]])


# Whose tracking page, naming whose objects: the role users' country, another, and a mix.
TRACKING_PAGES = {"same_country": ("GT", None), "other_country": ("CR", None), "mismatched": ("GT", "CR")}


TRACKED_OBJECT = {
    "person": "person_pk",
    "rule_edit": "rule_pk",
    "rule_delete": "rule_pk",
    "roster_check": "import_token",
    "roster_apply": "import_token",
    "report_download": "report_token",
}


def _tracking(name: str) -> UrlBuilder:
    def url(world: World, role: str, target: str) -> str:
        iso2, of = TRACKING_PAGES[target]
        named = [getattr(world.countries[of or iso2], TRACKED_OBJECT[name])] if name in TRACKED_OBJECT else []
        return reverse(f"tracking:{name}", args=[iso2, *named])

    return url


def managed(name: str, success: str, *, data: payloads.Payload | None = None, mismatched: bool = True) -> list:
    """A focal point's and an administrator's write to a country's rules or roster; 403 for the coordinator."""
    cases = [
        PostCase(trackers(NOT_FOUND), target="missing", data=data or {}),
        PostCase(
            tracking(
                focal_point=Expect(302, success.format(iso2="GT")),
                regional_coordinator=FORBIDDEN,
                administrator=Expect(302, success.format(iso2="GT")),
            ),
            _tracking(name),
            "same_country",
            data or {},
        ),
        PostCase(
            tracking(
                focal_point=NOT_FOUND,
                regional_coordinator=FORBIDDEN,
                administrator=Expect(302, success.format(iso2="CR")),
            ),
            _tracking(name),
            "other_country",
            data or {},
        ),
    ]
    if mismatched:
        expect = tracking(focal_point=NOT_FOUND, regional_coordinator=FORBIDDEN, administrator=NOT_FOUND)
        cases.append(PostCase(expect, _tracking(name), "mismatched", data or {}))
    return cases


def _inspection(name: str, *args: str | int) -> list[PostCase]:
    """A trainer's read-only screens of a learner's sandbox take no POST (a national trainer: their country's)."""
    return [
        refused(inspecting(NOT_FOUND)),
        *owners(
            _sandbox(name, *args),
            own=inspecting(METHOD_NOT_ALLOWED),
            same_country=inspecting(METHOD_NOT_ALLOWED),
            other_country=inspecting(METHOD_NOT_ALLOWED, national=NOT_FOUND),
        ),
    ]


NOT_YOURS = signed_in(NOT_FOUND)  # someone else's attempt or certificate: not found for everyone

SITE_POSTS: dict[str, PostCase | list[PostCase]] = {
    "health": PostCase(everyone(OK)),
    "media": PostCase(everyone(NOT_FOUND), "/media/original_images/missing.jpg", "missing"),
    "language_set": PostCase(everyone(Expect(302, "/en/")), data=payloads.language),
    "certificate_keys": PostCase(everyone(OK)),
    "certificate_revocations": PostCase(everyone(OK)),
    # One's own account, sign in and out, passwords.
    "people:account": PostCase(signed_in(Expect(302, "/en/account/")), data=payloads.account),
    "people:login": PostCase(everyone(Expect(302, "/")), data=payloads.login),
    "people:logout": PostCase(everyone(Expect(302, "/"))),
    "people:password_change": PostCase(signed_in(Expect(302, "/account/")), data=payloads.password_change),
    "people:password_reset": PostCase(
        everyone(Expect(302, "/account/password-reset/sent/")), data=payloads.password_reset
    ),
    "people:password_reset_done": PostCase(everyone(METHOD_NOT_ALLOWED)),
    "people:password_reset_confirm": [
        PostCase(everyone(OK), "/account/password-reset/MQ/set-password/", "missing"),
        PostCase(everyone(Expect(302, "{reset_form}")), lambda world, role, target: world.reset_link, "valid_link"),
    ],
    "people:password_reset_complete": PostCase(everyone(METHOD_NOT_ALLOWED)),
    # Courses: anyone signed in enrols in an open course, completes lessons and takes quizzes of a
    # course they follow (elsewhere they are sent back to the course); attempts are one's own.
    "courses:my_learning": PostCase(signed_in(METHOD_NOT_ALLOWED)),
    "courses:enrol": [
        refused(signed_in(NOT_FOUND)),
        PostCase(signed_in(Expect(302, "{open_lesson}")), by_pk("courses:enrol", "open_course"), "not_enrolled"),
    ],
    "courses:lesson_complete": [
        refused(signed_in(NOT_FOUND)),
        PostCase(signed_in(Expect(302, "{next_lesson}")), by_pk("courses:lesson_complete", "first_lesson"), "enrolled"),
        PostCase(
            signed_in(Expect(302, "{open_course}")), by_pk("courses:lesson_complete", "open_lesson"), "not_enrolled"
        ),
    ],
    "courses:attempt_start": [
        refused(signed_in(NOT_FOUND)),
        PostCase(
            signed_in(Expect(302, "/courses/attempts/*")),
            lambda world, role, target: reverse(
                "courses:attempt_start", args=[world.pks["quiz_lesson"], world.quiz_ids["learning"]]
            ),
            "enrolled",
        ),
        PostCase(
            signed_in(Expect(302, "{open_course}")),
            lambda world, role, target: reverse(
                "courses:attempt_start", args=[world.pks["open_lesson"], world.quiz_ids["open"]]
            ),
            "not_enrolled",
        ),
    ],
    "courses:attempt_detail": refused(signed_in(METHOD_NOT_ALLOWED)),
    "courses:attempt_submit": [
        refused(signed_in(NOT_FOUND)),
        *owners(
            owner_pk("attempts", "courses:attempt_submit"),
            own=signed_in(Expect(302, "/courses/attempts/*")),
            same_country=NOT_YOURS,
            other_country=NOT_YOURS,
            data=payloads.answers,
        ),
    ],
    # A lesson's sandbox exercise: for those who practise in the sandbox, enrolled in the course (the
    # others are sent to it). A check or a restart names the attempt in the form: another learner's
    # is refused with a message on the lesson (tests/courses/test_exercises_lesson.py: untouched).
    "courses:exercise_start": [
        refused(practising(NOT_FOUND)),
        PostCase(
            practising(Expect(302, "{exercise_lesson}")),
            _lesson_exercise("courses:exercise_start", "learning"),
            "enrolled",
        ),
        PostCase(
            practising(Expect(302, "{open_course}")), _lesson_exercise("courses:exercise_start", "open"), "not_enrolled"
        ),
    ],
    **{
        f"courses:exercise_{action}": [
            refused(practising(NOT_FOUND)),
            *owners(
                _lesson_exercise(f"courses:exercise_{action}", "learning"),
                own=practising(Expect(302, "{exercise_lesson}")),
                same_country=practising(Expect(302, "{exercise_lesson}")),
                other_country=practising(Expect(302, "{exercise_lesson}")),
                data=payloads.lesson_exercise,
            ),
        ]
        for action in ("check", "restart")
    },
    # Certificates: renewing is for the holder only (staff get a 404 too); the rest takes no POST.
    "certificates:mine": PostCase(signed_in(METHOD_NOT_ALLOWED)),
    "certificates:verify_form": PostCase(everyone(METHOD_NOT_ALLOWED)),
    "certificates:verify": refused(everyone(METHOD_NOT_ALLOWED)),
    "certificates:download": refused(signed_in(METHOD_NOT_ALLOWED)),
    "certificates:badge": refused(signed_in(METHOD_NOT_ALLOWED)),
    "certificates:renew": [
        refused(signed_in(NOT_FOUND)),
        *owners(
            _certificate_code("certificates:renew"),
            own=signed_in(Expect(302, "{certified_course}")),
            same_country=NOT_YOURS,
            other_country=NOT_YOURS,
        ),
    ],
    # The sandbox: one's own (reset, register a movement); trainers' inspection is read-only.
    "sandbox:home": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:reset": PostCase(practising(Expect(302, "/sandbox/"))),
    # Switching job function: to one's own (every role user's home function is the primary
    # line's), and to another no exercise grants, which only a trainer may take.
    "sandbox:role_switch": [
        PostCase(practising(Expect(302, "/sandbox/")), target="home_role", data={"role": "border_officer"}),
        PostCase(
            {**practising(FORBIDDEN), "trainer": Expect(302, "/sandbox/"), NATIONAL_TRAINER: Expect(302, "/sandbox/")},
            target="other_role",
            data={"role": "alert_manager"},
        ),
        PostCase(practising(FORM_ERRORS), target="unknown_role", data={"role": "pilot"}),
        # The country acted for: chosen only by someone bound to none (the IOM trainer and administrator).
        PostCase(
            {**practising(FORBIDDEN), "trainer": Expect(302, "/sandbox/"), "administrator": Expect(302, "/sandbox/")},
            target="country",
            data={"country": "GTM"},
        ),
        PostCase(
            {**practising(FORBIDDEN), "trainer": FORM_ERRORS, "administrator": FORM_ERRORS},
            target="unknown_country",
            data={"country": "XYZ"},
        ),
    ],
    "sandbox:person_search": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:person_detail": refused(practising(METHOD_NOT_ALLOWED)),
    # The movement form's first POST reads the document and shows the screening (200); the
    # decision is a second POST carrying the signed screening (tests/sandbox/test_screening_flow.py).
    "sandbox:movement_create": PostCase(practising(OK), data=payloads.movement),
    "sandbox:scan_triage": PostCase(practising(METHOD_NOT_ALLOWED)),
    # A scan is decided by the learner whose sandbox holds it: anyone else's is not found.
    "sandbox:scan_decide": [
        refused(practising(NOT_FOUND)),
        *owners(
            _scan("sandbox:scan_decide"),
            own=practising(Expect(302, "/sandbox/scans/")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
            data=payloads.scan_decision,
        ),
    ],
    "sandbox:statistics": PostCase(practising(METHOD_NOT_ALLOWED)),
    # The secondary line: a hit is adjudicated by a secondary-line officer in whose sandbox it is;
    # a border officer is refused whoever's hit it names, anyone else's is not found.
    "sandbox:secondary_queue": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:secondary_case": refused(practising(METHOD_NOT_ALLOWED)),
    "sandbox:hit_adjudicate": [
        PostCase(
            practising(FORBIDDEN), _hit("sandbox:hit_adjudicate", as_secondary_officer=False), "border_officer_missing"
        ),
        PostCase(practising(NOT_FOUND), _hit("sandbox:hit_adjudicate", as_secondary_officer=True), "missing"),
        *owners(
            _hit("sandbox:hit_adjudicate", as_secondary_officer=True),
            own=practising(Expect(302, "/sandbox/secondary/*")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
            data=payloads.hit_disposition,
        ),
        *[
            PostCase(
                practising(FORBIDDEN),
                _hit("sandbox:hit_adjudicate", as_secondary_officer=False),
                f"border_officer_{target}",
                payloads.hit_disposition,
            )
            for target in ("own", "same_country", "other_country")
        ],
    ],
    "sandbox:exercise_detail": refused(practising(METHOD_NOT_ALLOWED)),
    # An exercise's answer: the learner's own attempt only (another's is a 404 for everyone).
    "sandbox:exercise_answer": [
        refused(practising(NOT_FOUND)),
        *owners(
            owner_pk("exercises", "sandbox:exercise_answer"),
            own=practising(Expect(302, "/sandbox/exercises/*")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
        ),
    ],
    "sandbox:learner_exercise_detail": [
        refused(inspecting(NOT_FOUND)),
        *owners(
            _learner_exercise("sandbox:learner_exercise_detail"),
            own=inspecting(METHOD_NOT_ALLOWED),
            same_country=inspecting(METHOD_NOT_ALLOWED),
            other_country=inspecting(METHOD_NOT_ALLOWED, national=NOT_FOUND),
        ),
    ],
    "sandbox:statistics_daily": PostCase(practising(METHOD_NOT_ALLOWED)),
    # Alerts: a border officer (every role user's profile) changes none; an alert manager
    # creates one, and changes or sends for approval their own sandbox's alert only.
    "sandbox:alert_list": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:audit_list": PostCase(practising(METHOD_NOT_ALLOWED)),
    # Flags on the log's events: a border officer (every role user's profile) flags none; a focal
    # point is sent back to the log (an event their log does not hold: refused with a message).
    "sandbox:audit_flag": [
        PostCase(practising(FORBIDDEN), data={"events": ["999999"], "flag": "1"}),
        PostCase(
            practising(Expect(302, "/sandbox/audit/")),
            _audit_flag_as_focal_point,
            "own",
            {"events": ["999999"], "flag": "1", "note": "Sin número de caso"},
        ),
    ],
    "sandbox:alert_create": [
        PostCase(practising(FORBIDDEN), data=payloads.alert),
        PostCase(practising(Expect(302, "/sandbox/alerts/*")), _alert_create_as_manager, "own", payloads.alert),
    ],
    "sandbox:alert_detail": refused(practising(METHOD_NOT_ALLOWED)),
    "sandbox:alert_change": [
        refused(practising(FORBIDDEN)),
        PostCase(
            practising(FORBIDDEN),
            _alert("sandbox:alert_change"),
            "own_as_border_officer",
            payloads.alert_change,
        ),
        *owners(
            _alert_as_manager("sandbox:alert_change"),
            own=practising(Expect(302, "/sandbox/alerts/*")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
            data=payloads.alert_change,
        ),
    ],
    "sandbox:alert_request_approval": [
        refused(practising(FORBIDDEN)),
        *owners(
            _alert_as_manager("sandbox:alert_request_approval"),
            own=practising(Expect(302, "/sandbox/alerts/*")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
        ),
    ],
    # Information requests: an analyst asks after a hit of their own consultation, a focal point
    # answers another member's request to their own sandbox's country; anyone else's is not found.
    "sandbox:request_create": [
        refused(practising(FORBIDDEN)),
        *owners(
            _hit_as_analyst,
            own=practising(Expect(302, "/sandbox/requests/*")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
            data=payloads.information_request,
        ),
    ],
    "sandbox:request_detail": refused(practising(METHOD_NOT_ALLOWED)),
    "sandbox:incoming_list": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:incoming_answer": [
        refused(practising(FORBIDDEN)),
        PostCase(practising(NOT_FOUND), _incoming_as_focal_point, "focal_point_missing", payloads.incoming_answer),
        *owners(
            _incoming_as_focal_point,
            own=practising(Expect(302, "/sandbox/requests/incoming/")),
            same_country=practising(NOT_FOUND),
            other_country=practising(NOT_FOUND),
            data=payloads.incoming_answer,
        ),
    ],
    # Consultation: a border officer (every role user's profile) sends none; an analyst of a member
    # country sends one and sees its answers; IOM staff, bound to no country, are told why not.
    "sandbox:consultation_list": PostCase(practising(METHOD_NOT_ALLOWED)),
    "sandbox:consultation_create": [
        PostCase(practising(FORBIDDEN), data=payloads.consultation),
        PostCase(
            {**practising(Expect(302, "/sandbox/consultations/*")), "trainer": OK, "administrator": OK},
            _consultation_create_as_analyst,
            "own",
            payloads.consultation,
        ),
    ],
    "sandbox:consultation_detail": refused(practising(METHOD_NOT_ALLOWED)),
    "sandbox:learner_list": PostCase(inspecting(METHOD_NOT_ALLOWED)),
    "sandbox:learner_sandbox": _inspection("sandbox:learner_sandbox"),
    "sandbox:learner_person_search": _inspection("sandbox:learner_person_search"),
    "sandbox:learner_person_detail": _inspection("sandbox:learner_person_detail", 999999),
    "sandbox:learner_statistics": _inspection("sandbox:learner_statistics"),
    "sandbox:learner_statistics_daily": _inspection("sandbox:learner_statistics_daily"),
    "sandbox:learner_scan_triage": _inspection("sandbox:learner_scan_triage"),
    "sandbox:learner_secondary_queue": _inspection("sandbox:learner_secondary_queue"),
    "sandbox:learner_changes": _inspection("sandbox:learner_changes", "person"),
    "sandbox:learner_alert_list": _inspection("sandbox:learner_alert_list"),
    "sandbox:learner_alert_detail": _inspection("sandbox:learner_alert_detail", 999999),
    # Country tracking: rules and rosters are written by the country's focal point and by
    # administrators; reports are asked for by anyone who follows the country. Pages take no POST.
    "tracking:index": PostCase(trackers(METHOD_NOT_ALLOWED)),
    "tracking:region": PostCase(trackers(METHOD_NOT_ALLOWED)),
    **{
        f"tracking:{name}": PostCase(trackers(METHOD_NOT_ALLOWED), _tracking(name), "same_country")
        for name in ("dashboard", "people", "person", "roster_template", "roster_check", "report_download")
    },
    "tracking:rules": managed("rules", "/tracking/{iso2}/rules/", data=payloads.rule, mismatched=False),
    "tracking:rule_edit": managed("rule_edit", "/tracking/{iso2}/rules/", data=payloads.rule),
    "tracking:rule_delete": managed("rule_delete", "/tracking/{iso2}/rules/"),
    "tracking:roster": managed("roster", "/tracking/{iso2}/roster/*", data=payloads.roster_upload, mismatched=False),
    "tracking:roster_apply": managed("roster_apply", "/tracking/{iso2}/"),
    "tracking:reports": [
        PostCase(trackers(NOT_FOUND), target="missing", data=payloads.report),
        PostCase(trackers(Expect(302, "/tracking/GT/reports/")), _tracking("reports"), "same_country", payloads.report),
        PostCase(
            tracking(focal_point=NOT_FOUND, regional_coordinator=Expect(302, "/tracking/CR/reports/")),
            _tracking("reports"),
            "other_country",
            payloads.report,
        ),
    ],
    # The read API answers GETs with a bearer token only.
    "tracking_api:api-root": PostCase(everyone(NOT_FOUND)),
    "tracking_api:openapi-json": PostCase(everyone(OK)),
    "tracking_api:certification": PostCase(everyone(METHOD_NOT_ALLOWED)),
    "tracking_api:roster": refused(everyone(METHOD_NOT_ALLOWED)),
    # Wagtail's pages answer a POST as a GET: a lesson for course staff and its enrolled learners.
    "wagtail_serve": [
        PostCase(everyone(OK), "/", "home"),
        PostCase(everyone(NOT_FOUND), "/no-such-page/", "missing"),
        PostCase(everyone(OK), lambda world, role, target: world.places["open_course"], "course"),
        PostCase(signed_in(OK), lambda world, role, target: world.places["next_lesson"], "enrolled"),
        PostCase(
            {**signed_in(Expect(302, "{open_course}")), "trainer": OK, NATIONAL_TRAINER: OK, "administrator": OK},
            lambda world, role, target: world.places["open_lesson"],
            "not_enrolled",
        ),
    ],
    "wagtailcore_login": PostCase(everyone(Expect(302, "/")), data=payloads.login),
    "wagtailcore_authenticate_with_password": refused(everyone(NOT_FOUND)),
    "wagtaildocs_serve": PostCase(everyone(NOT_FOUND), "/documents/999999/missing.pdf", "missing"),
    "wagtaildocs_authenticate_with_password": refused(everyone(NOT_FOUND)),
}
