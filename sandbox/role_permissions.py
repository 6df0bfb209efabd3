"""The sandbox permissions each role holds (composed with the other apps' in `lms.shell.roles`)."""

from __future__ import annotations

from people.roles import Role

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.LEARNER: ("sandbox.practise",),
    Role.TRAINER: ("sandbox.practise", "sandbox.inspect_sandbox"),
    # Administrators try the sandbox to support learners; inspecting learners' work is for trainers.
    Role.ADMINISTRATOR: ("sandbox.practise",),
}
