"""Template context of the site shell: navigation for the viewer's roles and the languages offered."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from lms.core.navigation import navigation_for
from lms.people.selectors import user_roles


def site_shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    roles = user_roles(user=user)
    return {
        "navigation": navigation_for(request=request, roles=roles),
        "viewer_roles": sorted(role.label for role in roles),
        "site_languages": settings.LANGUAGES,
    }
