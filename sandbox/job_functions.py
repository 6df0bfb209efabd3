"""The job function a learner works with inside the sandbox, and what each one may do.

Job: one table (DOMAIN.md 1.4) of the sandbox capabilities each function holds, and the
function a learner acts as: the one set on their sandbox (by the learner among those they
may take, or by an exercise set for another function), else the one of their staff profile.
Screens ask `role_may(sandbox, capability)` before showing a control, and views refuse a
request for a capability the acting function lacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.models.choices import SandboxRole

if TYPE_CHECKING:
    from sandbox.models import Sandbox

# Capabilities, by name.
REGISTER_MOVEMENT = "register_movement"  # primary line: read a document, screen, decide
TRIAGE_SCANS = "triage_scans"
SEARCH_PEOPLE = "search_people"
ADJUDICATE_HITS = "adjudicate_hits"  # secondary line: the queue, dispositions, actions
VIEW_ALERTS = "view_alerts"
MANAGE_ALERTS = "manage_alerts"  # create, approve (four eyes), review, extend, cancel, expire
VIEW_STATISTICS = "view_statistics"

CAPABILITIES: dict[str, frozenset[str]] = {
    SandboxRole.BORDER_OFFICER: frozenset({REGISTER_MOVEMENT, TRIAGE_SCANS, SEARCH_PEOPLE, VIEW_STATISTICS}),
    SandboxRole.SECONDARY_OFFICER: frozenset(
        {REGISTER_MOVEMENT, SEARCH_PEOPLE, ADJUDICATE_HITS, VIEW_ALERTS, VIEW_STATISTICS}
    ),
    SandboxRole.ALERT_MANAGER: frozenset({SEARCH_PEOPLE, VIEW_ALERTS, MANAGE_ALERTS, VIEW_STATISTICS}),
    SandboxRole.ANALYST: frozenset({SEARCH_PEOPLE, VIEW_ALERTS, VIEW_STATISTICS}),
    SandboxRole.STATISTICS_OFFICER: frozenset({VIEW_STATISTICS}),
}

# A staff profile's job function (`people.models.JobFunction`) and the sandbox function it
# starts in; supervisors, trainers and others start on the primary line.
FROM_JOB_FUNCTION: dict[str, str] = {
    "border_officer": SandboxRole.BORDER_OFFICER,
    "alert_manager": SandboxRole.ALERT_MANAGER,
    "analyst": SandboxRole.ANALYST,
    "statistics_officer": SandboxRole.STATISTICS_OFFICER,
}


def home_role(user) -> str:
    """The function a user's staff profile gives them in the sandbox."""
    profile = getattr(user, "staff_profile", None)
    return FROM_JOB_FUNCTION.get(getattr(profile, "job_function", ""), SandboxRole.BORDER_OFFICER)


def acting_role(sandbox: Sandbox) -> str:
    return sandbox.role or home_role(sandbox.owner)


def role_may(sandbox: Sandbox | None, capability: str) -> bool:
    """Whether the learner's acting function holds a capability (no sandbox: read-only views
    of the baseline, which show every screen and change nothing)."""
    if sandbox is None:
        return True
    return capability in CAPABILITIES[acting_role(sandbox)]


def viewer_may(*, sandbox: Sandbox | None, user, capability: str, inspecting: bool = False) -> bool:
    """Whether a screen's viewer may use a capability: a trainer inspecting a learner's sandbox
    reads what it holds (`VIEW_ALERTS`) and changes nothing; a learner without a sandbox yet acts
    in their staff profile's function; otherwise the sandbox's acting function decides."""
    if inspecting:
        return capability == VIEW_ALERTS
    if sandbox is None or (not sandbox.role and user is not None and sandbox.owner_id == user.pk):
        # The viewer's own profile, already at hand: no read of the sandbox's owner.
        return capability in CAPABILITIES[home_role(user)]
    return role_may(sandbox, capability)
