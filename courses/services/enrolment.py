"""Enrolling learners: by themselves in open courses, by a trainer singly or in bulk, with a cohort."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from courses.models import Cohort, CoursePage, Enrolment, EnrolmentPolicy, EnrolmentSource
from courses.selectors.enrolments import enrolment_current, prerequisites_missing
from people.models import User
from people.selectors import user_list


def _check_prerequisites(*, learner: User, course: CoursePage) -> None:
    missing = prerequisites_missing(learner=learner, course=course)
    if missing:
        titles = ", ".join(
            pgettext("quotation marks around a title", "«%(title)s»") % {"title": course.title} for course in missing
        )
        raise ValidationError(
            ngettext(
                "Complete the prerequisite course %(titles)s first.",
                "Complete the prerequisite courses %(titles)s first.",
                len(missing),
            )
            % {"titles": titles},
            code="prerequisites",
        )


@transaction.atomic
def enrolment_create(
    *,
    learner: User,
    course: CoursePage,
    source: str = EnrolmentSource.SELF,
    enrolled_by: User | None = None,
    cohort: Cohort | None = None,
    due_on: date | None = None,
) -> Enrolment:
    """Enrol a learner, or return their current enrolment; refuses closed courses and missing prerequisites."""
    existing = enrolment_current(learner=learner, course_key=course.translation_key)
    if existing is not None:
        if source != EnrolmentSource.SELF and (cohort or due_on):
            existing.cohort = cohort or existing.cohort
            existing.due_on = due_on or existing.due_on
            existing.save(update_fields=["cohort", "due_on"])
        return existing
    if course.enrolment_policy == EnrolmentPolicy.CLOSED:
        raise ValidationError(_("This course is closed for enrolment."), code="closed")
    if source == EnrolmentSource.SELF and course.enrolment_policy != EnrolmentPolicy.OPEN:
        raise ValidationError(
            _("Learners are enrolled in this course by their trainer; ask your training coordinator."),
            code="assigned",
        )
    _check_prerequisites(learner=learner, course=course)
    enrolment = Enrolment(
        learner=learner,
        course_key=course.translation_key,
        source=source,
        enrolled_by=enrolled_by,
        cohort=cohort,
        due_on=due_on or (cohort.due_on if cohort else None),
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a concurrent request enrolled them first
        return enrolment_current(learner=learner, course_key=course.translation_key)
    return enrolment


@transaction.atomic
def enrolment_renew(*, learner: User, course: CoursePage) -> Enrolment:
    """Start a new cycle of a course for a learner renewing a certificate (their open cycle, if any).

    Renewal is open whatever the course's enrolment policy (the certificate is the learner's
    assignment), except for a closed course.
    """
    latest = enrolment_current(learner=learner, course_key=course.translation_key)
    if latest is not None and latest.completed_at is None:
        return latest
    if course.enrolment_policy == EnrolmentPolicy.CLOSED:
        raise ValidationError(_("This course is closed for enrolment."), code="closed")
    enrolment = Enrolment(
        learner=learner,
        course_key=course.translation_key,
        cycle=(latest.cycle + 1) if latest else 1,
        source=EnrolmentSource.RENEWAL,
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a concurrent request started the cycle first
        return enrolment_current(learner=learner, course_key=course.translation_key)
    return enrolment


@dataclass(frozen=True)
class BulkEnrolmentResult:
    created: int
    already_enrolled: int


EMAIL_SEPARATORS = re.compile(r"[\s,;]+")


def emails_parse(text: str) -> list[str]:
    """The e-mail addresses in a pasted list (one per line, or separated by commas or semicolons)."""
    seen: dict[str, str] = {}
    for raw in EMAIL_SEPARATORS.split(text or ""):
        email = raw.strip().strip("<>").strip()
        if email:
            seen.setdefault(email.casefold(), email)
    return list(seen.values())


def enrolment_bulk_create(
    *,
    trainer: User,
    course: CoursePage,
    emails: str,
    cohort: Cohort | None = None,
    due_on: date | None = None,
) -> BulkEnrolmentResult:
    """Enrol everyone in a pasted list of e-mails, or no one: every address is checked first."""
    addresses = emails_parse(emails)
    if not addresses:
        raise ValidationError(_("Paste at least one e-mail address."), code="empty")
    errors: list[str] = []
    malformed = set()
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            malformed.add(address)
            errors.append(_("«{}» is not an e-mail address.").format(address))
    wanted = Q(pk__in=[])
    for address in addresses:
        wanted |= Q(email__iexact=address)
    visible = {user.email.casefold(): user for user in user_list(viewer=trainer).filter(wanted, is_active=True)}
    for address in addresses:
        if address.casefold() not in visible and address not in malformed:
            errors.append(_("No learner you can enrol has the address «{}».").format(address))
    learners = [visible[a.casefold()] for a in addresses if a.casefold() in visible]
    with transaction.atomic():
        if not errors:
            for learner in learners:
                try:
                    _check_prerequisites(learner=learner, course=course)
                except ValidationError as error:
                    errors.append(f"{learner.email}: {error.messages[0]}")
        if course.enrolment_policy == EnrolmentPolicy.CLOSED:
            errors.append(_("This course is closed for enrolment."))
        if errors:
            raise ValidationError([ValidationError(error) for error in errors])
        enrolled = set(
            Enrolment.objects.filter(learner__in=learners, course_key=course.translation_key).values_list(
                "learner_id", flat=True
            )
        )
        for learner in learners:
            enrolment_create(
                learner=learner,
                course=course,
                source=EnrolmentSource.COHORT if cohort else EnrolmentSource.TRAINER,
                enrolled_by=trainer,
                cohort=cohort,
                due_on=due_on,
            )
    already = sum(1 for learner in learners if learner.pk in enrolled)
    created = len(learners) - already
    return BulkEnrolmentResult(created=created, already_enrolled=already)


@transaction.atomic
def enrolments_assign(*, course: CoursePage, due_on_by_learner: dict[int, date], new_cycle: bool = False) -> int:
    """Assign a course to learners with a due date, in bulk (mandatory training; four queries).

    A learner without an enrolment starts one; with `new_cycle` (their certificate has expired)
    a learner whose latest cycle is complete starts the next. An open cycle keeps its due date,
    or gets this one when it has none. A closed course is assigned to no one. Prerequisites are
    not checked: the job requires the course. Returns the number of enrolments created.
    """
    if not due_on_by_learner or course.enrolment_policy == EnrolmentPolicy.CLOSED:
        return 0
    latest: dict[int, Enrolment] = {}
    for enrolment in Enrolment.objects.filter(
        learner_id__in=list(due_on_by_learner), course_key=course.translation_key
    ).only("pk", "learner_id", "cycle", "completed_at", "due_on"):
        if enrolment.learner_id not in latest or enrolment.cycle > latest[enrolment.learner_id].cycle:
            latest[enrolment.learner_id] = enrolment
    created, undated = [], []
    for learner_id, due_on in due_on_by_learner.items():
        current = latest.get(learner_id)
        if current is None or (new_cycle and current.completed_at is not None):
            created.append(
                Enrolment(
                    learner_id=learner_id,
                    course_key=course.translation_key,
                    cycle=current.cycle + 1 if current else 1,
                    source=EnrolmentSource.MANDATORY,
                    due_on=due_on,
                )
            )
        elif current.completed_at is None and current.due_on is None:
            current.due_on = due_on
            undated.append(current)
    Enrolment.objects.bulk_create(created, batch_size=500, ignore_conflicts=True)
    Enrolment.objects.bulk_update(undated, ["due_on"], batch_size=500)
    return len(created)
