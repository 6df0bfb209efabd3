import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from lms.shell.roles import role_permissions, roles_sync
from people.roles import GROUP_NAMES, Role, group_for
from people.services import role_assign
from tests.people.factories import UserFactory, person

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_declared_permissions():
    for role in Role:
        group = Group.objects.get(name=GROUP_NAMES[role])
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == set(role_permissions()[role]), role


def test_roles_sync_removes_permissions_added_by_hand_and_restores_missing_ones():
    trainers = group_for(Role.TRAINER)
    trainers.permissions.add(Permission.objects.get(codename="delete_user"))
    trainers.permissions.remove(Permission.objects.get(codename="access_admin"))
    roles_sync()
    codenames = set(trainers.permissions.values_list("codename", flat=True))
    assert "delete_user" not in codenames
    assert "access_admin" in codenames


def test_roles_sync_is_idempotent():
    roles_sync()
    roles_sync()
    assert Group.objects.filter(name__in=GROUP_NAMES.values()).count() == len(Role)


def test_trainers_can_edit_and_publish_pages_and_use_images():
    trainer = person(role=Role.TRAINER, authority_code="iom")
    assert trainer.has_perm("wagtailadmin.access_admin")
    assert group_for(Role.TRAINER).page_permissions.filter(permission__codename="publish_page").exists()
    assert group_for(Role.TRAINER).collection_permissions.filter(permission__codename="add_image").exists()
    assert not trainer.has_perm("people.change_user")


def test_learners_and_focal_points_have_no_admin_access():
    assert not person(role=Role.LEARNER).has_perm("wagtailadmin.access_admin")
    assert not person(role=Role.FOCAL_POINT).has_perm("wagtailadmin.access_admin")


def test_a_focal_point_must_be_bound_to_a_country():
    without_profile = UserFactory()
    with pytest.raises(ValidationError, match="punto focal de país"):
        role_assign(user=without_profile, role=Role.FOCAL_POINT)
    iom_staff = person(role=None, authority_code="iom")
    with pytest.raises(ValidationError, match="punto focal de país"):
        role_assign(user=iom_staff, role=Role.FOCAL_POINT)
    assert not without_profile.groups.exists()


def test_adding_someone_without_a_country_to_the_focal_point_group_directly_is_refused():
    user = UserFactory()
    with pytest.raises(ValidationError, match="punto focal de país"), transaction.atomic():
        user.groups.add(group_for(Role.FOCAL_POINT))
    with pytest.raises(ValidationError, match="punto focal de país"), transaction.atomic():
        group_for(Role.FOCAL_POINT).user_set.add(user)
    assert not user.groups.exists()


def test_a_focal_point_with_a_national_authority_is_accepted():
    user = person(role=None, authority_code="hn-inm")
    role_assign(user=user, role=Role.FOCAL_POINT)
    assert user.groups.filter(name=GROUP_NAMES[Role.FOCAL_POINT]).exists()


def test_a_focal_point_cannot_be_moved_to_iom_or_lose_their_profile():
    from people.models import Authority, StaffProfile
    from people.services import staff_profile_remove, staff_profile_set

    focal_point = person(role=Role.FOCAL_POINT, authority_code="gt-igm")
    with pytest.raises(ValidationError, match="punto focal de país"):
        staff_profile_set(user=focal_point, authority=Authority.objects.get(code="iom"))
    with pytest.raises(ValidationError, match="punto focal de país"):
        staff_profile_remove(user=focal_point)
    assert StaffProfile.objects.get(user=focal_point).country.iso3 == "GTM"
