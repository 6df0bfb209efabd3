"""Template context of the site shell: navigation for the viewer's roles and the languages offered.

Values are callables, which templates evaluate only where they are used: the Wagtail admin
renders with this processor too and never pays for the site's navigation.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from lms.shell.navigation import navigation_for
from people.selectors import user_roles


def site_shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "navigation": lambda: navigation_for(request=request, roles=user_roles(user=user)),
        "viewer_roles": lambda: sorted(str(role.label) for role in user_roles(user=user)),
        "site_languages": settings.LANGUAGES,
    }
