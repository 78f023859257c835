r"""Write src/postkit/data/url_host.txt: what the Bluesky app's URL parser does in a host, by character.

The app shows a link through ``new URL(...)`` (social-app ``toShortUrl``); a host the parser
refuses leaves the link shown, counted and sent whole. What it refuses is UTS #46's table as
the runtime has it (here node's URL parser, Ada, with its Unicode version: Emoji 16 such as 🫆
is unassigned there; U+2026 and ⒈ map to a full stop and are refused), and its tables of
marks and bidi classes are older still. The file's lists, all asked of the parser itself:

``refused``
    code points refused in a host in every one of six contexts (``oracle.mjs``
    ``refusedHostChars``): the parser's table, not the label around them.
``mark-unknown``
    combining marks (``regex``'s ``\p{M}``) the parser accepts at the start of a label.
``map``
    characters the parser maps otherwise than postkit's NFKC case folding (those newer than
    the Unicode of Python 3.11, the oldest Python postkit runs on: generate with it).
``bidi``
    the bidi class the parser gives a character where postkit's rules with ``regex``'s class
    take it otherwise in a right-to-left label (``none``: no class, allowed nowhere there),
    found from six contexts (between, after and before Hebrew letters, ...).

The rules that depend on the label around a character (a leading combining mark, joiners, the
bidi rule, punycode) are postkit's code, tested against the same parser
(tests/platforms/test_whatwg.py). Run from the repository root, after ``npm ci --prefix tests/oracles``::

    python tests/oracles/url_hosts.py
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from unittest import mock

import attrs
import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for oracles.*

from oracles import client  # noqa: E402

OUT = HERE.parent.parent / "src" / "postkit" / "data" / "url_host.txt"
_MARK = regex.compile(r"\p{M}")
# A character between, after and before Hebrew letters, after a Latin one in a right-to-left
# label, and after a European or an Arabic-Indic digit.
BIDI_CONTEXTS = ("\u05d0{}\u05d0", "a{}\u05d0", "\u05d0{}", "{}\u05d0", "\u05d01{}", "\u05d0\u0661{}")
BIDI_CLASSES = ("none", "L", "R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM")


def ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for code in sorted(codes):
        if out and out[-1][1] == code - 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def mapped(oracle: client.Oracle, codes: list[int]) -> dict[int, str]:
    """Where the parser maps a character otherwise than postkit (a character newer than Python's Unicode)."""
    from postkit.platforms import whatwg  # noqa: PLC0415

    hosts = [f"a{chr(code)}b.com" for code in codes]
    found: dict[int, str] = {}
    for code, host, theirs in zip(codes, hosts, oracle.hosts(hosts), strict=True):
        ours = whatwg.http_parts(f"https://{host}/")
        if theirs is not None and ours is not None and ours[0] != theirs:
            label = theirs.split(".")[0]
            found[code] = label[4:].encode("ascii").decode("punycode").removeprefix("a").removesuffix("b")
    return found


def bidi_classes(oracle: client.Oracle, codes: list[int]) -> dict[int, str]:
    """The bidi class the parser's table gives, where postkit's rules with regex's class disagree with it."""
    from postkit.platforms import whatwg  # noqa: PLC0415

    def accepted(hosts: list[str]) -> list[bool]:
        return [whatwg.http_parts(f"https://{host}/") is not None for host in hosts]

    observed: dict[int, list[bool]] = {code: [] for code in codes}
    predicted: dict[int, list[bool]] = {code: [] for code in codes}
    for context in BIDI_CONTEXTS:
        hosts = [context.format(chr(code)) + ".com" for code in codes]
        for code, theirs, ours in zip(codes, oracle.hosts(hosts), accepted(hosts), strict=True):
            observed[code].append(theirs is not None)
            predicted[code].append(ours)
    found: dict[int, str] = {}
    table = whatwg._parser_table()
    for code in (code for code in codes if observed[code] != predicted[code]):
        char = chr(code)
        # The class is the one of the character the label holds: the mapped one (Ⰿ is ⱟ there).
        chars = {char, *whatwg._uts46_map(char)}
        for name in BIDI_CLASSES:
            forced = attrs.evolve(
                table,
                bidi={**table.bidi, **dict.fromkeys(chars, "" if name == "none" else name)},
                bidi_listed=re.compile("[" + "".join(map(re.escape, chars)) + "]"),
            )
            whatwg._domain_to_ascii.cache_clear()
            with mock.patch.object(whatwg, "_parser_table", lambda forced=forced: forced):  # type: ignore[misc]
                agrees = accepted([context.format(char) + ".com" for context in BIDI_CONTEXTS]) == observed[code]
            whatwg._domain_to_ascii.cache_clear()
            if agrees:
                found[code] = name
                break
        else:
            raise SystemExit(f"no bidi class explains how the parser takes U+{code:04X}")
    return found


def mark_unknown(oracle: client.Oracle, refused: list[tuple[int, int]]) -> list[int]:
    """Combining marks the parser accepts at the start of a label."""
    refused_codes = {code for a, b in refused for code in range(a, b + 1)}
    marks = [c for c in range(0x80, 0x110000) if c not in refused_codes and _MARK.match(chr(c))]
    hosts = [chr(code) + "a.com" for code in marks]
    return [code for code, answer in zip(marks, oracle.hosts(hosts), strict=True) if answer is not None]


@contextlib.contextmanager
def _table_so_far(lines: list[str]) -> Iterator[None]:
    """postkit's rules with the lists made so far in place of the shipped file's."""
    from postkit.platforms import whatwg  # noqa: PLC0415

    so_far = whatwg.parse_table("\n".join(lines) + "\n")
    whatwg._domain_to_ascii.cache_clear()  # hosts remembered under the shipped table
    try:
        with mock.patch.object(whatwg, "_parser_table", return_value=so_far):
            yield
    finally:
        whatwg._domain_to_ascii.cache_clear()


def table() -> str:
    """The file's text, as node's URL parser answers now."""
    oracle = client.Oracle()
    try:
        about = oracle.about()
        refused = oracle.refused_host_chars()
        lines = [
            "# What the Bluesky app's URL parser does in a host, by character (postkit/platforms/whatwg.py):",
            "# refused: code points refused whatever surrounds them (UTS #46 disallowed, unassigned in its Unicode,",
            "#   or mapped to a full stop): a link whose host holds one is shown, counted and sent whole;",
            "# mark-unknown: combining marks it accepts at the start of a label (its table of marks is older);",
            "# map: where its UTS #46 mapping differs from postkit's NFKC case folding on Python 3.11 (Unicode 14);",
            "# bidi: the bidi class its (older) table gives where it differs from regex's (none: no class).",
            f"# All asked of the parser itself: node {about['node']} (Ada {about['ada']}) new URL(), every code point.",
            "# Generated, do not edit: python tests/oracles/url_hosts.py (node, npm ci --prefix tests/oracles).",
            f"node {about['node']} ada {about['ada']}",
        ]
        lines += [f"refused {a:04X}-{b:04X}" for a, b in refused]
        lines += [f"mark-unknown {a:04X}-{b:04X}" for a, b in ranges(mark_unknown(oracle, refused))]
        refused_codes = {code for a, b in refused for code in range(a, b + 1)}
        codes = [c for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000 and c not in refused_codes]
        # Each list is found with the ones before it in place (never the shipped file's).
        with _table_so_far(lines):
            found = mapped(oracle, codes)
        lines += [f"map {code:04X} {'+'.join(f'{ord(c):04X}' for c in found[code])}" for code in sorted(found)]
        with _table_so_far(lines):
            classes = bidi_classes(oracle, codes)
    finally:
        oracle.close()
    spans: list[tuple[int, int, str]] = []
    for code in sorted(classes):
        if spans and spans[-1][1] == code - 1 and spans[-1][2] == classes[code]:
            spans[-1] = (spans[-1][0], code, classes[code])
        else:
            spans.append((code, code, classes[code]))
    lines += [f"bidi {a:04X}{'' if a == b else f'-{b:04X}'} {name}" for a, b, name in spans]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    text = table()
    OUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
