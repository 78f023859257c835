"""Whether a stretch of text holds a dot and a top-level domain, mostly without a regex.

twitter_text's URL finder first asks whether a run of host characters holds a dot and
a TLD (``_tld_end``, the reference: twitter-text's 1,500 TLDs as one case-insensitive
pattern). Compiling that pattern costs a cold run 13-25 ms, yet for an ASCII stretch the
answer is a set look-up: each ASCII TLD is letters only and must be followed by a
character outside ``[0-9a-zA-Z@+-]`` (or the end), so after a dot it can only be the
whole run of such characters, lowercased. Stretches with other characters (which a
non-ASCII TLD could match) ask the pattern. Tests compare the two.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from postkit import _data

__all__ = ["has_tld"]

_RUN = re.compile(r"[0-9a-zA-Z@+\-]*")  # what may not follow a TLD (twitter-text's TLD end)
_PUNYCODE_CHAR = frozenset("-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@functools.cache
def _ascii_tlds() -> frozenset[str]:
    tlds = _data.twitter_text()["tlds"]
    return frozenset(tld.lower() for tld in (*tlds["generic"], *tlds["country"]) if tld.isascii())


def has_tld(text: str, start: int, end: int, pattern: Callable[[], re.Pattern[str]]) -> bool:
    """``pattern().search(text, start, end) is not None``, for ``pattern`` a dot and a TLD.

    ``pattern`` is called (and so compiled) only for a stretch that is not all ASCII.
    """
    if not text[start:end].isascii():
        return pattern().search(text, start, end) is not None
    tlds = _ascii_tlds()
    dot = text.find(".", start, end)
    while dot >= 0:
        label = dot + 1
        run = _RUN.match(text, label, end)  # the run is maximal: an ASCII character after it ends a TLD
        if run is not None and run.group().lower() in tlds:
            return True
        if text[label : label + 4].lower() == "xn--" and label + 4 < end and text[label + 4] in _PUNYCODE_CHAR:
            return True  # the pattern's punycode branch: "xn--" and one more character, no end test
        dot = text.find(".", label, end)
    return False
