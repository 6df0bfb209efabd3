"""What a browser posts to the matrix's state-changing URLs: valid input, so that a role that is
allowed reaches the success page, and a refusal can only come from the role.

Admin forms (Wagtail's screens of our models) are posted as they are shown: `admin_form_payload`
reads the view's own form class, fills it from an object, and posts each field's value with the
management forms of its inline formsets, as the page would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import resolve
from wagtail import blocks
from wagtail.blocks.base import BlockField

from people.models import User
from tests.people.factories import TEST_PASSWORD
from tests.sandbox.screens import PASSPORT_MRZ
from tests.tracking.roster_files import csv_bytes, roster_row

if TYPE_CHECKING:
    from tests.authorization.objects import World

Payload = Callable[["World", str, str], dict[str, Any]]  # (world, role, target) -> POST data


def _posted(widget: forms.Widget, name: str, value: Any) -> dict[str, Any]:
    """What the browser sends for one widget showing `value`."""
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    shown = widget.format_value(value)
    if isinstance(shown, list | tuple):
        return {name: [str(item) for item in shown]}
    return {name: "" if shown is None else str(shown)}


def block_payload(block: blocks.Block, value: Any, prefix: str) -> dict[str, Any]:
    """A StreamField's value as its editor posts it: counts, types, order and ids, then each child's fields."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        children = [(child.block, child.value, child.id) for child in getattr(value, "bound_blocks", value)]
        data: dict[str, Any] = {f"{prefix}-count": str(len(children))}
        for index, (child_block, child_value, child_id) in enumerate(children):
            item = f"{prefix}-{index}"
            data |= {f"{item}-deleted": "", f"{item}-order": str(index), f"{item}-id": child_id or ""}
            if isinstance(block, blocks.StreamBlock):
                data[f"{item}-type"] = child_block.name
            data |= block_payload(child_block, child_value, f"{item}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= block_payload(child, value.get(name), f"{prefix}-{name}")
        return data
    return _posted(block.field.widget, prefix, block.value_for_form(value))


def form_payload(form: forms.BaseForm) -> dict[str, Any]:
    """Each field's value as the form shows it, and the management forms of its inline formsets."""
    data: dict[str, Any] = {}
    for bound in form:
        if isinstance(bound.field, BlockField):
            data |= block_payload(bound.field.block, form.initial.get(bound.name), bound.html_name)
        else:
            data |= _posted(bound.field.widget, bound.html_name, bound.value())
    for formset in getattr(form, "formsets", {}).values():
        data |= form_payload(formset.management_form)
        for child in formset.forms:
            data |= form_payload(child)
    return data


def admin_form_payload(edit_url: str, instance: Model, viewer: User, **changes: Any) -> dict[str, Any]:
    """The edit form of `edit_url` (a Wagtail admin view) filled from `instance`, with `changes`."""
    form_class = resolve(edit_url).func.view_initkwargs["form_class"]
    return form_payload(form_class(instance=instance)) | changes


def account(world: World, role: str, target: str) -> dict[str, Any]:
    return {"preferred_language": "en"}


def login(world: World, role: str, target: str) -> dict[str, Any]:
    return {"username": world.learners["same_country"].email, "password": TEST_PASSWORD}


def password_change(world: World, role: str, target: str) -> dict[str, Any]:
    new = "another-correct-horse-battery"
    return {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new}


def password_reset(world: World, role: str, target: str) -> dict[str, Any]:
    return {"email": world.learners["same_country"].email}


def language(world: World, role: str, target: str) -> dict[str, Any]:
    return {"language": "en", "next": "/"}


def movement(world: World, role: str, target: str) -> dict[str, Any]:
    """An entry at Peñas Blancas on a Nicaraguan passport (sandbox tests' traveller)."""
    return {
        "mrz": PASSPORT_MRZ,
        "direction": "ENTRY",
        "crossing_point": "CR-PBL",
        "local_date": "2025-03-14",
        "local_time": "08:30",
        "purpose": "TOURISM",
        "authorised_stay_days": "30",
        "decision": "ADMITTED",
    }


def scan_decision(world: World, role: str, target: str) -> dict[str, Any]:
    """A scanned zone accepted as read."""
    return {"status": "ACCEPTED", "corrected_mrz": "", "rejection_reason": ""}


def hit_disposition(world: World, role: str, target: str) -> dict[str, Any]:
    """A referred traveller's hit confirmed, with the reason."""
    return {"disposition": "CONFIRMED", "reason": "Same person: name, birth date and photo."}


def alert(world: World, role: str, target: str) -> dict[str, Any]:
    """A person alert of the role user's country (IOM staff, bound to none, choose Guatemala)."""
    return {
        "category": "EXIT_BAN",
        "surnames": "Pérez Gómez",
        "given_names": "María José",
        "birth_date": "15/06/1990",
        "issuing_country": "GTM",
        "sharing_scope": "OCAM_ALL",
        "legal_reference": "Exp. 123-2026",
    }


def consultation(world: World, role: str, target: str) -> dict[str, Any]:
    """A hit/no-hit query by document to every other member country, with its purpose and case."""
    return {
        "kind": "DOCUMENT",
        "document_number": "F98765432",
        "issuing_state": "HND",
        "all_countries": "on",
        "purpose": "BORDER_CHECK",
        "case_reference": "EXP-MATRIZ-1",
    }


def alert_change(world: World, role: str, target: str) -> dict[str, Any]:
    """The owner's draft withdrawn (cancelled), as the draft's page posts it."""
    return {"kind": "CANCEL", "expected_status": "DRAFT", "justification": "Retirada por el autor."}


def incoming_request_in(sandbox) -> Any:
    """Another member's request to the sandbox's country, about a person the learner's layer holds."""
    from sandbox.requests import incoming_request_make
    from tests.sandbox.factories import layer_person

    person = layer_person(sandbox)
    return incoming_request_make(
        sandbox=sandbox,
        person_uid=person.uid,
        requesting_country="CRI" if person.held_by_id != "CRI" else "HND",
        purpose_code="BORDER_CHECK",
        fields=["full_name", "photograph"],
        justification="Control de entrada: confirmar la identidad del viajero.",
    )


def information_request(world: World, role: str, target: str) -> dict[str, Any]:
    """A request for a field a border check allows, justified, as the request form posts it."""
    return {"fields": ["full_name"], "justification": "Verificación de identidad en el control de entrada."}


def incoming_answer(world: World, role: str, target: str) -> dict[str, Any]:
    """A refusal with its reason, as the answer form posts it."""
    return {"decision": "REFUSE", "reason": "Sin base legal para este control.", "expected_status": "SENT"}


def answers(world: World, role: str, target: str) -> dict[str, Any]:
    """Every answer right, for the attempt of the owner the case names."""
    from courses.models import QuizAttempt
    from tests.courses.answers import answer_form

    token = world.attempts[world.owner(role, target).pk]
    return answer_form(QuizAttempt.objects.get(token=token))


def lesson_exercise(world: World, role: str, target: str) -> dict[str, Any]:
    """The lesson exercise's form (check, restart) for the open attempt of the owner the case names."""
    return {"attempt": world.lesson_exercises[world.owner(role, target).pk], "checks_seen": "0"}


def rule(world: World, role: str, target: str) -> dict[str, Any]:
    """A rule on the certified course for a job function no rule of the matrix names yet."""
    from courses.models import CoursePage

    course = CoursePage.objects.get(pk=world.pks["certified_course"])
    return {"job_function": "supervisor", "course": str(course.translation_key), "due_days": "60", "is_active": "on"}


def roster_upload(world: World, role: str, target: str) -> dict[str, Any]:
    """A roster of one valid row for the country of the URL."""
    row = roster_row(901, email="matriz-nueva@example.org")
    if target == "other_country":
        row |= {"authority": "cr-dgme", "duty_post": "CR-PBL"}
    return {"file": SimpleUploadedFile("roster.csv", csv_bytes([row]), content_type="text/csv")}


def report(world: World, role: str, target: str) -> dict[str, Any]:
    return {"language": "es"}


def enrol_learner(world: World, role: str, target: str) -> dict[str, Any]:
    return {"course": str(world.pks["open_course"]), "emails": world.owner(role, target).email}


def revoke(world: World, role: str, target: str) -> dict[str, Any]:
    return {"reason": "Emitido por error (matriz de autorización)."}


def bulk(world: World, role: str, target: str) -> dict[str, Any]:
    return {"country": str(world.pks[f"country_{target}"])}
