r"""The plain hashtag rule's characters as ``re`` classes, generated from twitter-text's table and ``regex``'s Unicode.

:func:`postkit.platforms.family.plain_hashtag` takes a character where npm twitter-text's own
tables (``data/twitter_text.toml``, ``[hashtag]``) and the current Unicode agree. Written for
``regex`` (the reference, ``family.plain_hashtag_reference``), the rule is a class of some
2,200 escaped ranges inside lookaheads, parsed by ``regex``'s Python-level parser on every run:
~20 ms of a cold ``postkit check`` whose examples hold a non-ASCII hashtag. The rule comes to
three classes, fixed by the table and by the installed ``regex``'s Unicode version:

* ``letter``: what a hashtag needs one of (the table's ``alpha`` that ``\p{L}`` takes);
* ``taken``: what a hashtag may hold (its ``alphanumeric`` that ``[\p{L}\p{M}\p{Nd}]`` takes, but
  U+20E2, which ends a Bluesky tag);
* ``beside``: what a middle dot may stand between (``taken`` that ``\p{L}`` takes: in a whole
  body the character before and after a dot is one the rule took, or the body fails anyway).

They ship as ``data/hashtag_chars.txt``, stamped with the ``regex`` version they were made from;
another version's are made on first use and cached (``postkit._generated``). Their pattern is
compiled by ``re`` through postkit's regex cache. Tests hold the pattern to the reference over
every code point and over hostile bodies (``postkit._fastpaths``), and the file to its generator.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import regex

from postkit import _data
from postkit._generated import Generated, load
from postkit._regex_cache import compiled

__all__ = ["GENERATED", "classes", "pattern", "table"]

_CLASSES = ("letter", "taken", "beside")


def _points(items: Iterable[str]) -> Iterator[int]:
    for item in items:
        first, _, last = item.partition("-")
        yield from range(int(first, 16), int(last or first, 16) + 1)


def _ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for point in sorted(set(points)):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges


def classes() -> dict[str, list[tuple[int, int]]]:
    """The reference: each class's ranges, from the table and the installed ``regex``'s properties."""
    hashtag = _data.twitter_text()["hashtag"]
    letter, taken = regex.compile(r"\p{L}"), regex.compile(r"[\p{L}\p{M}\p{Nd}]")
    alpha, alphanumeric = list(_points(hashtag["alpha"])), list(_points(hashtag["alphanumeric"]))
    return {
        "letter": _ranges(p for p in alpha if letter.match(chr(p))),
        "taken": _ranges(p for p in alphanumeric if p != 0x20E2 and taken.match(chr(p))),
        "beside": _ranges(p for p in alphanumeric if letter.match(chr(p))),
    }


def table() -> str:
    """``data/hashtag_chars.txt`` as :func:`classes` makes it from the installed ``regex``."""
    lines = [
        "# The plain hashtag rule's character classes (postkit.platforms._hashtag_chars): npm twitter-text",
        "# 3.1.0's hashtag tables (data/twitter_text.toml, [hashtag]) as the `regex` package's Unicode",
        "# tables take them: letter, taken, beside; hex code points and ranges.",
        "# Generated, do not edit: python -m postkit.platforms._hashtag_chars > src/postkit/data/hashtag_chars.txt",
        "# Used while the installed regex is the version below; another version gets its own, made",
        "# on first use and cached (postkit._generated).",
        f"regex {regex.__version__}",
    ]
    for name, ranges in classes().items():
        lines += [f"{name} {a:04X}" if a == b else f"{name} {a:04X}-{b:04X}" for a, b in ranges]
    return "\n".join(lines) + "\n"


def _parse(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    if not rows or not rows[0].startswith("regex "):
        msg = "not a hashtag character table"
        raise ValueError(msg)
    found: dict[str, list[tuple[int, int]]] = {name: [] for name in _CLASSES}
    for row in rows[1:]:
        name, _, span = row.partition(" ")
        first, _, last = span.partition("-")
        found[name].append((int(first, 16), int(last or first, 16)))  # KeyError: not a class
    return {name: tuple(ranges) for name, ranges in found.items()}


#: The generated classes: data/hashtag_chars.txt, or ones made from the installed regex.
GENERATED = Generated(
    "hashtag_chars.txt", "regex", lambda: str(regex.__version__), table, _parse, sources=("twitter_text.toml",)
)


def _class(ranges: Iterable[tuple[int, int]]) -> str:
    return "[" + "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges) + "]"


@functools.cache
def pattern() -> re.Pattern[str]:
    """The rule for ``fullmatch``: a letter somewhere; taken characters, "_", and a middle dot between letters."""
    found = load(GENERATED)
    letter, taken, beside = (_class(found[name]) for name in _CLASSES)
    return compiled(f"(?=.*{letter})(?:{taken}|_|(?<={beside})\u00b7(?={beside}))+", re.DOTALL)


if __name__ == "__main__":
    print(table(), end="")  # noqa: T201 - the generator of data/hashtag_chars.txt
