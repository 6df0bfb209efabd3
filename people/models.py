"""People and organisations: users, OCAM countries, migration authorities, duty posts, staff profiles.

Invariants:
- a user logs in by e-mail, unique without regard to case;
- a full name is stored exactly as written on identity documents, in Unicode NFC;
- a staff profile's authority, duty post and country agree (IOM staff have no country);
- every choice field is backed by a named database constraint.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from people.names import normalize_name, validate_name_characters


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")


class JobFunction(models.TextChoices):
    BORDER_OFFICER = "border_officer", _("Border officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    ANALYST = "analyst", _("Analyst")
    ALERT_MANAGER = "alert_manager", _("Alert manager")
    STATISTICS_OFFICER = "statistics_officer", _("Statistics officer")
    TRAINER = "trainer", _("Trainer")
    OTHER = "other", _("Other")


class DutyPostKind(models.TextChoices):
    AIR = "AIR", _("Airport")
    LAND = "LAND", _("Land crossing")
    SEA = "SEA", _("Seaport")
    OFFICE = "OFFICE", _("Office")


class SourceStatus(models.TextChoices):
    VERIFIED = "yes", _("Verified in a source")
    PARTLY = "partly", _("Partly verified")
    UNVERIFIED = "no", _("Not verified")


STAFF_NUMBER_TAKEN = "staff_number_taken"


def _in_choices(field: str, choices: type[models.TextChoices]) -> models.Q:
    return models.Q(**{f"{field}__in": choices.values})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=200,
        help_text=_("Exactly as written on the identity document, with accents and both surnames."),
        validators=[validate_name_characters],
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.SPANISH
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive users cannot log in. Deactivate instead of deleting."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="people_user_email_ci_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
            models.CheckConstraint(
                condition=_in_choices("preferred_language", Language),
                name="people_user_preferred_language_valid",
            ),
        ]
        permissions = [
            ("view_country_staff", _("Can view the staff of their own country")),
            ("view_all_countries_staff", _("Can view the staff of every country")),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>" if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).strip()
        self.full_name = normalize_name(self.full_name)

    def save(self, *args, **kwargs) -> None:
        self.full_name = normalize_name(self.full_name)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Country(models.Model):
    """One of the eight OCAM member states."""

    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64)
    is_ca4 = models.BooleanField(
        _("CA-4 member"),
        default=False,
        help_text=_("Nationals cross CA-4 borders with their national identity card."),
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_es"]
        constraints = [
            models.CheckConstraint(condition=models.Q(iso2__regex=r"^[A-Z]{2}$"), name="people_country_iso2_format"),
            models.CheckConstraint(condition=models.Q(iso3__regex=r"^[A-Z]{3}$"), name="people_country_iso3_format"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == Language.ENGLISH else self.name_es


class Authority(models.Model):
    """A country's migration authority, or IOM (which has no country)."""

    country = models.OneToOneField(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authority",
    )
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("official name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    is_iom = models.BooleanField(_("IOM"), default=False)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_iom=True, country__isnull=True) | models.Q(is_iom=False, country__isnull=False),
                name="people_authority_country_unless_iom",
            ),
        ]

    def __str__(self) -> str:
        """The name, acronym and country: three countries' authorities share one name (DGME)."""
        label = self.name_en if get_language() == Language.ENGLISH else self.name
        if self.acronym:
            label = f"{label} ({self.acronym})"
        return f"{label} · {self.country.name}" if self.country_id is not None else label


class DutyPost(models.Model):
    """A border crossing point or office where staff are posted."""

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="duty_posts")
    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=DutyPostKind.choices)
    neighbour_iso3 = models.CharField(_("neighbouring country (ISO alpha-3)"), max_length=3, blank=True)
    counterpart_code = models.CharField(_("counterpart post on the other side"), max_length=12, blank=True)
    iata = models.CharField(_("IATA code"), max_length=3, blank=True)
    volume_share = models.DecimalField(
        _("share of the country's movements"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    source_status = models.CharField(
        _("source"), max_length=8, choices=SourceStatus.choices, default=SourceStatus.UNVERIFIED
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("duty post")
        verbose_name_plural = _("duty posts")
        ordering = ["country__name_es", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=_in_choices("kind", DutyPostKind), name="people_dutypost_kind_valid"),
            models.CheckConstraint(
                condition=_in_choices("source_status", SourceStatus), name="people_dutypost_source_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(volume_share__isnull=True) | models.Q(volume_share__gte=0, volume_share__lte=1),
                name="people_dutypost_volume_share_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class StaffProfile(models.Model):
    """Where a user works and what they do. IOM staff belong to no country."""

    user = models.OneToOneField(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_profile")
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_profiles",
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="staff_profiles"
    )
    duty_post = models.ForeignKey(
        DutyPost,
        verbose_name=_("duty post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_profiles",
    )
    job_function = models.CharField(
        _("job function"), max_length=24, choices=JobFunction.choices, default=JobFunction.OTHER
    )
    staff_number = models.CharField(_("staff number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=_in_choices("job_function", JobFunction), name="people_staffprofile_job_function_valid"
            ),
            models.UniqueConstraint(
                fields=["authority", "staff_number"],
                condition=~models.Q(staff_number=""),
                name="people_staffprofile_staff_number_unique_per_authority",
                violation_error_message=_("Another person of this authority has this staff number."),
                violation_error_code=STAFF_NUMBER_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.authority_id is not None:
            if self.authority.is_iom and self.country_id is not None:
                errors["country"] = ValidationError(_("IOM staff do not belong to a country."))
            if not self.authority.is_iom and self.authority.country_id != self.country_id:
                errors["authority"] = ValidationError(
                    _("The authority must be the migration authority of the country.")
                )
        if self.duty_post_id is not None and self.duty_post.country_id != self.country_id:
            errors["duty_post"] = ValidationError(_("The duty post must be in the same country."))
        if errors:
            raise ValidationError(errors)
