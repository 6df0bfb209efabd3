"""Reference data of the mirrored platform: states and nationalities, crossing points, document
types, travel purposes and alert categories. Shared by every sandbox and read-only to learners;
`sandbox.reference.sandbox_reference_sync()` keeps it in step with the project's data.

Natural codes are the primary keys (ICAO state codes, crossing-point codes such as `GT-VNU`),
so bulk-loaded rows and MRZ fields refer to them directly.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sandbox.models.choices import (
    AlertAction,
    AlertSubject,
    CrossingKind,
    MrzFormat,
    Sensitivity,
    in_choices,
)


class BilingualNameMixin(models.Model):
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class IcaoCountry(BilingualNameMixin):
    """A state or ICAO document authority of the information platform, keyed by its ICAO 9303 code:
    nationalities, issuing states, the countries movements come from and go to.

    Not `people.Country`, the OCAM member whose officials the platform trains. The ICAO code is
    ISO 3166-1 alpha-3 for most states, `D` for Germany, and the X-codes (XXA stateless, XXB/XXC
    refugees, XXX unspecified, ...) that have no ISO counterpart. Named `Country` until issue 17;
    the table keeps its name.
    """

    code = models.CharField(_("ICAO code"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, blank=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, blank=True)
    numeric = models.CharField(_("ISO 3166 numeric"), max_length=3, blank=True)
    is_ocam_member = models.BooleanField(_("OCAM member"), default=False)
    is_ca4 = models.BooleanField(_("CA-4 member"), default=False)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        db_table = "sandbox_country"
        verbose_name = _("state or nationality")
        verbose_name_plural = _("states and nationalities")
        ordering = ["name_es"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{1,3}$"), name="sandbox_country_code_format"),
            models.CheckConstraint(
                condition=models.Q(iso3="") | models.Q(iso3__regex=r"^[A-Z]{3}$"), name="sandbox_country_iso3_format"
            ),
            models.CheckConstraint(
                condition=models.Q(is_ocam_member=False) | ~models.Q(time_zone=""),
                name="sandbox_country_ocam_member_has_time_zone",
            ),
        ]

    @property
    def is_state(self) -> bool:
        """False for the ICAO X-codes (stateless, refugee, unspecified, organisations)."""
        return bool(self.iso2)


class CrossingPoint(models.Model):
    """A border crossing point of an OCAM member, with its share of the country's movements."""

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(IcaoCountry, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=4, choices=CrossingKind.choices)
    neighbour = models.ForeignKey(
        IcaoCountry,
        verbose_name=_("neighbouring country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    counterpart_code = models.CharField(_("counterpart post on the other side"), max_length=12, blank=True)
    iata = models.CharField(_("IATA code"), max_length=3, blank=True)
    volume_share = models.FloatField(_("share of the country's movements"), null=True, blank=True)
    is_ca4_internal = models.BooleanField(
        _("CA-4 internal border"),
        default=False,
        help_text=_("Nationals of CA-4 states may cross here with their national identity card."),
    )
    is_open_24h = models.BooleanField(_("open 24 hours"), default=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    duty_post = models.OneToOneField(
        "people.DutyPost",
        verbose_name=_("duty post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sandbox_crossing_point",
    )

    class Meta:
        verbose_name = _("border crossing point")
        verbose_name_plural = _("border crossing points")
        ordering = ["country_id", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=in_choices("kind", CrossingKind), name="sandbox_crossingpoint_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(volume_share__isnull=True) | models.Q(volume_share__gte=0, volume_share__lte=1),
                name="sandbox_crossingpoint_volume_share_range",
            ),
            models.CheckConstraint(
                condition=models.Q(is_open_24h=True) | models.Q(opens_at__isnull=False, closes_at__isnull=False),
                name="sandbox_crossingpoint_hours_unless_24h",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def time_zone(self) -> str:
        return self.country.time_zone


class DocumentType(BilingualNameMixin):
    """A travel or identity document type, with its machine-readable zone format."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    mrz_code = models.CharField(
        _("MRZ document code"), max_length=2, blank=True, help_text=_("The first characters of the MRZ, e.g. P or ID.")
    )
    mrz_format = models.CharField(_("MRZ format"), max_length=4, choices=MrzFormat.choices)
    is_accepted_ca4 = models.BooleanField(
        _("accepted at CA-4 internal borders"),
        default=False,
        help_text=_("Adult nationals of CA-4 states may travel within CA-4 with it."),
    )

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("mrz_format", MrzFormat), name="sandbox_documenttype_mrz_valid"
            ),
        ]


class TravelPurpose(BilingualNameMixin):
    code = models.CharField(_("code"), max_length=12, primary_key=True)

    class Meta:
        verbose_name = _("travel purpose")
        verbose_name_plural = _("travel purposes")
        ordering = ["code"]


class AlertCategory(BilingualNameMixin):
    """A kind of alert and what an officer does on a hit (DOMAIN.md appendix A3)."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    subject_kind = models.CharField(_("subject"), max_length=8, choices=AlertSubject.choices)
    default_action = models.CharField(_("default action"), max_length=16, choices=AlertAction.choices)
    default_validity_days = models.PositiveIntegerField(_("default validity (days)"))
    max_validity_days = models.PositiveIntegerField(
        _("longest validity (days)"), default=3650, help_text=_("No extension takes an alert past this many days.")
    )
    sensitivity = models.CharField(_("sensitivity"), max_length=8, choices=Sensitivity.choices)

    class Meta:
        verbose_name = _("alert category")
        verbose_name_plural = _("alert categories")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("subject_kind", AlertSubject), name="sandbox_alertcategory_subject_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("default_action", AlertAction), name="sandbox_alertcategory_action_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("sensitivity", Sensitivity), name="sandbox_alertcategory_sensitivity_valid"
            ),
        ]
