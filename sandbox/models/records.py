"""The mirrored platform's records, each a layered model (see `sandbox.models.layers`).

References between records hold logical uids (`person_uid`, `document_uid`, ...), not
foreign keys, because a learner's edited copy of a record keeps its uid but not its row id.
Reference data (states, crossing points, types) are ordinary foreign keys.

Movements carry the traveller's nationality, sex and age group as recorded at the crossing,
as a border system does: statistics group on the movement alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sandbox.models.choices import (
    AgeGroup,
    AlertAction,
    AlertChangeKind,
    AlertStatus,
    AlertSubject,
    AuditAction,
    CaptureSource,
    Decision,
    Direction,
    DocumentStatus,
    HitAction,
    HitDisposition,
    HitMatchType,
    InformationRequestStatus,
    PurposeCode,
    QueryOutcome,
    RefusalCode,
    ReturningCountry,
    ReturnType,
    ScanRejection,
    ScanStatus,
    ScreeningResult,
    Sensitivity,
    Sex,
    SharingScope,
    TransportMode,
    in_choices,
)
from sandbox.models.layers import LayeredModel
from sandbox.models.reference import AlertCategory, CrossingPoint, DocumentType, IcaoCountry, TravelPurpose


def _fk(to: type[models.Model], verbose_name: str, *, null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=null,
        blank=null,
        related_name="+",
        # Reference rows are never deleted and records are not looked up by them: an index
        # per reference column would only slow the baseline's bulk load.
        db_index=False,
    )


def _user(verbose_name: str) -> models.ForeignKey:
    """A user who did something to a record: kept as NULL when the account goes, not indexed."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )


def _held_by() -> models.ForeignKey:
    """The member country whose records the row is (NULL: none's, seen only by the region)."""
    return _fk(IcaoCountry, _("held by"), null=True)


def _valid(model: str, field: str, choices: type[models.TextChoices]) -> models.CheckConstraint:
    return models.CheckConstraint(condition=in_choices(field, choices), name=f"sandbox_{model}_{field}_valid")


class Person(LayeredModel):
    """A traveller's identity as one member country's platform holds it: the same traveller
    known to two countries is two records, one in each (DOMAIN.md 0.1: each keeps its own)."""

    held_by_fields = ("held_by",)
    scenario_spans_countries = False

    given_names = models.CharField(_("given names"), max_length=100)
    surname_1 = models.CharField(_("first surname"), max_length=60)
    surname_2 = models.CharField(_("second surname"), max_length=60, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    birth_country = _fk(IcaoCountry, _("country of birth"), null=True)
    nationality = _fk(IcaoCountry, _("nationality"))
    second_nationality = _fk(IcaoCountry, _("second nationality"), null=True)
    national_id_number = models.CharField(_("national ID number"), max_length=24, blank=True)
    national_id_country = _fk(IcaoCountry, _("national ID issued by"), null=True)
    sensitivity = models.CharField(_("sensitivity"), max_length=8, choices=Sensitivity.choices, default="NORMAL")
    # Upper-case ASCII of given names and surnames, framed by spaces, for accent-insensitive
    # word-prefix search (" JOSE LUIS PEREZ LOPEZ "). Written by the services and the generator.
    search_name = models.CharField(max_length=240, editable=False)
    # The same words, surnames first, for the order a search lists people in, compared byte by
    # byte ("PEREZ<GOMEZ  JOSE<LUIS": `sandbox.names.name_sort_key`). Written with search_name.
    sort_name = models.CharField(max_length=240, editable=False)
    held_by = _held_by()

    class Meta(LayeredModel.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [*LayeredModel.Meta.constraints, _valid("person", "sex", Sex)]
        indexes = [
            models.Index(fields=["national_id_number"], name="sandbox_person_national_id"),
            models.Index(fields=["birth_date"], name="sandbox_person_birth_date"),
            models.Index(fields=["held_by", "sort_name"], name="sandbox_person_held_by_name"),
        ]

    def __str__(self) -> str:
        return f"{self.surnames}, {self.given_names}"

    @property
    def surnames(self) -> str:
        return f"{self.surname_1} {self.surname_2}".strip()


class Document(LayeredModel):
    """A travel or identity document, with its machine-readable zone as read at the border,
    in the records of the country that holds its holder's record."""

    held_by_fields = ("held_by",)
    scenario_spans_countries = False

    person_uid = models.BigIntegerField(_("person"), db_index=True)
    document_type = _fk(DocumentType, _("document type"))
    number = models.CharField(_("document number"), max_length=20)
    issuing_state = _fk(IcaoCountry, _("issuing state"))
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    expires_on = models.DateField(_("date of expiry"))
    status = models.CharField(_("status"), max_length=8, choices=DocumentStatus.choices, default="VALID")
    mrz = models.TextField(_("machine-readable zone"), blank=True, help_text=_("One line per row of the MRZ."))
    held_by = _held_by()

    class Meta(LayeredModel.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [*LayeredModel.Meta.constraints, _valid("document", "status", DocumentStatus)]
        indexes = [models.Index(fields=["number"], name="sandbox_document_number")]

    def __str__(self) -> str:
        return f"{self.document_type_id} {self.number} ({self.issuing_state_id})"


class Movement(LayeredModel):
    """An entry or exit at a crossing point. `occurred_at` is UTC; `local_date` is the post's date."""

    held_by_fields = ("crossing_point__country",)

    person_uid = models.BigIntegerField(_("person"), db_index=True)
    document_uid = models.BigIntegerField(_("document"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    crossing_point = _fk(CrossingPoint, _("border crossing point"))
    occurred_at = models.DateTimeField(_("time (UTC)"))
    local_date = models.DateField(_("date at the crossing point"), db_index=True)
    transport_mode = models.CharField(_("transport mode"), max_length=4, choices=TransportMode.choices)
    carrier = models.CharField(_("carrier"), max_length=40, blank=True)
    flight_or_vehicle = models.CharField(_("flight, vessel or vehicle plate"), max_length=20, blank=True)
    purpose = _fk(TravelPurpose, _("purpose of travel"), null=True)
    other_country = _fk(IcaoCountry, _("coming from or going to"), null=True)
    authorised_stay_days = models.PositiveSmallIntegerField(_("authorised stay (days)"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, default="ADMITTED")
    refusal_reason = models.CharField(_("reason for refusal"), max_length=120, blank=True)
    # Empty on an admission, and on the baseline's refusals, whose reasons are free text only.
    refusal_code = models.CharField(
        _("reason code"), max_length=26, choices=RefusalCode.choices, blank=True, default="", db_default=""
    )
    screening_result = models.CharField(
        _("screening result"), max_length=8, choices=ScreeningResult.choices, default="NO_HIT"
    )
    capture_source = models.CharField(_("captured by"), max_length=8, choices=CaptureSource.choices, default="MRZ_SCAN")
    is_ca4_simplified = models.BooleanField(_("CA-4 simplified crossing"), default=False)
    closes_entry_uid = models.BigIntegerField(_("entry this exit closes"), null=True, blank=True)
    is_overstay = models.BooleanField(
        _("overstay"), default=False, help_text=_("An exit after the authorised stay of the entry it closes ran out.")
    )
    manual_entry_reason = models.CharField(
        _("why the document was typed by hand"), max_length=120, blank=True, default="", db_default=""
    )
    accompanying_adult_uid = models.BigIntegerField(_("accompanying adult"), null=True, blank=True)
    minor_exit_permit = models.CharField(_("minor's exit permit"), max_length=40, blank=True, default="", db_default="")
    nationality = _fk(IcaoCountry, _("nationality"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=6, choices=AgeGroup.choices)
    recorded_by = _user(_("recorded by"))

    class Meta(LayeredModel.Meta):
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("movement", "direction", Direction),
            _valid("movement", "transport_mode", TransportMode),
            _valid("movement", "decision", Decision),
            _valid("movement", "screening_result", ScreeningResult),
            _valid("movement", "capture_source", CaptureSource),
            _valid("movement", "sex", Sex),
            _valid("movement", "age_group", AgeGroup),
            models.CheckConstraint(
                condition=models.Q(closes_entry_uid__isnull=True) | models.Q(direction="EXIT"),
                name="sandbox_movement_only_exits_close_entries",
            ),
            models.CheckConstraint(
                condition=models.Q(is_overstay=False) | models.Q(direction="EXIT"),
                name="sandbox_movement_only_exits_overstay",
            ),
            models.CheckConstraint(
                condition=models.Q(refusal_code="") | models.Q(refusal_code__in=RefusalCode.values),
                name="sandbox_movement_refusal_code_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(refusal_code="") | ~models.Q(decision="ADMITTED"),
                name="sandbox_movement_refusal_code_not_admitted",
            ),
            models.CheckConstraint(
                condition=models.Q(manual_entry_reason="") | models.Q(capture_source="MANUAL"),
                name="sandbox_movement_manual_reason_only_when_manual",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recorded_by"],
                condition=models.Q(recorded_by__isnull=False),
                name="sandbox_movement_recorded_by",
            ),
            # The secondary line's queue: the few referred travellers among every movement.
            models.Index(
                fields=["crossing_point", "occurred_at"],
                condition=models.Q(decision="REFERRED"),
                name="sandbox_movement_referred",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.crossing_point_id} {self.occurred_at:%Y-%m-%d %H:%M} UTC"


class ReturnEvent(LayeredModel):
    """A national returned (deported, expelled or assisted) from another country."""

    held_by_fields = ("receiving_country",)

    person_uid = models.BigIntegerField(_("person"), db_index=True)
    receiving_country = _fk(IcaoCountry, _("receiving country"))
    returning_country = models.CharField(_("returned from"), max_length=5, choices=ReturningCountry.choices)
    return_type = models.CharField(_("type of return"), max_length=12, choices=ReturnType.choices)
    mode = models.CharField(_("mode"), max_length=4, choices=TransportMode.choices)
    reception_point = _fk(CrossingPoint, _("reception point"))
    transport_reference = models.CharField(_("flight or bus"), max_length=20, blank=True)
    returned_on = models.DateField(_("date of return"), db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    is_minor = models.BooleanField(_("minor"), default=False)
    is_unaccompanied = models.BooleanField(_("unaccompanied minor"), default=False)
    origin_subdivision = models.CharField(
        _("department of origin"), max_length=6, blank=True, help_text=_("ISO 3166-2 code, e.g. HN-CR.")
    )

    class Meta(LayeredModel.Meta):
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("returnevent", "returning_country", ReturningCountry),
            _valid("returnevent", "return_type", ReturnType),
            _valid("returnevent", "mode", TransportMode),
            _valid("returnevent", "sex", Sex),
            models.CheckConstraint(
                condition=models.Q(is_unaccompanied=False) | models.Q(is_minor=True),
                name="sandbox_returnevent_unaccompanied_are_minors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receiving_country_id} ← {self.returning_country} {self.returned_on}"


class Alert(LayeredModel):
    """An alert on a person or a document, with the action to take on a hit.

    The generated stock is inflated far above real rates so that exercises have something to
    find (`is_training_inflated`); screens say so. Status changes go through
    `sandbox.alerts.alert_transition` only, following its one transition table.

    An alert is its issuing country's record; the screening reads those other members share
    with a post's country by rule (`sandbox.screening`), not through a listing.
    """

    held_by_fields = ("issuing_country",)

    category = _fk(AlertCategory, _("category"))
    subject_kind = models.CharField(_("subject"), max_length=8, choices=AlertSubject.choices)
    person_uid = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)
    # "SURNAMES, GIVEN NAMES", as the issuing authority wrote them.
    subject_name = models.CharField(_("name of the subject"), max_length=200, blank=True)
    subject_birth_date = models.DateField(_("date of birth of the subject"), null=True, blank=True)
    subject_nationality = _fk(IcaoCountry, _("nationality of the subject"), null=True)
    subject_national_id = models.CharField(
        _("national ID number of the subject"), max_length=24, blank=True, default="", db_default=""
    )
    # The blocking key screening looks person alerts up by: the birth date with day and month in
    # either order (`sandbox.matching.birth_key`). Written by the services and the generator.
    birth_key = models.CharField(max_length=10, blank=True, default="", db_default="", editable=False)
    document_number = models.CharField(_("document number"), max_length=20, blank=True, db_index=True)
    document_issuing_state = _fk(IcaoCountry, _("document issuing state"), null=True)
    issuing_country = _fk(IcaoCountry, _("issuing country"))
    action = models.CharField(_("action to take"), max_length=16, choices=AlertAction.choices)
    legal_reference = models.CharField(_("legal reference"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AlertStatus.choices, default="ACTIVE")
    sharing_scope = models.CharField(_("shared with"), max_length=8, choices=SharingScope.choices)
    # ICAO codes of the member countries a SELECTED alert is shared with.
    shared_with = models.JSONField(_("selected countries"), default=list, blank=True)
    sensitivity = models.CharField(_("sensitivity"), max_length=8, choices=Sensitivity.choices, default="NORMAL")
    is_training_inflated = models.BooleanField(_("inflated for training"), default=True)
    created_by = _user(_("created by"))
    created_at = models.DateTimeField(_("created at"), null=True, blank=True)
    approved_by = _user(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta(LayeredModel.Meta):
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("alert", "subject_kind", AlertSubject),
            _valid("alert", "action", AlertAction),
            _valid("alert", "status", AlertStatus),
            _valid("alert", "sharing_scope", SharingScope),
            _valid("alert", "sensitivity", Sensitivity),
            models.CheckConstraint(
                condition=models.Q(subject_kind="PERSON") | ~models.Q(document_number=""),
                name="sandbox_alert_document_alerts_name_a_document",
            ),
            # Four eyes: whoever approved an alert did not create it.
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | models.Q(created_by__isnull=True)
                | ~models.Q(approved_by=models.F("created_by")),
                name="sandbox_alert_four_eyes",
            ),
        ]
        indexes = [
            models.Index(fields=["birth_key"], condition=~models.Q(birth_key=""), name="sandbox_alert_birth_key"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} ({self.issuing_country_id})"


class AlertChange(LayeredModel):
    """One step of an alert's life: who moved it from which status to which, and why."""

    held_by_fields = ("held_by",)

    alert_uid = models.BigIntegerField(_("alert"), db_index=True)
    kind = models.CharField(_("kind of change"), max_length=10, choices=AlertChangeKind.choices)
    from_status = models.CharField(_("status before"), max_length=10, choices=AlertStatus.choices, blank=True)
    to_status = models.CharField(_("status after"), max_length=10, choices=AlertStatus.choices)
    valid_until_before = models.DateField(_("valid until, before"), null=True, blank=True)
    valid_until_after = models.DateField(_("valid until, after"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    actor = _user(_("user"))
    occurred_at = models.DateTimeField(_("time"))
    held_by = _held_by()

    class Meta(LayeredModel.Meta):
        verbose_name = _("alert change")
        verbose_name_plural = _("alert changes")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("alertchange", "kind", AlertChangeKind),
            _valid("alertchange", "to_status", AlertStatus),
        ]


class AlertHit(LayeredModel):
    """A screening result that named an alert: written before the officer decides, then
    linked to the movement the decision wrote, and adjudicated at the secondary line."""

    held_by_fields = ("crossing_point__country",)

    alert_uid = models.BigIntegerField(_("alert"), db_index=True)
    movement_uid = models.BigIntegerField(_("movement"), null=True, blank=True)
    query_uid = models.BigIntegerField(_("cross-border query"), null=True, blank=True)
    person_uid = models.BigIntegerField(_("person"), null=True, blank=True)
    document_uid = models.BigIntegerField(_("document"), null=True, blank=True)
    crossing_point = _fk(CrossingPoint, _("border crossing point"), null=True)
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    screened_by = _user(_("screened by"))
    # The traveller as read at the post (name, birth date, document, nationality), and which
    # of the alert's fields matched how: what the secondary officer compares.
    traveller = models.JSONField(_("traveller as read"), default=dict, blank=True)
    matched_fields = models.JSONField(_("matched fields"), default=dict, blank=True)
    match_type = models.CharField(_("match"), max_length=16, choices=HitMatchType.choices)
    score = models.FloatField(_("score"))
    disposition = models.CharField(_("disposition"), max_length=16, choices=HitDisposition.choices, default="PENDING")
    disposition_reason = models.TextField(_("reason"), blank=True)
    actions_taken = models.JSONField(_("actions taken"), default=list, blank=True)
    disposed_at = models.DateTimeField(_("disposed at"), null=True, blank=True)
    disposed_by = _user(_("disposed by"))

    class Meta(LayeredModel.Meta):
        verbose_name = _("alert hit")
        verbose_name_plural = _("alert hits")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("alerthit", "match_type", HitMatchType),
            _valid("alerthit", "disposition", HitDisposition),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=1), name="sandbox_alerthit_score_range"),
        ]
        indexes = [
            models.Index(
                fields=["movement_uid"],
                condition=models.Q(movement_uid__isnull=False),
                name="sandbox_alerthit_movement",
            ),
        ]


class HitNotification(LayeredModel):
    """A confirmed hit on another country's alert, notified to the country that issued it."""

    held_by_fields = ("from_country", "to_country")

    hit_uid = models.BigIntegerField(_("alert hit"), db_index=True)
    alert_uid = models.BigIntegerField(_("alert"))
    from_country = _fk(IcaoCountry, _("notifying country"))
    to_country = _fk(IcaoCountry, _("notified country"))
    action_taken = models.CharField(_("action taken"), max_length=16, choices=HitAction.choices, blank=True)
    sent_at = models.DateTimeField(_("sent at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta(LayeredModel.Meta):
        verbose_name = _("hit notification")
        verbose_name_plural = _("hit notifications")


class CrossBorderQuery(LayeredModel):
    """A hit/no-hit consultation of other OCAM members (DOMAIN.md 4.3), held by the country that
    asked. `parameters` are what was searched (a document, or a name and date of birth)."""

    held_by_fields = ("requesting_country",)

    requesting_country = _fk(IcaoCountry, _("requesting country"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    parameters = models.JSONField(_("search parameters"), default=dict)
    purpose_code = models.CharField(_("purpose"), max_length=20, choices=PurposeCode.choices)
    case_reference = models.CharField(_("case reference"), max_length=40)
    created_at = models.DateTimeField(_("created at"))
    target_countries = models.JSONField(_("countries asked"), default=list, blank=True)

    class Meta(LayeredModel.Meta):
        verbose_name = _("cross-border query")
        verbose_name_plural = _("cross-border queries")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("crossborderquery", "purpose_code", PurposeCode),
            # A consultation without a purpose or a case reference is refused before it is written.
            models.CheckConstraint(
                condition=~Q(case_reference=""), name="sandbox_crossborderquery_case_reference_given"
            ),
        ]


class QueryResult(LayeredModel):
    """One member's answer to a query: hit or no hit and a reference, never the record itself.

    `record_uid` is the answering country's own record behind a hit: kept for that country's
    answer to a follow-up request, never shown to the country that asked."""

    held_by_fields = ("requesting_country", "country")

    query_uid = models.BigIntegerField(_("query"), db_index=True)
    requesting_country = _fk(IcaoCountry, _("requesting country"), null=True)
    country = _fk(IcaoCountry, _("answering country"))
    outcome = models.CharField(_("outcome"), max_length=6, choices=QueryOutcome.choices)
    reference_token = models.CharField(_("reference"), max_length=40, blank=True)
    alert_category = _fk(AlertCategory, _("alert category"), null=True)
    action = models.CharField(_("action to take"), max_length=16, choices=AlertAction.choices, blank=True)
    contact_point = models.CharField(_("contact point"), max_length=120, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    record_uid = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta(LayeredModel.Meta):
        verbose_name = _("query result")
        verbose_name_plural = _("query results")
        constraints = [*LayeredModel.Meta.constraints, _valid("queryresult", "outcome", QueryOutcome)]


class InformationRequest(LayeredModel):
    """A justified request for the data behind a hit; the holding country releases the minimum
    the purpose allows, or part of it, or refuses with a reason (DOMAIN.md 4.3, step 3)."""

    held_by_fields = ("requesting_country", "answering_country")

    result_uid = models.BigIntegerField(_("query result"), db_index=True)
    query_uid = models.BigIntegerField(_("query"), null=True, blank=True)
    requesting_country = _fk(IcaoCountry, _("requesting country"), null=True)
    answering_country = _fk(IcaoCountry, _("answering country"), null=True)
    purpose_code = models.CharField(_("purpose"), max_length=20, choices=PurposeCode.choices, blank=True)
    case_reference = models.CharField(_("case reference"), max_length=40, blank=True)
    requested_fields = models.JSONField(_("requested fields"), default=list)
    justification = models.TextField(_("justification"))
    requested_by = _user(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=InformationRequestStatus.choices, default="SENT")
    due_at = models.DateTimeField(_("answer due"))
    # When a simulated partner's answer arrives (the sandbox's stand-in for the other office's delay).
    answer_at = models.DateTimeField(_("answer expected"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = _user(_("answered by"))
    released_fields = models.JSONField(_("released fields"), default=list, blank=True)
    response_reason = models.TextField(_("reason given"), blank=True)
    response = models.JSONField(_("response"), default=dict, blank=True)
    # The answering country's record the request is about (its own uid): for that country only.
    record_uid = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta(LayeredModel.Meta):
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("informationrequest", "status", InformationRequestStatus),
        ]


class AuditEvent(LayeredModel):
    """One consultation or change in the mirrored platform, as its audit log records it: the
    log of the country whose user acted (`held_by`).

    `actor_label` names a fictional user of the generated log; `anomaly` is the hidden truth of
    a seeded anomaly (DOMAIN.md 5c #13), for checkers only, never shown."""

    held_by_fields = ("held_by",)

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(_("user"), max_length=120, blank=True, default="", db_default="")
    action = models.CharField(_("action"), max_length=8, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=40, blank=True)
    object_uid = models.BigIntegerField(_("record"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    purpose_code = models.CharField(_("purpose"), max_length=20, blank=True)
    case_reference = models.CharField(_("case reference"), max_length=40, blank=True)
    result_count = models.PositiveIntegerField(_("results"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("time"))
    held_by = _held_by()
    anomaly = models.CharField(max_length=20, blank=True, default="", db_default="", editable=False)

    class Meta(LayeredModel.Meta):
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        constraints = [*LayeredModel.Meta.constraints, _valid("auditevent", "action", AuditAction)]
        indexes = [models.Index(fields=["held_by", "occurred_at"], name="sandbox_audit_held_by_time")]


class DocumentScan(LayeredModel):
    """A machine-readable zone as a post's reader scanned it, waiting for an officer's triage:
    accepted as read, accepted with the misread characters corrected, or rejected."""

    held_by_fields = ("crossing_point__country",)

    crossing_point = _fk(CrossingPoint, _("border crossing point"))
    scanned_at = models.DateTimeField(_("scanned at (UTC)"))
    position = models.PositiveSmallIntegerField(_("position in the queue"), default=1)
    traveller_name = models.CharField(_("name given by the traveller"), max_length=200, blank=True)
    raw_mrz = models.TextField(_("zone as scanned"))
    status = models.CharField(_("triage"), max_length=10, choices=ScanStatus.choices, default="PENDING")
    corrected_mrz = models.TextField(_("corrected zone"), blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=12, choices=ScanRejection.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = _user(_("decided by"))

    class Meta(LayeredModel.Meta):
        verbose_name = _("document scan")
        verbose_name_plural = _("document scans")
        constraints = [
            *LayeredModel.Meta.constraints,
            _valid("documentscan", "status", ScanStatus),
            models.CheckConstraint(
                condition=models.Q(rejection_reason="") | models.Q(status="REJECTED"),
                name="sandbox_documentscan_reason_only_when_rejected",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="REJECTED") | ~models.Q(rejection_reason=""),
                name="sandbox_documentscan_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="CORRECTED") | ~models.Q(corrected_mrz=""),
                name="sandbox_documentscan_correction_has_zone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crossing_point_id} {self.position}: {self.get_status_display()}"
