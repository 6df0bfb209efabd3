"""The sandbox's models: reference data, layered records, sandboxes and the baseline."""

from sandbox.models.choices import *  # noqa: F403
from sandbox.models.layers import (
    LAYER_UID_BASE,
    STAND_IN_SANDBOX_ID,
    LayeredModel,
    LayeredQuerySet,
    UnscopedLayerQuery,
    rebind,
)
from sandbox.models.records import (
    Alert,
    AlertHit,
    AuditEvent,
    CrossBorderQuery,
    Document,
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
    AlertHit,
    CrossBorderQuery,
    QueryResult,
    InformationRequest,
    AuditEvent,
)

__all__ = [
    "LAYERED_MODELS",
    "LAYER_UID_BASE",
    "STAND_IN_SANDBOX_ID",
    "Alert",
    "AlertCategory",
    "AlertHit",
    "AuditEvent",
    "Baseline",
    "CrossBorderQuery",
    "CrossingPoint",
    "DataQualityDefect",
    "Document",
    "DocumentType",
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
    "rebind",
]
