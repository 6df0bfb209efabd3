"""Who follows which country's certification. Every read of `tracking.selectors` takes the viewer
and scopes by country through `people.selectors.country_scope_for` (D7): a focal point reads their
own country only, the regional coordinator and administrators every country; a country outside the
viewer's scope, or an object in it, is a 404 (`in_scope`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from people.models import Country
from people.selectors import CountryScope, Viewer, country_scope_for

VIEW_PERMISSIONS = ("people.view_country_staff", "people.view_all_countries_staff")
MANAGE_PERMISSION = "tracking.change_trainingrule"


def can_track(viewer: Viewer) -> bool:
    """Focal points, the regional coordinator and administrators follow certification."""
    return viewer.is_authenticated and any(viewer.has_perm(permission) for permission in VIEW_PERMISSIONS)


def tracking_scope(*, viewer: Viewer) -> CountryScope:
    """The viewer's country scope, or PermissionDenied for people who do not follow certification."""
    if not can_track(viewer):
        raise PermissionDenied
    return country_scope_for(viewer=viewer)


def countries_visible(*, viewer: Viewer) -> QuerySet[Country]:
    scope = tracking_scope(viewer=viewer)
    countries = Country.objects.order_by("name_es")
    return countries if scope.all_countries else countries.filter(pk__in=scope.country_ids)


def country_for(*, viewer: Viewer, iso2: str) -> Country:
    """A country the viewer follows, or 404."""
    country = countries_visible(viewer=viewer).filter(iso2=iso2.upper()).first()
    if country is None:
        raise Http404
    return country


def sees_region(*, viewer: Viewer) -> bool:
    return can_track(viewer) and country_scope_for(viewer=viewer).all_countries


def _covers(scope: CountryScope, country: Country) -> bool:
    return scope.all_countries or country.pk in scope.country_ids


def can_manage(*, viewer: Viewer, country: Country) -> bool:
    """Rules and roster imports: the country's focal point, or an administrator."""
    if not viewer.is_authenticated or not viewer.has_perm(MANAGE_PERMISSION):
        return False
    return _covers(country_scope_for(viewer=viewer), country)


def in_scope(viewer: Viewer, country: Country) -> None:
    if not _covers(tracking_scope(viewer=viewer), country):
        raise Http404
