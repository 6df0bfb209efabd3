"""The sandbox's models: reference data, layered records, sandboxes and the baseline."""

from sandbox.models.choices import *  # noqa: F403
from sandbox.models.exercises import AttemptState, ExerciseAttempt, ExerciseCheck
from sandbox.models.layers import (
    LAYER_UID_BASE,
    MAINTENANCE_ON_SQL,
    STAND_IN_SANDBOX_ID,
    LayeredModel,
    LayeredQuerySet,
    UnscopedLayerQuery,
    layer_maintenance_begin,
    rebind,
)
from sandbox.models.records import (
    Alert,
    AlertChange,
    AlertHit,
    AuditEvent,
    CrossBorderQuery,
    Document,
    DocumentScan,
    HitNotification,
    InformationRequest,
    Movement,
    Person,
    QueryResult,
    ReturnEvent,
)
from sandbox.models.reference import AlertCategory, CrossingPoint, DocumentType, IcaoCountry, TravelPurpose
from sandbox.models.sandboxes import Baseline, DataQualityDefect, MonthlySummary, Sandbox

LAYERED_MODELS: tuple[type[LayeredModel], ...] = (
    Person,
    Document,
    Movement,
    ReturnEvent,
    Alert,
    AlertChange,
    AlertHit,
    HitNotification,
    CrossBorderQuery,
    QueryResult,
    InformationRequest,
    AuditEvent,
    DocumentScan,
)

__all__ = [
    "LAYERED_MODELS",
    "LAYER_UID_BASE",
    "MAINTENANCE_ON_SQL",
    "STAND_IN_SANDBOX_ID",
    "Alert",
    "AlertCategory",
    "AlertChange",
    "AlertHit",
    "AttemptState",
    "AuditEvent",
    "Baseline",
    "CrossBorderQuery",
    "CrossingPoint",
    "DataQualityDefect",
    "Document",
    "DocumentScan",
    "DocumentType",
    "ExerciseAttempt",
    "ExerciseCheck",
    "HitNotification",
    "IcaoCountry",
    "InformationRequest",
    "LayeredModel",
    "LayeredQuerySet",
    "MonthlySummary",
    "Movement",
    "Person",
    "QueryResult",
    "ReturnEvent",
    "Sandbox",
    "TravelPurpose",
    "UnscopedLayerQuery",
    "layer_maintenance_begin",
    "rebind",
]
