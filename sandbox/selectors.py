"""Reads of the mirrored platform. Every read of a layered record goes through a scope of
`sandbox.models.layers`: a learner's view (`visible_to`), never the raw tables.

Selectors take the learner's sandbox, or None for a learner who has not written anything
yet (they see the baseline).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Expression, QuerySet

from sandbox.models import LAYERED_MODELS, Document, Movement, Person, Sandbox
from sandbox.names import name_words

if TYPE_CHECKING:
    from lms.people.models import User

SEARCH_LIMIT = 50


class HoldsOneOf(Expression):
    """True for a person who holds one of `documents` (a Document queryset).

    On PostgreSQL it is `uid = ANY(ARRAY(SELECT person_uid FROM the documents))`: an
    uncorrelated subquery run once, whose array the planner uses as an index condition in each
    branch of a learner's view (the layer's (sandbox, uid) index, the baseline's uid index).
    `uid IN (subquery)` is a semi join, which the view's OR keeps from either index: it scanned
    every person and made a search by document number through a layer twice as slow as on the
    baseline alone. Elsewhere it is `uid IN (subquery)`. Both select the same people.
    """

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, documents: QuerySet[Document]) -> None:
        super().__init__()
        self.documents = documents

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        alias = compiler.query.get_initial_alias()
        uid = f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('uid')}"
        sql, params = self.documents.values("person_uid").query.get_compiler(connection=connection).as_sql()
        return uid, sql, list(params)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        uid, sql, params = self._parts(compiler, connection)
        return f"{uid} IN ({sql})", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        uid, sql, params = self._parts(compiler, connection)
        return f"{uid} = ANY(ARRAY({sql}))", params


def sandbox_of(*, user: User) -> Sandbox | None:
    """The learner's sandbox, if they have written anything yet."""
    return Sandbox.objects.filter(owner=user).first()


def person_search(
    *, sandbox: Sandbox | None, name: str = "", document_number: str = "", limit: int = SEARCH_LIMIT
) -> list[Person]:
    """People in the learner's view whose name words start with every word of `name`
    (accents and case ignored, either surname, partial words) and who hold a document whose
    number starts with `document_number`."""
    words = name_words(name)
    number = "".join(document_number.split()).upper()
    if not words and not number:
        return []
    people = Person.objects.visible_to(sandbox)
    for word in words:
        people = people.filter(search_name__contains=f" {word}")
    if number:
        people = people.filter(HoldsOneOf(Document.objects.visible_to(sandbox).filter(number__startswith=number)))
    return list(people.select_related("nationality").order_by("surname_1", "surname_2", "given_names", "uid")[:limit])


def person_get(*, sandbox: Sandbox | None, uid: int) -> Person:
    """A person in the learner's view; Person.DoesNotExist for anyone else's record."""
    return Person.objects.visible_to(sandbox).select_related("nationality", "birth_country").get(uid=uid)


def person_documents(*, sandbox: Sandbox | None, person_uid: int) -> QuerySet[Document]:
    return (
        Document.objects.visible_to(sandbox)
        .filter(person_uid=person_uid)
        .select_related("document_type", "issuing_state")
        .order_by("-expires_on", "uid")
    )


def person_movements(*, sandbox: Sandbox | None, person_uid: int) -> QuerySet[Movement]:
    return (
        Movement.objects.visible_to(sandbox)
        .filter(person_uid=person_uid)
        .select_related("crossing_point__country", "purpose")
        .order_by("-occurred_at", "-uid")
    )


def document_find(*, sandbox: Sandbox | None, number: str, issuing_state: str) -> Document | None:
    return (
        Document.objects.visible_to(sandbox)
        .filter(number=number, issuing_state_id=issuing_state)
        .order_by("uid")
        .first()
    )


def open_entry_for(*, sandbox: Sandbox | None, person_uid: int) -> Movement | None:
    """The person's latest admitted entry that no exit has closed yet (a refused entry is no stay)."""
    visible = Movement.objects.visible_to(sandbox)
    closed = visible.filter(person_uid=person_uid, closes_entry_uid__isnull=False).values("closes_entry_uid")
    return (
        visible.filter(person_uid=person_uid, direction="ENTRY", decision="ADMITTED")
        .exclude(uid__in=closed)
        .order_by("-occurred_at", "-uid")
        .first()
    )


def layer_counts(*, sandbox: Sandbox | None) -> dict[str, dict[str, int]]:
    """Per record type, how many records the learner added, edited and deleted."""
    counts: dict[str, dict[str, int]] = {}
    if sandbox is None:
        return counts
    for model in LAYERED_MODELS:
        rows = list(model.objects.layer_of(sandbox).values_list("uid", "is_deleted"))
        if not rows:
            continue
        in_baseline = set(
            model.objects.baseline().filter(uid__in=[uid for uid, _ in rows]).values_list("uid", flat=True)
        )
        counts[model._meta.model_name] = {
            "added": sum(1 for uid, deleted in rows if uid not in in_baseline and not deleted),
            "edited": sum(1 for uid, deleted in rows if uid in in_baseline and not deleted),
            "deleted": sum(1 for uid, deleted in rows if deleted),
        }
    return counts
