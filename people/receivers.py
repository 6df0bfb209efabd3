"""Signal receivers: hand-offs to services and invariant guards, nothing more."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def focal_point_requires_country(
    sender: Any, instance: Any, action: str, pk_set: set[int] | None, reverse: bool, **kwargs: Any
) -> None:
    """A country focal point is bound to exactly one country: their staff profile's.

    Guards every way into the group (user.groups.add and group.user_set.add); forms and
    services check first so that people see a message rather than this error.
    """
    if action != "pre_add" or not pk_set:
        return
    from django.contrib.auth.models import Group

    from people.models import StaffProfile
    from people.roles import FOCAL_POINT_NEEDS_COUNTRY, GROUP_NAMES, Role

    focal_points = GROUP_NAMES[Role.FOCAL_POINT]
    if reverse:
        if instance.name != focal_points:
            return
        user_ids = set(pk_set)
    else:
        if not Group.objects.filter(pk__in=pk_set, name=focal_points).exists():
            return
        user_ids = {instance.pk}
    with_country = StaffProfile.objects.filter(user_id__in=user_ids, country__isnull=False).count()
    if with_country != len(user_ids):
        raise ValidationError(FOCAL_POINT_NEEDS_COUNTRY)


def preferred_language_from_wagtail_profile(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A language chosen in the Wagtail admin's account settings becomes the user's preference too."""
    from people.languages import supported_language
    from people.models import User

    language = instance.preferred_language
    if language and supported_language(language) == language:
        User.objects.filter(pk=instance.user_id).exclude(preferred_language=language).update(
            preferred_language=language
        )
