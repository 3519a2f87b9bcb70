#!/usr/bin/env python3
"""Small gettext catalogue tool for the Vietnamese translations (no dependencies).

    scripts/po.py missing PO...            list msgids without a translation (or marked fuzzy)
    scripts/po.py fill PO JSON             fill translations from a JSON object {msgid: msgstr}
                                           (for plurals, msgstr may be a list; Vietnamese has one form)
Run `make messages` afterwards (or `manage.py compilemessages`) to rebuild the .mo files.
"""

import json
import re
import sys
from pathlib import Path

ENTRY_RE = re.compile(r"\n\n+")


def _unquote(lines: list[str]) -> str:
    out = []
    for line in lines:
        line = line.strip()
        if line.startswith('"') and line.endswith('"'):
            out.append(json.loads(line))
    return "".join(out)


def _quote(text: str) -> str:
    body = json.dumps(text, ensure_ascii=False)
    return body


def parse(text: str) -> list[dict]:
    entries = []
    for block in ENTRY_RE.split(text.strip("\n")):
        lines = block.split("\n")
        entry = {"raw": block, "comments": [], "fields": {}}
        current = None
        for line in lines:
            if line.startswith("#"):
                entry["comments"].append(line)
                continue
            m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (.*)$", line)
            if m:
                current = m.group(1)
                entry["fields"][current] = [m.group(2)]
            elif current and line.startswith('"'):
                entry["fields"][current].append(line)
        entry["values"] = {k: _unquote(v) for k, v in entry["fields"].items()}
        entries.append(entry)
    return entries


def is_missing(entry: dict) -> bool:
    values = entry["values"]
    if not values.get("msgid"):
        return False  # header
    fuzzy = any(c.startswith("#,") and "fuzzy" in c for c in entry["comments"])
    strs = [v for k, v in values.items() if k.startswith("msgstr")]
    return fuzzy or not strs or any(not s for s in strs)


def render(entry: dict) -> str:
    lines = [c for c in entry["comments"] if not (c.startswith("#,") and c.strip() in {"#, fuzzy", "#,fuzzy"})]
    lines = [re.sub(r"(#,.*), fuzzy", r"\1", c).replace("#, fuzzy, ", "#, ") for c in lines]
    for key, value in entry["values"].items():
        lines.append(f"{key} {_quote(value)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "missing":
        total = 0
        for name in argv[1:]:
            for entry in parse(Path(name).read_text(encoding="utf-8")):
                if is_missing(entry):
                    total += 1
                    print(json.dumps(entry["values"].get("msgid"), ensure_ascii=False))
        return 1 if total else 0
    if len(argv) == 3 and argv[0] == "fill":
        path = Path(argv[1])
        table = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        entries = parse(path.read_text(encoding="utf-8"))
        out = []
        for entry in entries:
            msgid = entry["values"].get("msgid")
            if msgid and msgid in table and is_missing(entry):
                tr = table[msgid]
                if "msgid_plural" in entry["values"]:
                    forms = tr if isinstance(tr, list) else [tr]
                    for key in [k for k in entry["values"] if k.startswith("msgstr")]:
                        entry["values"][key] = forms[0]
                else:
                    entry["values"]["msgstr"] = tr if isinstance(tr, str) else tr[0]
                entry["comments"] = [c for c in entry["comments"] if "fuzzy" not in c]
                out.append(render(entry))
            else:
                out.append(entry["raw"])
        path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
        left = sum(is_missing(e) for e in parse(path.read_text(encoding="utf-8")))
        print(f"{path}: {left} left untranslated")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
