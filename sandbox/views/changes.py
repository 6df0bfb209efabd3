"""A trainer's read-only list of what a learner changed, one record type at a time.

The learner's layer holds three kinds of rows (record 0013): new records (shown with their
fields), edited copies of baseline records (shown with each field that differs from the
baseline: the practice data's value and the learner's) and tombstones (baseline records the
learner deleted). The list is paginated per record type; reading it writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from sandbox import selectors
from sandbox.models import LAYERED_MODELS, LayeredModel, Person, Sandbox
from sandbox.views.access import SandboxMixin

CHANGE_KINDS: dict[str, type[LayeredModel]] = {model._meta.model_name: model for model in LAYERED_MODELS}

# What names a record in the list (a person is named by their names).
TITLE_FIELDS: dict[str, tuple[str, ...]] = {
    "document": ("document_type", "number", "issuing_state"),
    "movement": ("direction", "crossing_point", "occurred_at"),
    "returnevent": ("returned_on", "returning_country", "receiving_country"),
    "alert": ("category", "issuing_country", "status"),
    "alerthit": ("match_type", "disposition"),
    "crossborderquery": ("purpose_code", "case_reference"),
    "queryresult": ("country", "outcome"),
    "informationrequest": ("status", "due_at"),
    "auditevent": ("action", "object_type", "occurred_at"),
}
# Not listed among a record's fields: its identity and the layer's bookkeeping, and the references
# to other records by uid (the person is linked instead; an audit event's record stays).
HIDDEN_FIELDS = {"id", "uid", "sandbox", "is_deleted", "search_name"}


def _shown_fields(model: type[LayeredModel]) -> list[models.Field]:
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.name not in HIDDEN_FIELDS
        and not (model_field.name.endswith("_uid") and model_field.name != "object_uid")
    ]


def field_display(record: LayeredModel, model_field: models.Field) -> str:
    """A field's value as a trainer reads it: names for codes and references, dates as dates."""
    value = getattr(record, model_field.attname)
    if value is None or value == "" or value == {} or value == []:
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(getattr(record, model_field.name))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(model_field, models.DateTimeField):
        return f"{formats.date_format(value, 'SHORT_DATE_FORMAT')} {value:%H:%M} UTC"
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(model_field, models.JSONField):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(model_field, models.FloatField):
        return formats.number_format(value, decimal_pos=2)
    return str(value)


def _label(model_field: models.Field) -> str:
    return capfirst(str(model_field.verbose_name))


def record_title(record: LayeredModel) -> str:
    if isinstance(record, Person):
        return str(record)
    fields = {model_field.name: model_field for model_field in record._meta.concrete_fields}
    names = TITLE_FIELDS.get(record._meta.model_name, ())
    return " · ".join(
        shown for shown in (field_display(record, fields[name]) for name in names) if shown != "—"
    ) or capfirst(str(record._meta.verbose_name))


@dataclass(frozen=True)
class FieldChange:
    label: str
    baseline: str
    learner: str


@dataclass
class ChangeRow:
    """One row of the learner's layer, as the trainer reads it."""

    status: str  # "added", "edited" or "deleted"
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # a new record's fields
    changes: list[FieldChange] = field(default_factory=list)  # an edited record's differences
    person: Person | None = None
    person_uid: int | None = None


def _person_uid(record: LayeredModel) -> int | None:
    """The person a record is about: the person themselves, or the one it refers to."""
    return record.uid if isinstance(record, Person) else getattr(record, "person_uid", None)


def change_rows(*, sandbox: Sandbox, model: type[LayeredModel], records: list[LayeredModel]) -> list[ChangeRow]:
    """The page's rows of the learner's layer, each compared with the baseline row it shadows."""
    shown = _shown_fields(model)
    compared = [model_field for model_field in model._meta.concrete_fields if model_field.name not in HIDDEN_FIELDS]
    baseline = selectors.baseline_versions(model=model, uids=[record.uid for record in records])
    person_uids = [uid for record in records if (uid := _person_uid(record)) is not None]
    people = selectors.people_by_uid(sandbox=sandbox, uids=person_uids) if person_uids else {}
    rows = []
    for record in records:
        original = baseline.get(record.uid)
        person_uid = _person_uid(record)
        row = ChangeRow(
            status="deleted" if record.is_deleted else "edited" if original is not None else "added",
            title=record_title(original if record.is_deleted and original is not None else record),
            person=people.get(person_uid) if person_uid is not None else None,
            person_uid=person_uid,
        )
        if row.status == "added":
            row.fields = [
                (_label(model_field), field_display(record, model_field))
                for model_field in shown
                if field_display(record, model_field) != "—"
            ]
        elif row.status == "edited":
            row.changes = [
                FieldChange(
                    _label(model_field), field_display(original, model_field), field_display(record, model_field)
                )
                for model_field in compared
                if getattr(original, model_field.attname) != getattr(record, model_field.attname)
            ]
        rows.append(row)
    return rows


class LearnerChangesView(SandboxMixin, View):
    """The records of one type a learner added, edited or deleted, paginated; trainers only."""

    section = "home"

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        model = CHANGE_KINDS.get(kind)
        if model is None or self.inspected is None:
            raise Http404
        sandbox = self.inspected
        counts = selectors.layer_counts_of(sandbox=sandbox, model=model)
        paginator = Paginator(selectors.layer_records(sandbox=sandbox, model=model), selectors.CHANGES_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        return self.render(
            "sandbox/learner_changes.html",
            {
                "kind": kind,
                "kind_label": capfirst(str(model._meta.verbose_name_plural)),
                "counts": counts,
                "page": page,
                "rows": change_rows(sandbox=sandbox, model=model, records=list(page.object_list)),
                "page_query": {},
            },
        )
