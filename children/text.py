"""Vietnamese text helpers: normalising names, accent-free search keys, alphabetical sort keys.

Names arrive typed on phones and old PCs, pasted from Excel, in composed (NFC) or decomposed (NFD)
Unicode. We store names in NFC, search on an accent-free key and sort on a key that follows the
Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tones),
given name first as Vietnamese lists do. Both keys are plain ASCII-ish strings, so SQLite and
PostgreSQL index and compare them the same way, with no collation needed.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vowel-quality marks that make a new letter, and tone marks (ordered as dictionaries order them).
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}  # huyền hỏi ngã sắc nặng

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# The sort key is made of two-digit codes only, so every database collation (C, en_US, vi-x-icu)
# orders it the same way: digits are never "ignorable" the way spaces and punctuation are.
#   00 end of the letters (a shorter name sorts first)   01 between words
#   02–11 the digits 0–9   12–44 the letters above   45 any other character
_END, _WORD, _OTHER = "00", "01", "45"
_RANK = {str(d): f"{2 + d:02d}" for d in range(10)}
_RANK.update({letter: f"{12 + i:02d}" for i, letter in enumerate(_ALPHABET)})


def clean_text(value: str | None) -> str:
    """Trim, collapse inner white space and compose to NFC."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def normalise_name(value: str | None) -> str:
    """A person's name as stored: NFC, single spaces, each word capitalised ("nguyễn văn  an" → "Nguyễn Văn An")."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in clean_text(value).split(" ") if word)


def search_key(value: str | None) -> str:
    """Accent-free, lower-case, NFC-independent key: "Nguyễn Văn Ân" and "nguyen van an" give "nguyen van an"."""
    decomposed = unicodedata.normalize("NFD", clean_text(value).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def _letters_and_tones(word: str) -> tuple[str, str]:
    primary, tones = [], []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _LETTER_MARKS and primary:
            base = primary.pop()
            composed = unicodedata.normalize("NFC", base + ch)
            primary.append(composed)
        elif ch in _TONES:
            tones.append(_TONES[ch])
        elif unicodedata.combining(ch):
            continue
        else:
            primary.append(ch)
    ranked = "".join(_RANK.get(ch, _OTHER) for ch in primary)
    return ranked, "".join(tones) or "0"


def vietnamese_sort_key(full_name: str | None) -> str:
    """Sort key for a Vietnamese name: given name first, then the family and middle names; letters
    (a < ă < â … d < đ …) decide first and the tones (none, huyền, hỏi, ngã, sắc, nặng) only between
    names with the same letters. Digits only: "An" → "1229" + "00" + "0"."""
    words = clean_text(full_name).split(" ") if full_name else []
    if not words:
        return ""
    ordered = [words[-1], *words[:-1]]
    parts = [_letters_and_tones(w) for w in ordered]
    primary = _WORD.join(p for p, _ in parts)
    secondary = "".join(t for _, t in parts)
    return f"{primary}{_END}{secondary}"[:255]
