"""The job function a learner works with inside the sandbox, and what each one may do.

Job: one table (DOMAIN.md 1.4) of the sandbox capabilities each function holds, and the
function a learner acts as: the one set on their sandbox (by the learner among those they
may take, or by an exercise set for another function), else the one of their staff profile.
Screens ask `role_may(sandbox, capability)` (or `user_may` before the learner's first write,
when they have no sandbox yet) before showing a control, and views refuse a request for a
capability the acting function lacks (`SandboxMixin.capability`).

Invariants:

- a learner may take their home function (their staff profile's) and the function of each
  exercise they have an open attempt at that is not passed: the exercise a trainer set grants
  the function its type practises; a user who may inspect sandboxes (a trainer) may take any
  function in their own sandbox;
- starting or restarting an exercise switches the sandbox to the exercise's function (a type
  whose role is no sandbox function, a supervisor's, switches nothing);
- `Sandbox.role` stays empty while the learner works with their home function, so that a
  change of their staff profile follows through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sandbox.models.choices import SandboxRole

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from people.models import User
    from sandbox.models import Sandbox

# Capabilities, by name.
REGISTER_MOVEMENT = "register_movement"  # primary line: read a document, screen, decide
TRIAGE_SCANS = "triage_scans"
SEARCH_PEOPLE = "search_people"
ADJUDICATE_HITS = "adjudicate_hits"  # secondary line: the queue, dispositions, actions
VIEW_ALERTS = "view_alerts"
MANAGE_ALERTS = "manage_alerts"  # create, approve (four eyes), review, extend, cancel, expire
VIEW_STATISTICS = "view_statistics"
CONSULT = "consult"  # hit/no-hit queries to other members, and requests for the data behind a hit
ANSWER_REQUESTS = "answer_requests"  # the focal point's queue of other members' requests
REVIEW_AUDIT = "review_audit"  # the country's audit log

# What each capability lets the learner do, as a refusal names it ("... is not part of the work of").
CAPABILITY_LABELS: dict[str, Promise] = {
    REGISTER_MOVEMENT: gettext_lazy("Registering entries and exits"),
    TRIAGE_SCANS: gettext_lazy("Triaging document scans"),
    SEARCH_PEOPLE: gettext_lazy("Searching people and opening their records"),
    ADJUDICATE_HITS: gettext_lazy("Adjudicating screening hits"),
    VIEW_ALERTS: gettext_lazy("Reading alerts"),
    MANAGE_ALERTS: gettext_lazy("Managing alerts"),
    VIEW_STATISTICS: gettext_lazy("Reading statistics"),
    CONSULT: gettext_lazy("Consulting other member countries"),
    ANSWER_REQUESTS: gettext_lazy("Answering other member countries' requests"),
    REVIEW_AUDIT: gettext_lazy("Reviewing the audit log"),
}

CAPABILITIES: dict[str, frozenset[str]] = {
    SandboxRole.BORDER_OFFICER: frozenset({REGISTER_MOVEMENT, TRIAGE_SCANS, SEARCH_PEOPLE, VIEW_STATISTICS}),
    SandboxRole.SECONDARY_OFFICER: frozenset(
        {REGISTER_MOVEMENT, SEARCH_PEOPLE, ADJUDICATE_HITS, VIEW_ALERTS, VIEW_STATISTICS, CONSULT}
    ),
    SandboxRole.ALERT_MANAGER: frozenset({SEARCH_PEOPLE, VIEW_ALERTS, MANAGE_ALERTS, VIEW_STATISTICS, CONSULT}),
    SandboxRole.ANALYST: frozenset({SEARCH_PEOPLE, VIEW_ALERTS, VIEW_STATISTICS, CONSULT}),
    SandboxRole.STATISTICS_OFFICER: frozenset({VIEW_STATISTICS}),
    SandboxRole.FOCAL_POINT: frozenset(
        {SEARCH_PEOPLE, VIEW_ALERTS, VIEW_STATISTICS, CONSULT, ANSWER_REQUESTS, REVIEW_AUDIT}
    ),
    # A post's supervisor works the line beside their officers and reviews the post's audit log.
    SandboxRole.SUPERVISOR: frozenset(
        {REGISTER_MOVEMENT, TRIAGE_SCANS, SEARCH_PEOPLE, VIEW_ALERTS, VIEW_STATISTICS, REVIEW_AUDIT}
    ),
}

# A staff profile's job function (`people.models.JobFunction`) and the sandbox function it
# starts in; trainers and others start on the primary line. The staff profile has no
# secondary-line or focal-point function: a learner reaches them through an exercise set for them.
FROM_JOB_FUNCTION: dict[str, str] = {
    "border_officer": SandboxRole.BORDER_OFFICER,
    "supervisor": SandboxRole.SUPERVISOR,
    "alert_manager": SandboxRole.ALERT_MANAGER,
    "analyst": SandboxRole.ANALYST,
    "statistics_officer": SandboxRole.STATISTICS_OFFICER,
}

INSPECT_PERMISSION = "sandbox.inspect_sandbox"


class RoleRefused(Exception):
    """A switch of function the learner may not make; the message says why, for the learner."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RoleOption:
    """A function the learner may take, and why: their own (`is_home`), or the exercises that grant it."""

    role: str
    is_home: bool = False
    exercises: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(SandboxRole(self.role).label)


def role_label(role: str) -> str:
    return str(SandboxRole(role).label)


def home_role(user) -> str:
    """The function a user's staff profile gives them in the sandbox."""
    profile = getattr(user, "staff_profile", None)
    return FROM_JOB_FUNCTION.get(getattr(profile, "job_function", ""), SandboxRole.BORDER_OFFICER)


def user_country(user) -> str | None:
    """The ICAO code of the member country the user works for (their staff profile's), None for
    someone bound to none (IOM staff): the country whose alert office they act for."""
    from sandbox.reference import ICAO_CODE_FOR_ISO3

    profile = getattr(user, "staff_profile", None)
    country = getattr(profile, "country", None) if profile is not None else None
    return ICAO_CODE_FOR_ISO3.get(country.iso3, country.iso3) if country is not None else None


def acting_country(*, user, sandbox: Sandbox | None) -> str | None:
    """The member country the user acts for in their own sandbox: the sandbox's (their staff
    profile's country, or the one someone bound to none chose), else their profile's before the
    sandbox exists; None for the region."""
    if sandbox is not None:
        return sandbox.country_id
    return user_country(user)


def sandbox_country_switch(*, sandbox: Sandbox, user: User, country: str) -> Sandbox:
    """Make someone bound to no country (IOM staff) act for one member country, or for the
    region again (`country` empty): whose records their sandbox lists (`Sandbox.country`). A
    learner bound to a country always acts for their own: a RoleRefused says so."""
    from sandbox.models import IcaoCountry

    if sandbox.owner_id != user.pk:
        raise RoleRefused(_("You can change the country only in your own sandbox."), code="not_own")
    if user_country(user) is not None:
        raise RoleRefused(
            _("You work for %(country)s: in the sandbox you always act for your own country.")
            % {"country": IcaoCountry.objects.get(pk=user_country(user)).name},
            code="bound",
        )
    if country and not IcaoCountry.objects.filter(pk=country, is_ocam_member=True).exists():
        raise RoleRefused(_("Choose one of the member countries listed."), code="unknown")
    sandbox.country_id = country or None
    type(sandbox).objects.filter(pk=sandbox.pk).update(country_id=sandbox.country_id)
    return sandbox


def exercise_role(name: str) -> str:
    """The sandbox function an exercise type's `role` names, or "" for a role that is none of
    them (the supervisor's peak planning, #16, read in the statistics every function holds):
    such an exercise is done as whatever function the learner works with, and grants none."""
    return name if name in SandboxRole.values else ""


def acting_role(sandbox: Sandbox) -> str:
    return sandbox.role or home_role(sandbox.owner)


def role_for(*, user: User, sandbox: Sandbox | None) -> str:
    """The function the user acts as in their own sandbox, which may not exist yet."""
    return sandbox.role if sandbox is not None and sandbox.role else home_role(user)


def role_may(sandbox: Sandbox | None, capability: str) -> bool:
    """Whether the learner's acting function holds a capability (no sandbox: read-only views
    of the baseline, which show every screen and change nothing; a learner's own screens
    before their first write ask `user_may`)."""
    if sandbox is None:
        return True
    return capability in CAPABILITIES[acting_role(sandbox)]


def user_may(*, user: User, sandbox: Sandbox | None, capability: str) -> bool:
    """Whether the user's acting function in their own sandbox (or their home function, before it exists) holds it."""
    return capability in CAPABILITIES[role_for(user=user, sandbox=sandbox)]


def capabilities_of(role: str) -> dict[str, bool]:
    """Each capability and whether the function holds it: what a template asks (`may.search_people`)."""
    held = CAPABILITIES[role]
    return {capability: capability in held for capability in CAPABILITY_LABELS}


def roles_holding(capability: str) -> list[str]:
    """The functions that hold a capability, in the order of `SandboxRole`."""
    return [role for role in SandboxRole.values if capability in CAPABILITIES[role]]


def roles_open_to(*, user: User, sandbox: Sandbox | None) -> list[RoleOption]:
    """The functions the user may take in their own sandbox, in the order of `SandboxRole`: their
    home function, the function of each exercise with an open attempt not passed, and, for a
    user who may inspect sandboxes, every function."""
    from sandbox.exercises.registry import UnknownExerciseType, exercise_type
    from sandbox.models import AttemptState

    home = home_role(user)
    granted: dict[str, list[str]] = {}
    if sandbox is not None:
        attempts = sandbox.exercise_attempts.filter(state=AttemptState.OPEN, passed_at__isnull=True).order_by(
            "started_at", "pk"
        )
        for slug, title in attempts.values_list("exercise_type", "title"):
            try:
                kind = exercise_type(slug)
            except UnknownExerciseType:
                continue
            if role := exercise_role(kind.role):
                granted.setdefault(role, []).append(title or str(kind.title))
    is_trainer = user.has_perm(INSPECT_PERMISSION)
    return [
        RoleOption(role=role, is_home=role == home, exercises=tuple(granted.get(role, ())))
        for role in SandboxRole.values
        if role == home or role in granted or is_trainer
    ]


def _role_store(*, sandbox: Sandbox, user: User, role: str) -> None:
    sandbox.role = "" if role == home_role(user) else role
    type(sandbox).objects.filter(pk=sandbox.pk).update(role=sandbox.role)


def sandbox_role_switch(*, sandbox: Sandbox, user: User, role: str) -> Sandbox:
    """Make the learner act as `role` in their own sandbox, if it is one they may take
    (`roles_open_to`); a RoleRefused that says why otherwise."""
    if role not in SandboxRole.values:
        raise RoleRefused(_("Choose one of the job functions listed."), code="unknown")
    if sandbox.owner_id != user.pk:
        raise RoleRefused(_("You can change the job function only in your own sandbox."), code="not_own")
    if role not in {option.role for option in roles_open_to(user=user, sandbox=sandbox)}:
        raise RoleRefused(
            _(
                "You cannot work as %(role)s: you may take your own job function, %(home)s, and the job "
                "function of an exercise your trainer set that you have started and not passed yet."
            )
            % {"role": role_label(role), "home": role_label(home_role(user))},
            code="not_open",
        )
    _role_store(sandbox=sandbox, user=user, role=role)
    return sandbox


def sandbox_role_for_exercise(*, sandbox: Sandbox, user: User, type_role: str) -> str:
    """Switch the learner's sandbox to the function an exercise type practises (on its start or
    restart: the exercise grants it), if it names one; returns the function the learner acts as."""
    role = exercise_role(type_role)
    if role and role_for(user=user, sandbox=sandbox) != role:
        _role_store(sandbox=sandbox, user=user, role=role)
    return role or role_for(user=user, sandbox=sandbox)
