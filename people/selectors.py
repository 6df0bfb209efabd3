"""Reads about people. Every list of people takes the viewer and is scoped by country (D7).

A focal point sees their own country only; the regional coordinator, administrators and
IOM trainers see every country; everyone else sees only themselves. A viewer whose
country cannot be established sees nothing beyond themselves (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from people.models import StaffProfile, User
from people.roles import GROUP_NAMES, ROLE_BY_GROUP_NAME, Role

Viewer = User | AnonymousUser


def user_roles(*, user: Viewer) -> frozenset[Role]:
    """The roles a user holds; cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_lms_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(ROLE_BY_GROUP_NAME[name] for name in names if name in ROLE_BY_GROUP_NAME)
        if user.is_superuser:
            cached |= {Role.ADMINISTRATOR}
        user._lms_roles = cached
    return cached


def staff_profile_for(*, user: Viewer) -> StaffProfile | None:
    if not user.is_authenticated:
        return None
    try:
        return StaffProfile.objects.select_related("country", "authority__country", "duty_post").get(user=user)
    except StaffProfile.DoesNotExist:
        return None


@dataclass(frozen=True)
class CountryScope:
    """Which countries' people a viewer may see."""

    all_countries: bool
    country_ids: frozenset[int]
    viewer_id: int | None

    def people_filter(self, *, user_field: str = "pk", country_field: str = "staff_profile__country") -> Q:
        """A filter for rows about people: `user_field` leads to the person, `country_field` to their country."""
        if self.all_countries:
            return Q()
        own = Q(**{user_field: self.viewer_id}) if self.viewer_id else Q(pk__in=[])
        if not self.country_ids:
            return own
        return own | Q(**{f"{country_field}__in": self.country_ids})


def country_scope_for(*, viewer: Viewer) -> CountryScope:
    """The one place that decides whose data a viewer may see; cached on the user object for
    the request, as the roles are (a page asks several selectors, each asks for the scope)."""
    if not viewer.is_authenticated or not viewer.is_active:
        return CountryScope(all_countries=False, country_ids=frozenset(), viewer_id=None)
    cached = getattr(viewer, "_lms_country_scope", None)
    if cached is None:
        cached = viewer._lms_country_scope = _country_scope(viewer)
    return cached


def _country_scope(viewer: Viewer) -> CountryScope:
    roles = user_roles(user=viewer)
    if roles & {Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR}:
        return CountryScope(all_countries=True, country_ids=frozenset(), viewer_id=viewer.pk)
    profile = staff_profile_for(user=viewer)
    if Role.TRAINER in roles and profile is not None and profile.authority.is_iom:
        return CountryScope(all_countries=True, country_ids=frozenset(), viewer_id=viewer.pk)
    if roles & {Role.FOCAL_POINT, Role.TRAINER} and profile is not None and profile.country_id is not None:
        return CountryScope(all_countries=False, country_ids=frozenset({profile.country_id}), viewer_id=viewer.pk)
    return CountryScope(all_countries=False, country_ids=frozenset(), viewer_id=viewer.pk)


def user_list(*, viewer: Viewer) -> QuerySet[User]:
    """Users the viewer may see."""
    scope = country_scope_for(viewer=viewer)
    return User.objects.filter(scope.people_filter()).select_related(
        "staff_profile__country", "staff_profile__authority__country", "staff_profile__duty_post"
    )


def staff_profile_list(*, viewer: Viewer) -> QuerySet[StaffProfile]:
    """Staff profiles the viewer may see."""
    scope = country_scope_for(viewer=viewer)
    return StaffProfile.objects.filter(scope.people_filter(user_field="user", country_field="country"))


@dataclass(frozen=True)
class NameCorrectionContacts:
    """Who corrects a person's name: their country's focal points, or else the administrators."""

    are_focal_points: bool
    people: list[User]


def name_correction_contacts_for(*, user: User) -> NameCorrectionContacts:
    """The focal points of the user's country (the name belongs to the authority's staff record);
    the administrators when the user has no country or the country has no focal point."""
    active = User.objects.filter(is_active=True).exclude(pk=user.pk).order_by("full_name", "email")
    profile = staff_profile_for(user=user)
    if profile is not None and profile.country_id is not None:
        focal_points = list(
            active.filter(groups__name=GROUP_NAMES[Role.FOCAL_POINT], staff_profile__country_id=profile.country_id)
        )
        if focal_points:
            return NameCorrectionContacts(are_focal_points=True, people=focal_points)
    administrators = active.filter(Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR]) | Q(is_superuser=True))
    return NameCorrectionContacts(are_focal_points=False, people=list(administrators.distinct()))
