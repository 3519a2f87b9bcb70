"""Who may open which registry page: 404 outside the scope, 403 inside without the right."""

import pytest
from django.urls import reverse

# persona → (sees Thôn 1's child, may edit it)
THON1_CHILD = {
    "thon1": (200, 200),
    "thon2": (404, 404),
    "vhxh": (200, 200),
    "chutich": (200, 403),
    "huyen": (200, 403),
    "vhxh2": (404, 404),
    "yte": (200, 403),
    "tuphap": (200, 403),
    "truong": (200, 403),
    "ketoan": (404, 404),
    "congan": (404, 404),
    "doanxa": (404, 404),
}


@pytest.mark.parametrize(("username", "expected"), THON1_CHILD.items())
def test_profile_and_edit_pages_of_a_thon1_child(username, expected, kids, client_for):
    client = client_for(username)
    pk = kids["an"].pk
    view, edit = expected
    assert client.get(reverse("children:detail", args=[pk])).status_code == view
    assert client.get(reverse("children:edit", args=[pk])).status_code == edit
    assert client.get(reverse("children:archive", args=[pk])).status_code == edit
    assert client.post(reverse("children:restore", args=[pk])).status_code in {edit, 302}
    assert client.get(reverse("children:record_add", args=[pk, "circumstance"])).status_code == edit


def test_missing_child_and_unknown_record_kind_answer_404(kids, client_for):
    client = client_for("vhxh")
    assert client.get(reverse("children:detail", args=[999999])).status_code == 404
    assert client.get(reverse("children:record_add", args=[kids["an"].pk, "passport"])).status_code == 404


def test_a_record_of_another_child_is_not_reachable_through_this_child(kids, client_for):
    from children.services import guardian_save

    guardian = guardian_save(child=kids["chi"], user=None, full_name="Lương Văn Cha", relation="father")
    client = client_for("thon1")
    url = reverse("children:record_edit", args=[kids["an"].pk, "guardian", guardian.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url_name", ["children:list", "children:register", "children:dashboard"])
def test_anonymous_visitors_are_sent_to_sign_in(url_name, anon):
    response = anon.get(reverse(url_name))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_anonymous_visitor_cannot_open_a_profile(kids, anon):
    response = anon.get(reverse("children:detail", args=[kids["an"].pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("username", "status"),
    [("thon1", 200), ("vhxh", 200), ("chutich", 200), ("huyen", 200), ("yte", 200), ("ketoan", 403), ("congan", 403)],
)
def test_who_may_open_the_list(username, status, kids, client_for):
    assert client_for(username).get(reverse("children:list")).status_code == status


@pytest.mark.parametrize(
    ("username", "status"),
    [("thon1", 200), ("vhxh", 200), ("chutich", 403), ("huyen", 403), ("yte", 403), ("ketoan", 403), ("vhxh2", 200)],
)
def test_who_may_register(username, status, world, client_for):
    assert client_for(username).get(reverse("children:register")).status_code == status
