"""The course permissions each role holds (composed with the other apps' in `lms.shell.roles`)."""

from __future__ import annotations

from people.roles import CRUD, Role

# What trainers write besides pages: course snippets and cohorts; enrolling learners; and
# submitting pages for translation.
_COURSE_MATERIAL = (
    *(
        f"courses.{action}_{model}"
        for model in ("glossaryterm", "questionbank", "question", "cohort")
        for action in CRUD
    ),
    "courses.add_enrolment",
    "courses.view_enrolment",
    "wagtail_localize.submit_translation",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: _COURSE_MATERIAL,
    Role.ADMINISTRATOR: _COURSE_MATERIAL,
}
