"""The main navigation: which links each role sees. Later apps add their entries here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    is_visible: Callable[[HttpRequest, frozenset[Role]], bool]
    url_args: tuple[str, ...] = ()
    url: Callable[[HttpRequest], str | None] | None = None  # instead of url_name, for pages
    # Views of other addresses that are part of this item (My certificates is part of My learning).
    section_views: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    is_current: bool


def _everyone(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return True


def _signed_in(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return request.user.is_authenticated


def _admin_users(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin")


def _sandbox_practice(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return request.user.is_authenticated and request.user.has_perm("sandbox.practise")


def _sandbox_inspection_only(request: HttpRequest, roles: frozenset[Role]) -> bool:
    return (
        request.user.is_authenticated
        and request.user.has_perm("sandbox.inspect_sandbox")
        and not request.user.has_perm("sandbox.practise")
    )


def _follows_certification(request: HttpRequest, roles: frozenset[Role]) -> bool:
    user = request.user
    return user.is_authenticated and (
        user.has_perm("people.view_country_staff") or user.has_perm("people.view_all_countries_staff")
    )


def _catalogue_url(request: HttpRequest) -> str | None:
    from courses.selectors.catalogue import catalogue_url

    return catalogue_url()


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Home"), "wagtail_serve", _everyone, url_args=("",)),
    NavItem(_("Courses"), "", _everyone, url=_catalogue_url),
    NavItem(
        _("My learning"),
        "courses:my_learning",
        _signed_in,
        section_views=("certificates:mine", "certificates:download"),
    ),
    # One sandbox entry: one's own sandbox, or the learners' sandboxes for those who only inspect.
    NavItem(pgettext_lazy("main navigation", "Sandbox"), "sandbox:home", _sandbox_practice),
    NavItem(pgettext_lazy("main navigation", "Sandbox"), "sandbox:learner_list", _sandbox_inspection_only),
    NavItem(_("Country tracking"), "tracking:index", _follows_certification),
    NavItem(_("My account"), "people:account", _signed_in),
    NavItem(_("Administration"), "wagtailadmin_home", _admin_users),
)


def navigation_for(*, request: HttpRequest, roles: frozenset[Role]) -> list[NavLink]:
    """The viewer's links. At most one is current: the link whose section the page's view is part
    of; otherwise the home page when it is the page itself, otherwise the link whose URL is the
    longest start of the path (/en/courses/my-learning/ is "My learning", not also "Courses")."""
    view_name = getattr(request.resolver_match, "view_name", None)
    entries: list[tuple[str | Promise, str, bool]] = []
    in_section: str | None = None
    for item in NAVIGATION:
        if not item.is_visible(request, roles):
            continue
        url = item.url(request) if item.url else reverse(item.url_name, args=item.url_args)
        if url is None:
            continue
        if view_name is not None and view_name in item.section_views:
            in_section = url
        is_home = item.url_args == ("",)
        entries.append((item.label, url, request.path == url if is_home else request.path.startswith(url)))
    current = in_section or max((url for _label, url, matches in entries if matches), key=len, default=None)
    return [NavLink(label=label, url=url, is_current=url == current) for label, url, _matches in entries]
