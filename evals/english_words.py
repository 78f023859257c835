"""Regenerate src/postkit/data/english_words.txt (CAP001's English words) from SCOWL as Debian ships it.

    apt-get install wamerican wbritish     # SCOWL size 50, 2020.12.07-2
    python evals/english_words.py [--check]

The union of /usr/share/dict/american-english and british-english: entries of lowercase ASCII
letters (an apostrophe inside allowed: "don't"), possessives ("dog's") and proper names left
out. The header names the source and licence. ``--check`` fails if the shipped file differs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

OUT = Path(__file__).parents[1] / "src" / "postkit" / "data" / "english_words.txt"
DICT = Path("/usr/share/dict")
DICTS = (DICT / "american-english", DICT / "british-english")
_ENTRY = re.compile(r"[a-z]+(?:'[a-z]+)?")
HEADER = """\
# English words (lowercase ASCII letters, an apostrophe inside allowed) for rule CAP001: a word in
# capitals whose lowercase form is an ordinary English word ("LANDED", "TOFU", "DON'T") is shouting;
# one that is not ("BCCI", "NAACP", "JSON", "YODEX") is a name, an acronym or a code, left alone.
# Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson, http://wordlist.aspell.net/),
# size 50, as Debian ships it in wamerican and wbritish 2020.12.07-2 (/usr/share/dict/american-english
# and british-english): the union of both, lowercase entries only (proper names, possessives and
# accented words left out). Licence: SCOWL's, permissive (MIT-like): "Permission to use, copy,
# modify, distribute and sell these word lists, the associated scripts, the output created from the
# scripts, and its documentation for any purpose is hereby granted without fee, provided that the
# above copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation." Copyright 2000-2011 by Kevin Atkinson.
# Regenerate: python evals/english_words.py (reads the two Debian files).
"""


def words(paths: tuple[Path, ...] = DICTS) -> list[str]:
    """The kept entries of the word lists, sorted."""
    found: set[str] = set()
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            entry = line.strip()
            if len(entry) >= 2 and _ENTRY.fullmatch(entry) and not entry.endswith("'s"):
                found.add(entry)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args(argv)
    text = HEADER + "\n".join(words()) + "\n"
    if args.check:
        same = OUT.read_text("utf-8") == text
        print(f"{OUT}: {'matches' if same else 'differs from'} the word lists")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}: {text.count(chr(10)) - HEADER.count(chr(10)):,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
