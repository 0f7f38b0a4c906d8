"""Print, for a language, every rulebook text whose translation is missing or stale, as YAML to fill in.

Usage: python scripts/translation_hashes.py [--lang ru] [--rules DIR] [--all]

Each entry is printed as it goes in ``rules/translations/<lang>.yaml``: the current English text (as a
comment), ``text:`` (the old translation when stale, else empty) and ``en:``, the hash of the English
text now (first 12 hex digits of its SHA-256). ``--all`` prints every text, translated or not. The exit
code is 1 when something is missing or stale, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trafficking_audit.load.loader import load_rulebook
from trafficking_audit.load.translations import (
    english_hash,
    english_texts,
    load_translation,
    translation_gaps,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--rules", type=Path, default=Path("rules"))
    parser.add_argument("--all", action="store_true", help="every text, not only the missing and stale ones")
    args = parser.parse_args()
    book = load_rulebook(args.rules)
    translation = load_translation(args.rules, args.lang, book)
    gaps = {gap.source.loc: gap for gap in translation_gaps(book, translation)}
    section = key = None
    for source in english_texts(book):
        gap = gaps.get(source.loc)
        if gap is None and not args.all:
            continue
        if source.section != section:
            section, key = source.section, None
            print(f"{section}:")
        area = source.section == "areas"  # an area has one text, written `offences: {text, en}`
        if source.key != key and not area:
            key = source.key
            print(f"  {key}:")
        status = gap.code if gap else "translated"
        english = " ".join(source.text.split())
        indent = "  " if area else "    "
        print(f"{indent}# {status}; English: {english}")
        entry = translation.entries.get(source.loc)
        old = json.dumps(entry.text if entry else "", ensure_ascii=False)
        name = source.key if area else source.field
        print(f'{indent}{name}: {{text: {old}, en: "{english_hash(source.text)}"}}')
    print(f"# {len(gaps)} missing or stale of {len(english_texts(book))} texts", file=sys.stderr)
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
