"""Each demo user lands on their own Vietnamese home page, and every link on it works."""

import re

import pytest
from django.urls import reverse

PERSONAS = [
    "admin",
    "vhxh",
    "chutich",
    "ketoan",
    "thon1",
    "thon8",
    "yte",
    "congan",
    "tuphap",
    "truong",
    "doanxa",
    "huyen",
    "vhxh2",
]


@pytest.mark.parametrize("username", PERSONAS)
def test_home_shows_the_users_roles_and_only_working_links(username, client_for, user_named):
    client = client_for(username)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Xin chào" in body
    for m in user_named(username).memberships.all():
        assert m.get_role_display() in body
    main = body.split("<main", 1)[1]
    links = set(re.findall(r'href="(/[^"#]*)"', main))
    assert links, "the home page offers nothing to do"
    for link in sorted(links):
        assert client.get(link).status_code == 200, f"dead link {link} on the home page of {username}"


@pytest.mark.parametrize("username", PERSONAS)
def test_main_menu_links_open_for_the_user(username, client_for):
    client = client_for(username)
    body = client.get(reverse("home")).content.decode()
    menu = body.split('id="mainnav"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'href="(/[^"#]*)"', menu)
    assert links[0] == "/"
    for link in links:
        assert client.get(link).status_code == 200, f"menu link {link} fails for {username}"


def test_menu_shows_case_files_only_to_their_three_roles(client_for):
    for username, sees in [("vhxh", True), ("chutich", True), ("congan", True), ("thon1", False), ("huyen", False)]:
        body = client_for(username).get(reverse("home")).content.decode()
        assert ('href="/children/cases/"' in body.split("<main", 1)[0]) is sees, username


def test_village_head_home_names_their_village(client_for):
    body = client_for("thon1").get(reverse("home")).content.decode()
    assert "Thôn 1" in body
    assert "Thôn 2" not in body


def test_area_list_is_scoped(client_for):
    body = client_for("vhxh2").get(reverse("accounts:areas")).content.decode()
    assert "Hòa Bình" in body and "Y Tịch" not in body
