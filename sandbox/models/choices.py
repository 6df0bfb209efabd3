"""Code lists of the mirrored platform. Each is backed by a database constraint where used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def in_choices(field: str, choices: type[models.TextChoices]) -> models.Q:
    return models.Q(**{f"{field}__in": choices.values})


class TransportMode(models.TextChoices):
    AIR = "AIR", _("Air")
    LAND = "LAND", _("Land")
    SEA = "SEA", _("Sea")


CrossingKind = TransportMode


class MrzFormat(models.TextChoices):
    TD1 = "TD1", _("TD1 (card, 3 lines of 30)")
    TD2 = "TD2", _("TD2 (2 lines of 36)")
    TD3 = "TD3", _("TD3 (passport, 2 lines of 44)")
    NONE = "NONE", _("No machine-readable zone")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNSPECIFIED = "X", _("Unspecified")


class AgeGroup(models.TextChoices):
    """SDMX-style age groups of DOMAIN.md 5b."""

    UNDER_12 = "Y_LT12", _("Under 12")
    FROM_12_TO_17 = "Y12T17", _("12 to 17")
    FROM_18_TO_29 = "Y18T29", _("18 to 29")
    FROM_30_TO_44 = "Y30T44", _("30 to 44")
    FROM_45_TO_59 = "Y45T59", _("45 to 59")
    FROM_60 = "Y_GE60", _("60 and over")


class Sensitivity(models.TextChoices):
    NORMAL = "NORMAL", _("Normal")
    MINOR = "MINOR", _("Minor")
    VICTIM = "VICTIM", _("Victim")
    ASYLUM = "ASYLUM", _("Asylum seeker or refugee")


class DocumentStatus(models.TextChoices):
    VALID = "VALID", _("Valid")
    EXPIRED = "EXPIRED", _("Expired")
    LOST = "LOST", _("Reported lost")
    STOLEN = "STOLEN", _("Reported stolen")
    REVOKED = "REVOKED", _("Revoked")
    SEIZED = "SEIZED", _("Seized at the border")


class Direction(models.TextChoices):
    ENTRY = "ENTRY", _("Entry")
    EXIT = "EXIT", _("Exit")


class Decision(models.TextChoices):
    ADMITTED = "ADMITTED", _("Admitted")
    REFUSED = "REFUSED", _("Refused")
    REFERRED = "REFERRED", _("Referred to secondary inspection")


class RefusalCode(models.TextChoices):
    """Why a traveller was refused or referred, as a code a report (and an exercise) can count;
    the officer's own words go in the free-text reason beside it."""

    PASSPORT_REQUIRED = "PASSPORT_REQUIRED", _("Passport required: a minor cannot travel on an identity card")
    DOCUMENT_NOT_ACCEPTED_HERE = "DOCUMENT_NOT_ACCEPTED_HERE", _("Document not accepted at this crossing point")
    DOCUMENT_EXPIRED = "DOCUMENT_EXPIRED", _("Document expired")
    SCREENING_HIT = "SCREENING_HIT", _("Screening hit: referred to secondary inspection")
    ALERT_CONFIRMED = "ALERT_CONFIRMED", _("Alert confirmed at secondary inspection")
    MINOR_CONSENT = "MINOR_CONSENT", _("Minor without the accompanying adult or exit permit required")
    OTHER = "OTHER", _("Other reason (describe it)")


class ScreeningResult(models.TextChoices):
    NO_HIT = "NO_HIT", _("No hit")
    POSSIBLE = "POSSIBLE", _("Possible hit")
    HIT = "HIT", _("Hit")


class CaptureSource(models.TextChoices):
    MRZ_SCAN = "MRZ_SCAN", _("MRZ scan")
    CHIP = "CHIP", _("Chip read")
    MANUAL = "MANUAL", _("Typed by hand")
    MOBILE = "MOBILE", _("Mobile device")


class ReturningCountry(models.TextChoices):
    USA = "USA", _("United States")
    MEXICO = "MEX", _("Mexico")
    OTHER = "OTHER", _("Other country")


class ReturnType(models.TextChoices):
    DEPORTATION = "DEPORTATION", _("Deportation")
    EXPULSION = "EXPULSION", _("Expulsion")
    ASSISTED_VOLUNTARY = "AVR", _("Assisted voluntary return")
    INADMISSION = "INADMISSION", _("Return after inadmission")


class AlertSubject(models.TextChoices):
    PERSON = "PERSON", _("Person")
    DOCUMENT = "DOCUMENT", _("Document")


class AlertAction(models.TextChoices):
    REFUSE_ENTRY = "REFUSE_ENTRY", _("Refuse entry")
    PREVENT_EXIT = "PREVENT_EXIT", _("Prevent exit")
    ARREST_NOTIFY = "ARREST_NOTIFY", _("Detain and notify the police")
    PROTECT_MINOR = "PROTECT_MINOR", _("Protect the minor and refer to child protection")
    DISCREET_CHECK = "DISCREET_CHECK", _("Record and report discreetly")
    SEIZE_DOCUMENT = "SEIZE_DOCUMENT", _("Seize the document")
    INFO_ONLY = "INFO_ONLY", _("Information only")


class AlertStatus(models.TextChoices):
    """Where an alert stands; `sandbox.alerts.TRANSITIONS` says which changes are allowed."""

    DRAFT = "DRAFT", _("Awaiting approval")
    ACTIVE = "ACTIVE", _("Active")
    SUSPENDED = "SUSPENDED", _("Suspended")
    EXPIRED = "EXPIRED", _("Expired")
    CANCELLED = "CANCELLED", _("Cancelled")
    FULFILLED = "FULFILLED", _("Fulfilled")


class SharingScope(models.TextChoices):
    NATIONAL = "NATIONAL", _("National only")
    OCAM_ALL = "OCAM_ALL", _("All OCAM members")
    SELECTED = "SELECTED", _("Selected countries")


class HitMatchType(models.TextChoices):
    DOCUMENT_EXACT = "DOC_EXACT", _("Exact document match")
    NAME_FUZZY = "NAME_DOB_FUZZY", _("Similar name and birth date")
    PERSON_RECORD = "PERSON_RECORD", _("Person on file or national ID")
    MANUAL = "MANUAL", _("Manual")


class HitAction(models.TextChoices):
    """What the secondary officer did on an adjudicated hit (DOMAIN.md 1.5, workflow 3)."""

    REFUSE = "REFUSE", _("Refused entry or exit")
    SEIZE_DOCUMENT = "SEIZE_DOCUMENT", _("Document detained")
    NOTIFY_POLICE = "NOTIFY_POLICE", _("Police notified")
    CHILD_PROTECTION = "CHILD_PROTECTION", _("Referred to child protection")
    NOTIFY_ISSUER = "NOTIFY_ISSUER", _("Issuing country notified")
    ADMIT = "ADMIT", _("Admitted")


class SandboxRole(models.TextChoices):
    """The job function a learner works with inside the sandbox (DOMAIN.md 1.4)."""

    BORDER_OFFICER = "border_officer", _("Primary-line border officer")
    SECONDARY_OFFICER = "secondary_officer", _("Secondary-line officer")
    ALERT_MANAGER = "alert_manager", _("Alert manager")
    ANALYST = "analyst", _("Analyst")
    STATISTICS_OFFICER = "statistics_officer", _("Statistics officer")
    FOCAL_POINT = "focal_point", _("Consultation focal point")
    SUPERVISOR = "post_supervisor", _("Post supervisor")


class AlertChangeKind(models.TextChoices):
    # A context of their own: "Created", "Extended"... are also Wagtail's and Django's msgids.
    CREATE = "CREATE", pgettext_lazy("alert change", "Created")
    APPROVE = "APPROVE", pgettext_lazy("alert change", "Approved")
    REJECT = "REJECT", pgettext_lazy("alert change", "Rejected")
    REVIEW = "REVIEW", pgettext_lazy("alert change", "Reviewed")
    EXTEND = "EXTEND", pgettext_lazy("alert change", "Extended")
    SUSPEND = "SUSPEND", pgettext_lazy("alert change", "Suspended")
    RESUME = "RESUME", pgettext_lazy("alert change", "Resumed")
    FULFIL = "FULFIL", pgettext_lazy("alert change", "Fulfilled")
    CANCEL = "CANCEL", pgettext_lazy("alert change", "Cancelled")
    EXPIRE = "EXPIRE", pgettext_lazy("alert change", "Expired")
    FOLLOW_UP = "FOLLOW_UP", pgettext_lazy("alert change", "Follow-up requested")


class HitDisposition(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    CONFIRMED = "CONFIRMED", _("Confirmed")
    FALSE_POSITIVE = "FALSE_POSITIVE", _("False positive")
    INCONCLUSIVE = "INCONCLUSIVE", _("Inconclusive")


class PurposeCode(models.TextChoices):
    BORDER_CHECK = "BORDER_CHECK", _("Border check")
    INVESTIGATION = "INVESTIGATION", _("Investigation")
    RETURN_VERIFICATION = "RETURN_VERIFICATION", _("Return verification")
    CHILD_PROTECTION = "CHILD_PROTECTION", _("Child protection")


class QueryOutcome(models.TextChoices):
    HIT = "HIT", _("Hit")
    NO_HIT = "NO_HIT", _("No hit")


class InformationRequestStatus(models.TextChoices):
    SENT = "SENT", _("Sent")
    APPROVED = "APPROVED", _("Approved")
    PARTIAL = "PARTIAL", _("Partly approved")
    REFUSED = "REFUSED", _("Refused")
    EXPIRED = "EXPIRED", _("Expired")


class AuditAction(models.TextChoices):
    # A context of their own: the plain msgids are also the Wagtail admin's buttons, which the
    # project's catalogue would otherwise turn into "Alta", "Baja"...
    SEARCH = "SEARCH", pgettext_lazy("audit action", "Search")
    VIEW = "VIEW", pgettext_lazy("audit action", "View")
    CREATE = "CREATE", pgettext_lazy("audit action", "Create")
    UPDATE = "UPDATE", pgettext_lazy("audit action", "Update")
    DELETE = "DELETE", pgettext_lazy("audit action", "Delete")
    QUERY = "QUERY", _("Cross-border query")
    ANSWER = "ANSWER", pgettext_lazy("audit action", "Answer to a query")
    REQUEST = "REQUEST", pgettext_lazy("audit action", "Information request")
    RELEASE = "RELEASE", pgettext_lazy("audit action", "Information released")
    REFUSE = "REFUSE", pgettext_lazy("audit action", "Request refused")
    EXPORT = "EXPORT", _("Export")


class DefectType(models.TextChoices):
    """Data-quality defects the generator injects (DOMAIN.md 5b), kept as a hidden truth table."""

    DUPLICATE_PERSON = "DUPLICATE_PERSON", _("Duplicate person record")
    NAME_VARIANT = "NAME_VARIANT", _("Surnames swapped or missing")
    DIACRITIC = "DIACRITIC", _("Diacritic or Ñ inconsistency")
    BIRTH_DATE_SWAPPED = "DOB_SWAPPED", _("Birth day and month swapped")
    BIRTH_DATE_IMPLAUSIBLE = "DOB_IMPLAUSIBLE", _("Implausible birth date")
    WRONG_COUNTRY_CODE = "WRONG_COUNTRY_CODE", _("Wrong country code")
    MRZ_MISREAD = "MRZ_MISREAD", _("MRZ misread")
    MISSING_COUNTERPART = "MISSING_COUNTERPART", _("Exit without entry or entry without exit")
    TIME_ZONE = "TIME_ZONE", _("Time zone error")
    SHARED_DOCUMENT_NUMBER = "SHARED_DOCUMENT", _("Same document number on two persons")
    TEST_RECORD = "TEST_RECORD", _("Test record")
    MINOR_WITHOUT_ADULT = "MINOR_WITHOUT_ADULT", _("Minor exiting without a linked adult or permit")
    STALE_ALERT = "STALE_ALERT", _("Stale alert still active")
    OUTSIDE_HOURS = "OUTSIDE_HOURS", _("Movement outside opening hours")
    SEX_MISMATCH = "SEX_MISMATCH", _("Sex missing or inconsistent with the name")


class ScanStatus(models.TextChoices):
    """Where a scanned machine-readable zone stands in the triage queue (exercise #2)."""

    PENDING = "PENDING", _("Waiting for triage")
    ACCEPTED = "ACCEPTED", _("Accepted as read")
    CORRECTED = "CORRECTED", _("Accepted, corrected")
    REJECTED = "REJECTED", _("Rejected")


class ScanRejection(models.TextChoices):
    EXPIRED = "EXPIRED", _("The document has expired")
    UNREADABLE = "UNREADABLE", _("The zone cannot be read or corrected")
    NOT_A_DOCUMENT = "NOT_DOCUMENT", _("Not a travel document the post accepts")
