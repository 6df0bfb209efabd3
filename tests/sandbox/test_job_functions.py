"""The job function a learner works with in the sandbox (`sandbox.job_functions`): the staff
profile's function and what it maps to, the capabilities of each function, the functions a
learner may take (their own, an open exercise's, any for a trainer), the switch and its
refusals, and the switch an exercise's start and restart make."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.timezone import now

from people.models import JobFunction
from people.roles import Role
from sandbox import job_functions
from sandbox.exercises import exercise_type
from sandbox.exercises.engine import ExerciseSpec, exercise_restart, exercise_start
from sandbox.job_functions import (
    ADJUDICATE_HITS,
    MANAGE_ALERTS,
    REGISTER_MOVEMENT,
    SEARCH_PEOPLE,
    TRIAGE_SCANS,
    VIEW_ALERTS,
    VIEW_STATISTICS,
    RoleRefused,
    acting_role,
    home_role,
    role_may,
    roles_open_to,
    sandbox_role_switch,
)
from sandbox.models import ExerciseAttempt, Sandbox, SandboxRole
from sandbox.services import sandbox_get_or_create
from tests.people.factories import UserFactory, person

pytestmark = pytest.mark.django_db


def staff(job_function: str, *, role: Role = Role.LEARNER):
    user = person(role=role)
    user.staff_profile.job_function = job_function
    user.staff_profile.save()
    return user


@pytest.fixture
def alert_exercise(monkeypatch):
    """The entry exercise (#1), set for the alert manager's function: no type of that function is
    registered yet on this branch, and the engine reads the type's `role` alone."""
    monkeypatch.setattr(exercise_type("entry_registration"), "role", SandboxRole.ALERT_MANAGER)
    return ExerciseSpec(key="roles:alerts", type_slug="entry_registration", parameters={}, title="Alerta robada")


# ---------------------------------------------------------------- the home function


@pytest.mark.parametrize(
    ("job_function", "expected"),
    [
        (JobFunction.BORDER_OFFICER, SandboxRole.BORDER_OFFICER),
        (JobFunction.ALERT_MANAGER, SandboxRole.ALERT_MANAGER),
        (JobFunction.ANALYST, SandboxRole.ANALYST),
        (JobFunction.STATISTICS_OFFICER, SandboxRole.STATISTICS_OFFICER),
        (JobFunction.SUPERVISOR, SandboxRole.SUPERVISOR),
        (JobFunction.TRAINER, SandboxRole.BORDER_OFFICER),
        (JobFunction.OTHER, SandboxRole.BORDER_OFFICER),
    ],
)
def test_the_staff_profiles_job_function_gives_the_home_function(job_function, expected):
    assert home_role(staff(job_function)) == expected


def test_a_user_without_a_staff_profile_starts_on_the_primary_line():
    assert home_role(UserFactory()) == SandboxRole.BORDER_OFFICER


def test_every_job_function_of_the_profile_maps_to_a_sandbox_function():
    assert set(job_functions.FROM_JOB_FUNCTION.values()) <= set(SandboxRole.values)
    assert set(job_functions.FROM_JOB_FUNCTION) <= set(JobFunction.values)


def test_the_acting_function_is_the_sandboxs_else_the_profiles():
    user = staff(JobFunction.ANALYST)
    sandbox = sandbox_get_or_create(user=user)
    assert acting_role(sandbox) == SandboxRole.ANALYST
    sandbox.role = SandboxRole.SECONDARY_OFFICER
    assert acting_role(sandbox) == SandboxRole.SECONDARY_OFFICER


# ---------------------------------------------------------------- capabilities (DOMAIN.md 1.4)


@pytest.mark.parametrize(
    ("role", "holds", "lacks"),
    [
        (SandboxRole.BORDER_OFFICER, {REGISTER_MOVEMENT, TRIAGE_SCANS, SEARCH_PEOPLE}, {ADJUDICATE_HITS, VIEW_ALERTS}),
        (SandboxRole.SECONDARY_OFFICER, {ADJUDICATE_HITS, VIEW_ALERTS, REGISTER_MOVEMENT}, {MANAGE_ALERTS}),
        (SandboxRole.ALERT_MANAGER, {MANAGE_ALERTS, VIEW_ALERTS, SEARCH_PEOPLE}, {REGISTER_MOVEMENT, ADJUDICATE_HITS}),
        (SandboxRole.ANALYST, {SEARCH_PEOPLE, VIEW_STATISTICS}, {REGISTER_MOVEMENT, MANAGE_ALERTS, TRIAGE_SCANS}),
        (SandboxRole.STATISTICS_OFFICER, {VIEW_STATISTICS}, {SEARCH_PEOPLE, REGISTER_MOVEMENT, VIEW_ALERTS}),
    ],
)
def test_each_function_holds_what_its_work_needs_and_nothing_of_another_line(role, holds, lacks):
    sandbox = sandbox_get_or_create(user=UserFactory())
    sandbox.role = role
    assert all(role_may(sandbox, capability) for capability in holds)
    assert not any(role_may(sandbox, capability) for capability in lacks)


def test_a_learner_without_a_sandbox_yet_has_their_home_functions_capabilities():
    user = staff(JobFunction.STATISTICS_OFFICER)
    assert not job_functions.user_may(user=user, sandbox=None, capability=SEARCH_PEOPLE)
    assert job_functions.user_may(user=user, sandbox=None, capability=VIEW_STATISTICS)


@pytest.mark.parametrize(
    ("type_role", "expected"),
    [
        ("alert_manager", SandboxRole.ALERT_MANAGER),
        ("secondary_officer", SandboxRole.SECONDARY_OFFICER),
        ("supervisor", ""),  # the peak planning exercise (#16): done as any function
        ("bcp_supervisor", ""),
    ],
)
def test_an_exercise_types_role_names_a_sandbox_function(type_role, expected):
    assert job_functions.exercise_role(type_role) == expected


def test_an_exercise_of_no_sandbox_function_switches_nothing_and_grants_nothing(monkeypatch):
    """Peak planning (#16, a supervisor's) reads the daily statistics every function holds: a
    statistics officer does it as one."""
    user = staff(JobFunction.STATISTICS_OFFICER)
    monkeypatch.setattr(exercise_type("entry_registration"), "role", "supervisor")
    spec = ExerciseSpec(key="roles:supervisor", type_slug="entry_registration", parameters={})
    attempt = exercise_start(user=user, spec=spec)
    assert Sandbox.objects.get(pk=attempt.sandbox_id).role == ""
    assert [option.role for option in roles_open_to(user=user, sandbox=attempt.sandbox)] == [
        SandboxRole.STATISTICS_OFFICER
    ]
    assert exercise_type("peak_planning").role == "supervisor"


# ---------------------------------------------------------------- the functions a learner may take


def test_a_learner_may_take_their_home_function_only():
    user = staff(JobFunction.ANALYST)
    options = roles_open_to(user=user, sandbox=sandbox_get_or_create(user=user))
    assert [option.role for option in options] == [SandboxRole.ANALYST]
    assert options[0].is_home


def test_an_open_exercise_grants_its_function(alert_exercise):
    user = staff(JobFunction.BORDER_OFFICER)
    attempt = exercise_start(user=user, spec=alert_exercise)
    options = roles_open_to(user=user, sandbox=attempt.sandbox)
    assert [option.role for option in options] == [SandboxRole.BORDER_OFFICER, SandboxRole.ALERT_MANAGER]
    assert options[1].exercises == ("Alerta robada",)


def test_a_passed_or_restarted_attempt_grants_nothing(alert_exercise):
    user = staff(JobFunction.BORDER_OFFICER)
    attempt = exercise_start(user=user, spec=alert_exercise)
    ExerciseAttempt.objects.filter(pk=attempt.pk).update(passed_at=now())
    assert [option.role for option in roles_open_to(user=user, sandbox=attempt.sandbox)] == [SandboxRole.BORDER_OFFICER]
    ExerciseAttempt.objects.filter(pk=attempt.pk).update(passed_at=None, state="RESTARTED", ended_at=now())
    assert [option.role for option in roles_open_to(user=user, sandbox=attempt.sandbox)] == [SandboxRole.BORDER_OFFICER]


def test_a_trainer_may_take_any_function_in_their_own_sandbox():
    trainer = staff(JobFunction.TRAINER, role=Role.TRAINER)
    options = roles_open_to(user=trainer, sandbox=None)
    assert [option.role for option in options] == SandboxRole.values


# ---------------------------------------------------------------- switching


def test_switching_to_an_open_exercises_function_and_back_home(alert_exercise):
    user = staff(JobFunction.BORDER_OFFICER)
    sandbox = exercise_start(user=user, spec=alert_exercise).sandbox
    sandbox_role_switch(sandbox=sandbox, user=user, role=SandboxRole.BORDER_OFFICER)
    assert Sandbox.objects.get(pk=sandbox.pk).role == ""  # home: the profile's, whatever it becomes
    sandbox_role_switch(sandbox=sandbox, user=user, role=SandboxRole.ALERT_MANAGER)
    assert Sandbox.objects.get(pk=sandbox.pk).role == SandboxRole.ALERT_MANAGER


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "You cannot work as Analyst: you may take your own job function, Primary-line border officer,"),
        ("es", "No puede trabajar como Analista: puede asumir su propia función, Oficial de control migratorio"),
    ],
)
def test_a_function_no_exercise_grants_is_refused_with_a_message(language, text):
    user = staff(JobFunction.BORDER_OFFICER)
    sandbox = sandbox_get_or_create(user=user)
    with translation.override(language), pytest.raises(RoleRefused) as refusal:
        sandbox_role_switch(sandbox=sandbox, user=user, role=SandboxRole.ANALYST)
    assert refusal.value.code == "not_open"
    assert text in refusal.value.message
    assert Sandbox.objects.get(pk=sandbox.pk).role == ""


def test_an_unknown_function_and_another_learners_sandbox_are_refused():
    user = staff(JobFunction.BORDER_OFFICER)
    sandbox = sandbox_get_or_create(user=user)
    with pytest.raises(RoleRefused) as unknown:
        sandbox_role_switch(sandbox=sandbox, user=user, role="pilot")
    assert unknown.value.code == "unknown"
    trainer = staff(JobFunction.TRAINER, role=Role.TRAINER)
    with pytest.raises(RoleRefused) as other:
        sandbox_role_switch(sandbox=sandbox, user=trainer, role=SandboxRole.ANALYST)
    assert other.value.code == "not_own"


# ---------------------------------------------------------------- exercises switch


def test_starting_an_exercise_of_another_function_switches_the_sandbox_to_it(alert_exercise):
    user = staff(JobFunction.STATISTICS_OFFICER)
    attempt = exercise_start(user=user, spec=alert_exercise)
    assert Sandbox.objects.get(pk=attempt.sandbox_id).role == SandboxRole.ALERT_MANAGER


def test_starting_an_exercise_of_the_home_function_brings_the_learner_home(alert_exercise):
    user = staff(JobFunction.ALERT_MANAGER)
    sandbox = sandbox_get_or_create(user=user)
    Sandbox.objects.filter(pk=sandbox.pk).update(role=SandboxRole.ANALYST)
    exercise_start(user=user, spec=alert_exercise)
    assert Sandbox.objects.get(pk=sandbox.pk).role == ""


def test_starting_again_and_restarting_switch_back_to_the_exercises_function(alert_exercise):
    user = staff(JobFunction.BORDER_OFFICER)
    attempt = exercise_start(user=user, spec=alert_exercise)
    sandbox_role_switch(sandbox=attempt.sandbox, user=user, role=SandboxRole.BORDER_OFFICER)
    exercise_start(user=user, spec=alert_exercise)  # the open attempt, and its function
    assert Sandbox.objects.get(pk=attempt.sandbox_id).role == SandboxRole.ALERT_MANAGER
    sandbox_role_switch(sandbox=attempt.sandbox, user=user, role=SandboxRole.BORDER_OFFICER)
    exercise_restart(user=user, token=attempt.token)
    assert Sandbox.objects.get(pk=attempt.sandbox_id).role == SandboxRole.ALERT_MANAGER
