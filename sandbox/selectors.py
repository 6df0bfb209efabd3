"""Reads of the mirrored platform. Every read of a layered record goes through a scope of
`sandbox.models.layers`: a learner's view (`visible_to`), never the raw tables.

Selectors take the learner's sandbox, or None for a learner who has not written anything
yet (they see the baseline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Exists, Expression, Func, OuterRef, Q, QuerySet, Window

from sandbox.matching import person_match
from sandbox.models import (
    LAYERED_MODELS,
    Alert,
    AlertHit,
    CrossingPoint,
    Document,
    DocumentScan,
    LayeredModel,
    Movement,
    Person,
    Sandbox,
)
from sandbox.names import name_words

if TYPE_CHECKING:
    from people.models import User

SEARCH_LIMIT = 50
SEARCH_PAGE_SIZE = 50
CHANGES_PAGE_SIZE = 25
# At most this many people of one birth date (or national ID) are compared with an unrecognised document.
CANDIDATES_READ = 200


class ByteOrder(Func):
    """A text compared byte by byte whatever the database's collation: `COLLATE "C"` on
    PostgreSQL (a linguistic collation would skip the spaces and `<` that separate the names of
    a sort key), the text itself on SQLite, which compares bytes already."""

    template = "%(expressions)s"
    output_field = models.CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context)


# People in name order, accents and case ignored as the search ignores them (`Person.sort_name`),
# then by uid: the same order on every page and every database.
SEARCH_ORDER = (ByteOrder("sort_name").asc(), "uid")


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


def sandbox_find(*, user: User) -> Sandbox | None:
    """The learner's sandbox, if it exists yet."""
    return Sandbox.objects.filter(owner=user).first()


def sandbox_for_country(*, user: User) -> Sandbox | None:
    """The sandbox of a learner bound to a country, made at their first visit since it says whose
    records they see (`Sandbox.country`); None for someone bound to none who has not written
    anything yet (they see the region's baseline)."""
    from sandbox.job_functions import user_country

    sandbox = sandbox_find(user=user)
    if sandbox is None and user_country(user) is not None:
        from sandbox.services import sandbox_get_or_create

        sandbox = sandbox_get_or_create(user=user)
    return sandbox


def person_matches(
    *,
    sandbox: Sandbox | None,
    name: str = "",
    document_number: str = "",
    birth_date: dt.date | None = None,
    national_id: str = "",
) -> QuerySet[Person]:
    """People in the learner's view whose name words start with every word of `name`
    (accents and case ignored, either surname, partial words), who hold a document whose
    number starts with `document_number`, born on `birth_date` and holding the national ID
    number `national_id` (both exact, each on its own index), in the order a search lists them
    (not evaluated)."""
    words = name_words(name)
    number = "".join(document_number.split()).upper()
    national_id = "".join(national_id.split()).upper()
    if not words and not number and birth_date is None and not national_id:
        return Person.objects.visible_to(sandbox).none().order_by(*SEARCH_ORDER)
    people = Person.objects.visible_to(sandbox)
    if birth_date is not None:
        people = people.filter(birth_date=birth_date)
    if national_id:
        people = people.filter(national_id_number=national_id)
    for word in words:
        people = people.filter(search_name__contains=f" {word}")
    if number:
        people = people.filter(HoldsOneOf(Document.objects.visible_to(sandbox).filter(number__startswith=number)))
    return people.order_by(*SEARCH_ORDER)


def person_search(
    *,
    sandbox: Sandbox | None,
    name: str = "",
    document_number: str = "",
    birth_date: dt.date | None = None,
    national_id: str = "",
    limit: int = SEARCH_LIMIT,
) -> list[Person]:
    """The first `limit` people of a search (`person_matches`)."""
    matches = person_matches(
        sandbox=sandbox, name=name, document_number=document_number, birth_date=birth_date, national_id=national_id
    )
    return list(matches.select_related("nationality")[:limit])


def person_candidates(
    *,
    sandbox: Sandbox | None,
    given_names: str,
    surnames: str,
    birth_date: dt.date,
    national_id: str = "",
    limit: int = 5,
) -> list[Person]:
    """The people of the learner's view an unrecognised document may belong to, best first:
    the same national ID number, or a name that matches (`sandbox.matching.person_match`:
    accents, one surname, swapped surnames, ...) with the same birth date, day and month in
    either order. Blocked on the indexed birth date and national ID: never a scan of all people."""
    dates = {birth_date}
    if birth_date.day <= 12 and birth_date.day != birth_date.month:
        dates.add(birth_date.replace(month=birth_date.day, day=birth_date.month))
    national_id = "".join(national_id.split()).upper()
    keys = Q(birth_date__in=dates)
    if national_id:
        keys |= Q(national_id_number=national_id)
    scored: list[tuple[float, int, Person]] = []
    for person in Person.objects.visible_to(sandbox).filter(keys).select_related("nationality")[:CANDIDATES_READ]:
        if national_id and person.national_id_number == national_id:
            scored.append((1.0, person.uid, person))
            continue
        match = person_match(
            given_names=given_names,
            surnames=surnames,
            birth_date=birth_date,
            subject_name=f"{person.surnames}, {person.given_names}",
            subject_birth_date=person.birth_date,
        )
        if match is not None:
            scored.append((match.score, person.uid, person))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [person for _score, _uid, person in scored[:limit]]


def stay_ends_on(entry: Movement) -> dt.date | None:
    """The last day of the stay an admitted entry authorised, or None when it set none."""
    if not entry.authorised_stay_days:
        return None
    return entry.local_date + dt.timedelta(days=entry.authorised_stay_days)


# More pages than any search can have; a larger number typed in the address is read as this one
# (past the last page: the last page), never sent to the database as an offset out of its range.
PAGE_NUMBER_MAX = 1_000_000


def _page_number(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(number, 1), PAGE_NUMBER_MAX)


def _page_rows(matches: QuerySet[Person], number: int, per_page: int) -> list[tuple[int, int]]:
    """(row id, number of matches) of the page's people: the page and the count from one scan."""
    bottom = (number - 1) * per_page
    counted = matches.annotate(matches_total=Window(Count("pk"))).values_list("pk", "matches_total")
    return list(counted[bottom : bottom + per_page])


def person_search_page(
    *,
    sandbox: Sandbox | None,
    name: str = "",
    document_number: str = "",
    birth_date: dt.date | None = None,
    national_id: str = "",
    page: Any = 1,
    per_page: int = SEARCH_PAGE_SIZE,
) -> Page:
    """One page of a search (`person_matches`), with the number of matches.

    A name search reads every person of the learner's view (words are matched anywhere in the
    name), so counting with a second query would read them all again: the page's row ids and the
    count (`COUNT(*) OVER ()`) come from one query, then the page's people are read by id. A
    page number past the last page (or not a number) gives the last (or the first) page, as
    `Paginator.get_page` does; only then is the count a query of its own.
    """
    matches = person_matches(
        sandbox=sandbox, name=name, document_number=document_number, birth_date=birth_date, national_id=national_id
    )
    number = _page_number(page)
    rows = _page_rows(matches, number, per_page)
    if rows:
        total = rows[0][1]
    elif number == 1:
        total = 0
    else:
        total = matches.count()
        number = max(1, -(-total // per_page))
        rows = _page_rows(matches, number, per_page) if total else []
    paginator = Paginator(matches, per_page)
    paginator.count = total  # a cached_property: the count above, never counted again
    ids = [pk for pk, _total in rows]
    people = Person.objects.visible_to(sandbox).filter(pk__in=ids).select_related("nationality").in_bulk()
    return Page([people[pk] for pk in ids if pk in people], number, paginator)


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


def open_entries_of(*, sandbox: Sandbox | None, person_uid: int) -> QuerySet[Movement]:
    """The person's admitted entries that no exit has closed yet, latest first (a refused entry is no stay)."""
    visible = Movement.objects.visible_to(sandbox)
    closed = visible.filter(person_uid=person_uid, closes_entry_uid__isnull=False).values("closes_entry_uid")
    return (
        visible.filter(person_uid=person_uid, direction="ENTRY", decision="ADMITTED")
        .exclude(uid__in=closed)
        .select_related("crossing_point__country")
        .order_by("-occurred_at", "-uid")
    )


def open_entries_among(movements: Iterable[Movement]) -> list[Movement]:
    """The open entries among all of one person's movements (`person_movements`), in their order:
    `open_entries_of` without another query."""
    movements = list(movements)
    closed = {movement.closes_entry_uid for movement in movements if movement.closes_entry_uid is not None}
    return [
        movement
        for movement in movements
        if movement.direction == "ENTRY" and movement.decision == "ADMITTED" and movement.uid not in closed
    ]


def open_entry_for(*, sandbox: Sandbox | None, person_uid: int) -> Movement | None:
    """The person's latest admitted entry that no exit has closed yet."""
    return open_entries_of(sandbox=sandbox, person_uid=person_uid).first()


def layer_counts_of(*, sandbox: Sandbox, model: type[LayeredModel]) -> dict[str, int]:
    """How many records of one type the learner added, edited and deleted: one query over their
    layer, each live row looked up in the baseline by its uid (an edit shadows a baseline row)."""
    in_baseline = Exists(model.objects.baseline().filter(uid=OuterRef("uid")))
    live = Q(is_deleted=False)
    return model.objects.layer_of(sandbox).aggregate(
        added=Count("pk", filter=live & ~in_baseline),
        edited=Count("pk", filter=live & in_baseline),
        deleted=Count("pk", filter=Q(is_deleted=True)),
    )


def layer_counts(*, sandbox: Sandbox | None) -> dict[str, dict[str, int]]:
    """Per record type, how many records the learner added, edited and deleted."""
    counts: dict[str, dict[str, int]] = {}
    if sandbox is None:
        return counts
    for model in LAYERED_MODELS:
        count = layer_counts_of(sandbox=sandbox, model=model)
        if any(count.values()):
            counts[model._meta.model_name] = count
    return counts


def _reference_fields(model: type[LayeredModel]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if field.is_relation and field.name != "sandbox"]


def layer_records(*, sandbox: Sandbox, model: type[LayeredModel]) -> QuerySet[LayeredModel]:
    """The learner's own rows of one record type, newest first: new records, edited copies of
    baseline records and tombstones, with their reference data."""
    return model.objects.layer_of(sandbox).select_related(*_reference_fields(model)).order_by("-pk")


def baseline_versions(*, model: type[LayeredModel], uids: list[int]) -> dict[int, LayeredModel]:
    """The baseline's rows of these uids (what a learner's edited copies and tombstones shadow), by uid."""
    rows = model.objects.baseline().filter(uid__in=uids).select_related(*_reference_fields(model))
    return {row.uid: row for row in rows}


def people_by_uid(*, sandbox: Sandbox | None, uids: list[int]) -> dict[int, Person]:
    """The people of the learner's view among `uids`, by uid."""
    return {person.uid: person for person in Person.objects.visible_to(sandbox).filter(uid__in=uids)}


def document_scans(*, sandbox: Sandbox | None) -> QuerySet[DocumentScan]:
    """The document scans of the learner's view, with their crossing points, in queue order."""
    return (
        DocumentScan.objects.visible_to(sandbox)
        .select_related("crossing_point__country", "decided_by")
        .order_by("position", "uid")
    )


def document_scan_get(*, sandbox: Sandbox | None, uid: int) -> DocumentScan:
    """A scan of the learner's view; DocumentScan.DoesNotExist for anyone else's."""
    return DocumentScan.objects.visible_to(sandbox).select_related("crossing_point__country").get(uid=uid)


def screening_hits(*, sandbox: Sandbox | None, uids: Iterable[int]) -> list[tuple[AlertHit, Alert]]:
    """The hit records of a screening with their alerts (category, issuing country), strongest first."""
    from sandbox.screening import alerts_named

    hits = list(AlertHit.objects.visible_to(sandbox).filter(uid__in=list(uids)).select_related("crossing_point"))
    alerts = {
        alert.uid: alert
        for alert in alerts_named(sandbox=sandbox, uids={hit.alert_uid for hit in hits}).select_related(
            "category", "issuing_country"
        )
    }
    rows = [(hit, alerts[hit.alert_uid]) for hit in hits if hit.alert_uid in alerts]
    return sorted(rows, key=lambda row: (-row[0].score, row[0].uid))


def crossing_points_open_to(*, country: str | None, scenario_posts: Iterable[str] = ()) -> QuerySet[CrossingPoint]:
    """The posts whose crossings a learner acting for `country` records: that country's, and the
    posts of the exercise scenario they work on (`scenario_posts`); every post for the region."""
    points = CrossingPoint.objects.select_related("country")
    if not country:
        return points
    return points.filter(Q(country_id=country) | Q(code__in=list(scenario_posts)))


def document_holders(*, sandbox: Sandbox | None, number: str) -> list[int]:
    """The people of the learner's view who hold a document with exactly this number (any issuing state)."""
    number = "".join(number.split()).upper()
    return sorted(set(Document.objects.visible_to(sandbox).filter(number=number).values_list("person_uid", flat=True)))
