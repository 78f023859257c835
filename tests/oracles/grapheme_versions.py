"""Write src/postkit/data/grapheme_versions.txt: where the regex module joins what the engines do not.

postkit counts grapheme clusters with the ``regex`` module's ``\\X`` (``postkit._graphemes``).
When its Unicode is newer than an engine's, a character the engine does not know (or knew
with another property) joins a neighbour in ``\\X`` but stands alone in the engine: postkit
would count under it. This asks the engines themselves:

* ``icu``: node's ``Intl.Segmenter`` (tests/oracles/oracle.mjs ``units``): the Bluesky app
  and server;
* ``ruby``: Ruby 3.4's ``String#grapheme_clusters`` in ruby.wasm
  (tests/oracles/mastodon/ruby.mjs; Unicode 15.0, the Ruby Mastodon pins): Mastodon.

Every character some grapheme property of ``regex`` makes able to join a neighbour is tried
in a few contexts; a character whose count differs from postkit's model of the engine is
listed with the first stand-in (a character of the property the engine gives it: ``other``
or ``prepend``) that makes every context agree. Run from the repository root, with
``npm ci --prefix tests/oracles`` and ``npm ci --prefix tests/oracles/mastodon`` done::

    python tests/oracles/grapheme_versions.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for oracles.*

from oracles import client  # noqa: E402
from postkit import _graphemes  # noqa: E402

OUT = HERE.parent.parent / "src" / "postkit" / "data" / "grapheme_versions.txt"

# Characters that can join a neighbour in some rule of UAX #29, as regex has them.
_JOINING = regex.compile(
    r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=L}\p{GCB=V}\p{GCB=T}"
    r"\p{GCB=LV}\p{GCB=LVT}\p{GCB=Regional_Indicator}\p{InCB=Linker}\p{InCB=Consonant}\p{InCB=Extend}]"
)
# Each candidate before and after a letter, a combining mark, a consonant, a virama and a
# Prepend character.
CONTEXTS = (
    "a{}",
    "{}a",
    "{}\u0301",
    "\u0915\u094d{}",
    "{}\u0915",
    "\u0915{}\u0915",
    "\u0600{}",
    "{}\u0600",
)


def candidates() -> list[str]:
    """Every code point (no surrogates) regex gives a property that can join a neighbour."""
    return [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000 and _JOINING.match(chr(c))]


def in_contexts(char: str) -> list[str]:
    return [context.format(char) for context in CONTEXTS]


def icu_counts(texts: list[str]) -> tuple[list[int], str]:
    oracle = client.Oracle()
    try:
        about = oracle.about()
        counts = [answer["graphemes"] for answer in oracle.units(texts)]
    finally:
        oracle.close()
    return counts, f"node {about['node']} Intl.Segmenter, ICU {about['icu']}, Unicode {about['unicode']}"


def ruby_counts(texts: list[str]) -> tuple[list[int], str]:
    answer = client.ruby("graphemes", texts)
    return answer["counts"], f"Ruby {answer['ruby']} String#grapheme_clusters, Unicode {answer['unicode']}"


def differing(
    engine: Callable[[list[str]], tuple[list[int], str]], model: Callable[[str], int]
) -> tuple[dict[int, str], str]:
    """The characters whose count differs from ``model``, each with the stand-in that fixes it."""
    chars = candidates()
    texts = [text for char in chars for text in in_contexts(char)]
    counts, about = engine(texts)
    size = len(CONTEXTS)
    wrong = sorted(
        {chars[i // size] for i, (text, n) in enumerate(zip(texts, counts, strict=True)) if model(text) != n}
    )
    found: dict[int, str] = {}
    for kind, stand_in in _graphemes.STAND_INS.items():
        if not wrong:
            break
        table = {ord(char): stand_in for char in wrong}
        texts = [text for char in wrong for text in in_contexts(char)]
        counts, _ = engine(texts)
        bad = {
            wrong[i // size]
            for i, (text, n) in enumerate(zip(texts, counts, strict=True))
            if model(text.translate(table)) != n
        }
        found.update((ord(char), kind) for char in wrong if char not in bad)
        wrong = sorted(bad)
    if wrong:
        raise SystemExit(f"no stand-in explains {[f'U+{ord(c):04X}' for c in wrong]}")
    return found, about


def ranges(found: dict[int, str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for code in sorted(found):
        if out and out[-1][1] == code - 1 and out[-1][2] == found[code]:
            out[-1] = (out[-1][0], code, found[code])
        else:
            out.append((code, code, found[code]))
    return out


def table() -> str:
    """The file's text, as the engines answer now."""
    icu, icu_about = differing(icu_counts, _graphemes.split_clusters)
    ruby, ruby_about = differing(ruby_counts, _graphemes.unicode_15_clusters)
    lines = [
        "# Characters the installed regex's \\X joins to a neighbour where an engine does not: characters",
        "# assigned, or given another grapheme property, in a Unicode newer than the engine's. postkit._graphemes",
        "# counts each as its stand-in: other (an unassigned character, a cluster of its own) or prepend.",
        f"# icu: {icu_about} (the Bluesky app and server).",
        f"# ruby: {ruby_about} (Mastodon).",
        "# Generated, do not edit: python tests/oracles/grapheme_versions.py (node, with tests/oracles and",
        "# tests/oracles/mastodon npm-installed); tests/test_graphemes.py checks it against the engines.",
        f"regex {regex.__version__}",
    ]
    for engine, found in (("icu", icu), ("ruby", ruby)):
        lines += [f"{engine} {a:04X}{'' if a == b else f'-{b:04X}'} {kind}" for a, b, kind in ranges(found)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(table(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
