"""Amounts in Vietnamese words on the vouchers."""

import pytest

from funds.words import amount_in_words

CASES = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (20_015, "Hai mươi nghìn không trăm mười lăm đồng"),
    (50_000, "Năm mươi nghìn đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
    (3_450_000, "Ba triệu bốn trăm năm mươi nghìn đồng"),
    (15_000_000, "Mười lăm triệu đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (10**12, "Một nghìn tỷ đồng"),
]


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_amount_reads_as_on_a_voucher(amount, words):
    assert amount_in_words(amount) == words


def test_every_amount_up_to_a_million_reads_without_gaps_or_doubled_spaces():
    for n in list(range(1, 2000)) + list(range(1000, 10**6, 997)):
        text = amount_in_words(n)
        assert "  " not in text and text.endswith(" đồng") and text[0].isupper()
        assert "mươi một" not in text and "mươi năm" not in text and "mười năm" not in text


def test_decimals_are_refused():
    with pytest.raises(ValueError):
        amount_in_words(12.5)
