"""Figures only: no child's name, birth date or personal ID in any API response, for any persona —
even when a report's narrative names a child."""

import json

import pytest

from accounts.models import User
from api.services import token_create

from .conftest import SECRET_CHILD

NEEDLES = [
    SECRET_CHILD["full_name"],
    "Lo Thi Bi Mat",
    "Bí Mật",
    SECRET_CHILD["personal_id"],
    SECRET_CHILD["date_of_birth"].isoformat(),
    SECRET_CHILD["date_of_birth"].strftime("%d/%m/%Y"),
]


def _paths(exchange):
    return [
        "/api/v1/", "/api/v1/areas/?page_size=1000", "/api/v1/areas/YT01/", "/api/v1/periods/?page_size=1000",
        f"/api/v1/periods/{exchange['v6'].pk}/", "/api/v1/indicators/?page_size=1000", "/api/v1/values/?page_size=1000",
        "/api/v1/completeness/?page_size=1000", "/api/v1/dataValueSets.json?period=2022S1&level=all",
        "/api/v1/dataValueSets.csv?period=2022S1&level=all",
    ]  # fmt: skip


def _text(response) -> str:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    return body


@pytest.mark.parametrize("username", ["thon1", "vhxh", "huyen", "tinh", "vhxh2", "admin"])
def test_no_response_names_a_child(exchange, client_for, username):
    for sub in exchange["reports"].values():  # a narrative that names the child must not leak either
        sub.results = (
            f"Đã hỗ trợ em {SECRET_CHILD['full_name']}, sinh ngày 13/09/2017, CCCD {SECRET_CHILD['personal_id']}."
        )
        sub.save(update_fields=["results"])
    session = client_for(username)
    _row, token = token_create(user=User.objects.get(username=username), name="grep", days=1)
    bodies = []
    for path in _paths(exchange):
        for response in (
            session.get(path, HTTP_ACCEPT="application/json"),
            session.get(path, HTTP_AUTHORIZATION=f"Bearer {token}"),
        ):
            assert response.status_code in (200, 404), (path, response.status_code)
            bodies.append(_text(response))
    text = "\n".join(bodies)
    assert '"indicator": "0101"' in text  # the responses did carry figures
    for needle in NEEDLES:
        assert needle not in text, needle
