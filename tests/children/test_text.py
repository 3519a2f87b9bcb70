"""Vietnamese name keys: accent-free search key and an alphabetical sort key that any collation keeps."""

import random
import unicodedata

import pytest
from django.db import connection
from django.db.models.functions import Collate

from children.models import Child
from children.text import normalise_name, search_key, vietnamese_sort_key
from tests.factories import make_child

# Dictionary order, given name first: letters (a ă â … d đ … u ư …) first, tones only on a tie.
ORDERED = [
    "Hà Thị An",
    "Hà Thị Àn",
    "Hà Thị Án",
    "Lò An",
    "Hoàng Ánh",
    "Chu Thị Ăn",
    "Hà Văn Ân",
    "Vi Văn Dũng",
    "Lý Văn Đức",
    "Trần Văn Uy",
    "Lê Thị Ưng",
    "Nông Thị Yến",
]


def test_sort_key_follows_the_vietnamese_alphabet():
    shuffled = ORDERED.copy()
    random.Random(2022).shuffle(shuffled)
    assert sorted(shuffled, key=vietnamese_sort_key) == ORDERED


def test_sort_key_is_digits_only_and_the_same_for_nfc_and_nfd():
    for name in ORDERED:
        key = vietnamese_sort_key(name)
        assert key.isdigit()
        assert vietnamese_sort_key(unicodedata.normalize("NFD", name)) == key


def test_search_key_and_stored_name():
    assert search_key(unicodedata.normalize("NFD", "Đặng Thị Ánh")) == "dang thi anh"
    assert normalise_name("  nguyễn   văn  AN ") == "Nguyễn Văn An"
    assert normalise_name(unicodedata.normalize("NFD", "lò thị ư")) == unicodedata.normalize("NFC", "Lò Thị Ư")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_orders_the_key_the_same_under_a_linguistic_collation(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname IN ('en-x-icu', 'und-x-icu') ORDER BY 1")
        collations = [row[0] for row in cursor.fetchall()]
    if not collations:
        pytest.skip("PostgreSQL built without ICU")
    for name in reversed(ORDERED):
        make_child(village=world["villages"][0], full_name=name)
    for collation in collations:
        rows = Child.objects.order_by(Collate("sort_key", collation)).values_list("full_name", flat=True)
        assert list(rows) == ORDERED, collation
