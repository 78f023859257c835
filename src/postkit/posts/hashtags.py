"""Hashtags as a social editor writes them: one article tag, one hashtag the platform links whole.

The rules (README, "Hashtags"):

- A tag of several words is joined, each word capitalised: "Middle East" → ``#MiddleEast``; a
  tag of one word keeps its case (``#iraq``).
- An apostrophe or elision inside a word joins without a capital: "Women's football" →
  ``#WomensFootball``, "St. Mary's Hospital" → ``#StMarysHospital``, "détention d'arme" →
  ``#DétentionDarme`` (the letter after the apostrophe keeps the case it has: "l'Assemblée" →
  ``LAssemblée``, "O'Brien" → ``OBrien``).
- A word written lower-first with a capital inside is a name and keeps its case: ``#iPhone``,
  "iOS Apps" → ``#iOSApps``, "mRNA vaccines" → ``#mRNAVaccines``.
- Two words of a script without case that separates words with spaces (Arabic, Hebrew, Persian,
  Devanagari, Hangul …) are joined with "_", which every platform takes: "كرة القدم" →
  ``#كرة_القدم``. Scripts written without spaces (Han, kana, Thai …) join as they are.
- Symbols that carry meaning ("C++", "C#", ".NET", "LGBTQ+") are written as they are where the
  platform's own hashtag rule takes them (Bluesky: ``#C++``, ``#.NET``, ``#LGBTQ+``), else in the
  spelling of ``data/hashtag_symbols.toml`` (``#cpp``, ``#csharp``, ``#dotnet``), else the tag
  is left out and :func:`hashtag_problem` says why (the pipeline warns once per run).
- A tag with no letter ("2024") or over 64 graphemes (Bluesky's limit for a tag) is left out.

Everything else (punctuation, symbols, emoji, joiners) separates words. What is written holds
only letters, marks, decimal digits and "_" (and a symbol a platform takes), so npm
twitter-text's ``extractHashtags``, Mastodon's ``HASHTAG_RE`` and @atproto/api's
``detectFacets`` take each hashtag whole (``tests/posts/test_hashtags.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

import regex

from postkit import _data
from postkit.platforms.family import plain_hashtag
from postkit.platforms.registry import Platform, get_platform
from postkit.text import graphemes

__all__ = ["MAX_TAG_GRAPHEMES", "hashtag", "hashtag_problem", "hashtags_from_tags", "same_everywhere", "takes_for"]

#: Bluesky gives a tag over 64 graphemes no facet; a longer hashtag helps nobody anywhere.
MAX_TAG_GRAPHEMES = 64

Takes = Callable[[str], bool]
"""Whether a platform links ``"#" + body`` as one whole hashtag (``Family.takes_hashtag``)."""

# A symbol that carries meaning: "+" or "#" in the tag ("C++", "C#", "LGBTQ+"), a leading "." (".NET").
_SYMBOLIC = re.compile(r"[+#＃]|^\.[^\W\d_]")
# An apostrophe inside a word (between a letter and a letter): the word goes on without a capital.
_APOSTROPHE = regex.compile(r"(?<=[\p{L}\p{M}])['\u2019\u02bc\u2018\u00b4`](?=\p{L})")
_JOIN = "\x00"
# Anything but letters, marks, decimal digits, the apostrophe mark and a middle dot between letters.
_SEPARATOR = regex.compile(r"(?:[^\p{L}\p{M}\p{Nd}\x00\u00b7]|(?<!\p{L})\u00b7|\u00b7(?!\p{L}))+")
_LETTER = regex.compile(r"\p{L}")
_ASCII_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['`](?=[A-Za-z])")
_ASCII_SEPARATOR = re.compile(r"[^A-Za-z0-9\x00]+")
# Selectors and joiners are no part of a hashtag (ZWNJ separates like a space); marks start no word.
_DROPPED = regex.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef\u200d]+")
_LEADING_MARKS = regex.compile(r"^\p{M}+")
# Scripts written without spaces between words: their words join as they are.
_NO_SPACES = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")


def takes_for(platform: str | Platform | Takes | None) -> Takes:
    """The hashtag rule of ``platform``'s family (or the rule itself); None: the plain rule every platform shares."""
    if platform is None:
        return plain_hashtag
    if callable(platform) and not isinstance(platform, Platform):
        return platform
    return get_platform(platform).family.takes_hashtag


def hashtag(tag: str, platform: str | Platform | None = None) -> str:
    """One tag as a hashtag on ``platform`` (see the module's rules); ``""`` when it makes none.

    >>> hashtag("Middle East"), hashtag("Women's football"), hashtag("iOS Apps"), hashtag("iraq")
    ('#MiddleEast', '#WomensFootball', '#iOSApps', '#iraq')
    >>> hashtag("C++"), hashtag("C++", "bluesky"), hashtag("2024")
    ('#cpp', '#C++', '')
    """
    return _hashtag(str(tag), takes_for(platform))


@functools.lru_cache(maxsize=4096)
def _hashtag(tag: str, takes: Takes) -> str:
    body = _body(tag, takes)
    return f"#{body}" if body else ""


def same_everywhere(tags: Iterable[str]) -> bool:
    """Whether every platform's rule spells ``tags`` alike: plain ASCII tags without a symbol that carries meaning.

    (A family's own rule is asked only beyond the plain one, which such tags never go.)
    """
    joined = "\n".join(tags)
    return joined.isascii() and _ANY_SYMBOL.search(joined) is None


# Any "+" or "#" (a leading "#" too: cautious), or a "." that starts a tag: a symbol that may carry meaning.
_ANY_SYMBOL = re.compile(r"[+#]|^\s*\.", re.MULTILINE)


def hashtag_problem(tag: str, platform: str | Platform | None = None) -> str | None:
    """Why ``tag`` makes no hashtag on ``platform``, or None when it makes one.

    >>> hashtag_problem("2024")
    'has no letter, and a hashtag needs one'
    >>> hashtag_problem("LGBTQ+", "x")
    "keeps its meaning only with '+', which x's hashtags cannot hold (Bluesky's can)"
    """
    takes = takes_for(platform)
    if _hashtag(str(tag), takes):
        return None
    text = _stripped(str(tag))
    if not text:
        return None  # an empty tag: nothing to say
    if _SYMBOLIC.search(text):
        symbols = "".join(dict.fromkeys(ch for ch in text if ch in "+#＃."))
        whose = f"{get_platform(platform).name}'s" if platform is not None else "the platforms'"
        return f"keeps its meaning only with {symbols!r}, which {whose} hashtags cannot hold (Bluesky's can)"
    plain = _plain(text)
    if not _LETTER.search(plain):
        return "has no letter, and a hashtag needs one"
    if _too_long(plain):
        return f"is longer than {MAX_TAG_GRAPHEMES} characters as a hashtag"
    return f"makes {'#' + plain!r}, which the platform does not link whole"


def hashtags_from_tags(
    tags: Iterable[str], limit: int | None = None, platform: str | Platform | Takes | None = None
) -> list[str]:
    """Hashtags for a list of tags on ``platform``: each by :func:`hashtag`, de-duplicated, capped at ``limit``."""
    takes = plain_hashtag if platform is None else takes_for(platform)
    seen: set[str] = set()
    out: list[str] = []
    if limit is not None and limit <= 0:  # 0: no hashtags at all
        return out
    for tag in tags:
        tagged = _hashtag(tag if type(tag) is str else str(tag), takes)
        if tagged and tagged.casefold() not in seen:
            seen.add(tagged.casefold())
            out.append(tagged)
        if limit is not None and len(out) >= limit:
            break
    return out


def _stripped(tag: str) -> str:
    """The tag in NFKC (full-width letters, ligatures, superscript digits as plain ones), without a leading '#'."""
    text = tag if tag.isascii() else unicodedata.normalize("NFKC", tag)
    return text.strip().lstrip("#").strip()


def _body(tag: str, takes: Takes) -> str:
    text = _stripped(tag)
    if not text:
        return ""
    if _SYMBOLIC.search(text):
        return _symbolic(text, takes)
    body = _plain(text)
    if _too_long(body):
        return ""
    # Every family's rule takes what the plain rule takes: its own is asked only beyond that.
    return body if plain_hashtag(body) or (_LETTER.search(body) and takes(body)) else ""


def _symbolic(text: str, takes: Takes) -> str:
    """A tag whose symbols carry meaning: as written if the platform takes it, else its known spelling, else none."""
    words = text.split()
    written = _camel(words) if len(words) > 1 else text
    if takes(written) and not _too_long(written):
        return written
    spelled = _data.hashtag_spellings().get(text.casefold())
    if spelled is not None and takes(spelled):
        return spelled
    return ""


def _too_long(body: str) -> bool:
    return len(body) > MAX_TAG_GRAPHEMES and len(graphemes(body)) > MAX_TAG_GRAPHEMES


def _plain(text: str) -> str:
    """The words of ``text`` joined into a hashtag body of letters, marks, digits and "_"."""
    if text.isascii():  # the same steps with the standard engine's plain classes
        words = [w for w in _ASCII_SEPARATOR.split(_ASCII_APOSTROPHE.sub(_JOIN, text)) if w]
    else:
        text = _APOSTROPHE.sub(_JOIN, _DROPPED.sub("", text))
        words = [w for w in (_LEADING_MARKS.sub("", piece) for piece in _SEPARATOR.split(text)) if w]
    if not words:
        return ""
    return _camel(words) if len(words) > 1 else words[0].replace(_JOIN, "")


def _camel(words: list[str]) -> str:
    """Words joined, each capitalised unless it is a lower-first name (iPhone); "_" between caseless words."""
    out: list[str] = []
    for word in words:
        pieces = word.split(_JOIN)
        shaped = "".join(pieces)
        if not _is_name(pieces[0]) and shaped:
            first = shaped[0].title()
            shaped = (first if len(first) == 1 else shaped[0]) + shaped[1:]
        if out and _needs_underscore(out[-1], shaped):
            out.append("_")
        out.append(shaped)
    return "".join(out)


def _is_name(word: str) -> bool:
    """A word written lower-first with a capital inside: iPhone, mRNA, iOS, eBay."""
    return bool(word) and word[0].islower() and any(ch.isupper() for ch in word[1:])


def _needs_underscore(before: str, after: str) -> bool:
    """Two caseless words of a script written with spaces, or two numbers, would run together."""
    if before.isascii() and after.isascii():
        return before[-1:].isdigit() and after[:1].isdigit()
    last = next((ch for ch in reversed(before) if not unicodedata.category(ch).startswith("M")), "")
    first = after[:1]
    if not last or not first:
        return False
    if last.isdecimal() and first.isdecimal():
        return True
    return _caseless(last) and _caseless(first) and not _NO_SPACES.match(last) and not _NO_SPACES.match(first)


def _caseless(char: str) -> bool:
    return char.isalpha() and char.lower() == char.upper() == char
