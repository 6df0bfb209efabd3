"""The shared baseline's description, each learner's sandbox, the baseline's statistics
summary, and the hidden truth table of injected data-quality defects."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from sandbox.models.choices import DefectType, SandboxRole, in_choices
from sandbox.models.layers import LAYER_UID_BASE


class Baseline(models.Model):
    """What `sandbox_generate` built: one row at most."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    seed = models.BigIntegerField(_("seed"))
    scale = models.PositiveIntegerField(_("movements requested"))
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    generator_version = models.CharField(_("generator version"), max_length=20)
    generated_at = models.DateTimeField(_("generated at"))
    counts = models.JSONField(_("rows per record type"), default=dict)

    class Meta:
        verbose_name = _("sandbox baseline")
        verbose_name_plural = _("sandbox baselines")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="sandbox_baseline_single_row")]

    def __str__(self) -> str:
        return f"seed {self.seed}, {self.scale} movements, {self.period_start} to {self.period_end}"


class Sandbox(models.Model):
    """A learner's own layer over the baseline. Created at the learner's first use."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="sandbox"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reset_at = models.DateTimeField(_("last reset"), null=True, blank=True)
    reset_count = models.PositiveIntegerField(_("resets"), default=0)
    # Uids handed out in this layer so far; never goes back, so a uid is never reused.
    uid_counter = models.BigIntegerField(default=0, editable=False)
    # The job function the learner works with here; empty: the one of their staff profile
    # (`sandbox.job_functions.acting_role`). An exercise set for another function switches it.
    role = models.CharField(
        _("acting as"), max_length=20, choices=SandboxRole.choices, blank=True, default="", db_default=""
    )
    # The member country the learner acts for: whose records they see (`LayeredQuerySet.visible_to`).
    # Set from their staff profile when the sandbox is made; NULL for someone bound to no country
    # (IOM staff), who sees the region until they choose a country to act for.
    country = models.ForeignKey(
        "sandbox.IcaoCountry",
        verbose_name=_("acting for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("sandbox")
        verbose_name_plural = _("sandboxes")
        permissions = [
            ("practise", _("Can practise in their own sandbox")),
            ("inspect_sandbox", _("Can open any learner's sandbox read-only")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uid_counter__gte=0, uid_counter__lt=LAYER_UID_BASE),
                name="sandbox_sandbox_uid_counter_range",
            ),
            models.CheckConstraint(
                condition=models.Q(role="") | in_choices("role", SandboxRole), name="sandbox_sandbox_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.owner)

    def uid_allocate(self, count: int = 1) -> list[int]:
        """Fresh uids for new records in this layer, unique across the baseline and every layer.

        One statement (`UPDATE ... RETURNING`, PostgreSQL and SQLite 3.35+): the counter moves on
        and its new value comes back atomically, whatever runs beside it."""
        table = connection.ops.quote_name(Sandbox._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET uid_counter = uid_counter + %s WHERE id = %s RETURNING uid_counter",  # noqa: S608 - the model's table
                [count, self.pk],
            )
            row = cursor.fetchone()
        if row is None:
            raise Sandbox.DoesNotExist(f"Sandbox {self.pk} no longer exists.")
        self.uid_counter = row[0]
        first = LAYER_UID_BASE * self.pk + self.uid_counter - count + 1
        return list(range(first, first + count))


class MonthlySummary(models.Model):
    """Statistics of the baseline for one month, by the local date at the crossing point.

    `data` is built by `sandbox.statistics` from the baseline alone; a learner's statistics
    are this summary corrected by their layer.
    """

    month = models.DateField(_("month"), unique=True)
    data = models.JSONField(_("summary"))

    class Meta:
        verbose_name = _("monthly summary")
        verbose_name_plural = _("monthly summaries")
        ordering = ["month"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__day=1), name="sandbox_monthlysummary_first_day")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class DataQualityDefect(models.Model):
    """A defect the generator injected into the baseline: the hidden truth for data-quality
    exercises. Never shown to learners."""

    entity = models.CharField(_("record type"), max_length=20)
    entity_uid = models.BigIntegerField(_("record"))
    defect_type = models.CharField(_("defect"), max_length=20, choices=DefectType.choices)
    field_name = models.CharField(_("field"), max_length=40, blank=True)
    injected_value = models.CharField(_("injected value"), max_length=200, blank=True)
    original_value = models.CharField(_("original value"), max_length=200, blank=True)
    related_uid = models.BigIntegerField(_("related record"), null=True, blank=True)

    class Meta:
        verbose_name = _("data-quality defect")
        verbose_name_plural = _("data-quality defects")
        indexes = [models.Index(fields=["entity", "entity_uid"], name="sandbox_defect_entity")]
        constraints = [
            models.CheckConstraint(condition=in_choices("defect_type", DefectType), name="sandbox_defect_type_valid")
        ]

    def __str__(self) -> str:
        return f"{self.defect_type} {self.entity} {self.entity_uid}"
