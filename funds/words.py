"""Amounts in Vietnamese words, as written on receipt and payment vouchers.

1250000 → "Một triệu hai trăm năm mươi nghìn đồng"; 105 → "Một trăm linh năm đồng";
21 → "Hai mươi mốt đồng"; 15 → "Mười lăm đồng"; 1000000000 → "Một tỷ đồng".

Rules (the reading used on accounting documents): groups of three digits are read as
"x trăm y mươi z"; inside a number a group below 100 reads its hundreds ("không trăm"), a zero
ten before a unit reads "linh"; 5 after a ten reads "lăm", 1 after twenty or more reads "mốt",
4 after twenty or more reads "tư"; whole zero groups are skipped; above the billions the reading
restarts ("nghìn tỷ", "triệu tỷ").
"""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu"]


def _unit_after_ten(unit: int, tens: int) -> str:
    if unit == 5:
        return "lăm"
    if unit == 1 and tens >= 2:
        return "mốt"
    if unit == 4 and tens >= 2:
        return "tư"
    return DIGITS[unit]


def _three(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads the hundreds even when they are zero (inside a number)."""
    hundreds, rest = divmod(n, 100)
    tens, unit = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            if words:
                words.append("linh")
            words.append(DIGITS[unit])
    elif tens == 1:
        words.append("mười")
        if unit:
            words.append(_unit_after_ten(unit, tens))
    else:
        words += [DIGITS[tens], "mươi"]
        if unit:
            words.append(_unit_after_ten(unit, tens))
    return words


def _below_billion(n: int, *, full: bool) -> list[str]:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        leading = not words and not full
        words += _three(group, full=not leading)
        if SCALES[index]:
            words.append(SCALES[index])
    return words


def number_words(n: int) -> str:
    """The reading of a whole number ≥ 0, lower case, without the currency."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return DIGITS[0]
    billions, rest = divmod(n, 10**9)
    words: list[str] = []
    if billions:
        words += number_words(billions).split(" ") + ["tỷ"]
    if rest:
        words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """Whole đồng in words with a capital first letter: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng"."""
    if isinstance(amount, bool) or int(amount) != amount:
        raise ValueError("whole đồng only")
    text = number_words(int(amount)) + " đồng"
    return text[:1].upper() + text[1:]
