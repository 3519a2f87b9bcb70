"""The scope module: which areas each persona may read and write, and the queryset helpers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import scope
from accounts.models import Area, Membership


def names(qs):
    return {a.name for a in qs}


def test_village_head_reads_only_their_village(world, user_named):
    assert names(scope.readable_areas(user_named("thon1"))) == {"Thôn 1"}


def test_culture_social_officer_reads_their_commune_and_its_villages(world, user_named):
    areas = names(scope.readable_areas(user_named("vhxh")))
    assert areas == {"Y Tịch"} | {f"Thôn {n}" for n in range(1, 9)}
    assert "Hòa Bình" not in areas


def test_district_reads_all_its_communes_but_writes_nothing(world, user_named):
    huyen = user_named("huyen")
    areas = names(scope.readable_areas(huyen))
    assert {"Chi Lăng", "Y Tịch", "Hòa Bình", "Thôn 1", "Thôn Bản Trang"} <= areas
    assert "Lạng Sơn" not in areas
    assert scope.writable_areas(huyen).count() == 0


def test_officer_of_other_commune_sees_nothing_of_y_tich(world, user_named):
    areas = names(scope.readable_areas(user_named("vhxh2")))
    assert areas == {"Hòa Bình", "Thôn Bản Trang"}


def test_superuser_reads_everything(world, user_named):
    assert scope.readable_areas(user_named("admin")).count() == Area.objects.count()


def test_permissions_follow_the_role_matrix(world, user_named):
    thon1, vhxh, ketoan, congan = (user_named(u) for u in ("thon1", "vhxh", "ketoan", "congan"))
    village1, village2 = world["villages"][0], world["villages"][1]
    assert scope.can(thon1, "registry.edit", village1)
    assert not scope.can(thon1, "registry.edit", village2)
    assert scope.can(vhxh, "registry.edit", village2)
    assert not scope.can(ketoan, "registry.view", village1)
    assert scope.can(congan, "cases.view", village1)
    assert not scope.can(thon1, "cases.view", village1)
    assert not scope.can(user_named("huyen"), "registry.edit", village1)
    assert scope.can(user_named("huyen"), "registry.view", village1)


def test_scoped_filters_a_queryset_by_an_area_path(world, user_named):
    # Memberships stand in for any model with an area FK.
    qs = Membership.objects.all()
    thon1_rows = scope.scoped(qs, user_named("thon1"), "registry.view", "area")
    assert {m.user.username for m in thon1_rows} == {"thon1"}
    vhxh_rows = scope.scoped(qs, user_named("vhxh"), "registry.view", "area")
    assert "vhxh2" not in {m.user.username for m in vhxh_rows}
    assert {f"thon{n}" for n in range(1, 9)} <= {m.user.username for m in vhxh_rows}


def test_scoped_with_ancestors_lets_a_village_head_read_commune_records(world, user_named):
    qs = Membership.objects.all()
    rows = scope.scoped(qs, user_named("thon1"), "plan.view", "area", include_ancestors=True)
    users = {m.user.username for m in rows}
    assert "vhxh" in users  # held at commune level
    assert "thon2" not in users  # a sibling village stays out
    assert "vhxh2" not in users


def test_scoped_is_a_single_query(world, user_named, django_assert_num_queries):
    user = user_named("huyen")
    scope.memberships(user)  # loaded once per user object
    with django_assert_num_queries(1):
        list(scope.scoped(Membership.objects.all(), user, "registry.view", "area"))


def test_get_or_404_hides_out_of_scope_rows(world, user_named):
    other = Membership.objects.get(user__username="vhxh2")
    qs = scope.scoped(Membership.objects.all(), user_named("vhxh"), "registry.view", "area")
    with pytest.raises(Http404):
        scope.get_or_404(qs, pk=other.pk)


def test_require_answers_403_to_an_insider_without_the_right(world, user_named):
    with pytest.raises(PermissionDenied):
        scope.require(user_named("chutich"), "registry.edit", world["villages"][0])
    scope.require(user_named("vhxh"), "registry.edit", world["villages"][0])


def test_inactive_membership_grants_nothing(world, user_named):
    Membership.objects.filter(user__username="thon1").update(is_active=False)
    assert scope.readable_areas(user_named("thon1")).count() == 0


def test_unknown_permission_is_a_programming_error(world, user_named):
    with pytest.raises(KeyError):
        scope.has_perm(user_named("vhxh"), "registry.typo")
