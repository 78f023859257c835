"""Cues: what a rule's first look needs of a text, found once per text, so only rules that can find something run.

Most texts give most rules nothing to find: no "!" for PUN001, no two capitals in a row for
CAP001, none of a phrase's words for the phrase rules, a link and a call to action where
STR001 and STR002 want them. Each rule still looked, and twenty calls that answer ``[]``
were a third of ``check(post)``. A rule names, in ``Rule.needs``, the cues without which it
finds nothing (any one of them lets it run); :func:`cues` finds them all at once, from the
per-text analysis the Context has made (``rules._analysis``), and a RuleSet runs, for each
combination of cues, only the rules one of whose cues is there (``RuleSet`` keeps a plan per
combination). A rule that names no cue always runs.

A cue is a necessary condition, never a finding: the rule's own check decides. Tests hold the
plan's findings to every rule's plain reference run on every text (``postkit._fastpaths``,
"rule plans"), so a cue that misses what its rule would find fails there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from postkit._regex_cache import compiled
from postkit.rules._analysis import CAPITALS, MARKS, OPENING_DIGIT, ampersand_outside
from postkit.rules.base import Context
from postkit.text import INVISIBLE_CHARS

__all__ = ["CUES", "cue_mask", "cues"]

#: Each cue and its bit. What each means (the rule that needs it):
CUES: dict[str, int] = {
    name: 1 << bit
    for bit, name in enumerate(
        (
            "over",  # LEN001: the text's measurements are not known, or one is over its limit
            "fold",  # LEN002: longer than the platform's fold (LinkedIn's "see more")
            "unlinked",  # STR001: no link in the text (or the platform wants "link in bio")
            "uncalled",  # STR002: the post's own call to action is not in the text
            "scheme",  # URL001: a word that names a script or file scheme (javascript, data, ftp…)
            "link",  # URL001: a link (or the post's own) that is not plain printable ASCII http(s)
            "invisible",  # UNI001: an invisible or control character
            "suspect",  # UNI002: U+FFFD, a surrogate, a ZWJ or a variation selector
            "markup",  # HTM001: "<" and ">", or an "&" outside the links
            "capitals",  # CAP001: two capitals (or mathematical letters) in a row
            "bang",  # PUN001: an exclamation mark
            "marks",  # PUN002: two marks in a row, or a wide mark
            "emoji",  # EMO001 (max 3 or more): more than three characters from U+2000 up
            "tags",  # TAG001: more '#' than the platform's smallest hashtag limit
            "phrase",  # phrase rules: every word of some phrase is in the text
            "this",  # CLK002: "this" or "these"
            "question",  # CLK005: you, your…, quiz or test
            "opening_digit",  # CLK004: a digit opens the text, a line or a sentence
        )
    )
}

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_SUSPECT = compiled("[\ufffd\ud800-\udfff\u200d\ufe00-\ufe0f]")  # as rules.unicode's
_MATH = re.compile("[\U0001d400-\U0001d7ff]")
_HIGH = compiled("[^\\x00-\\u1fff]")  # U+2000 and up (spelled as its complement: see rules.emojis)
_OPENING_DIGIT_AFTER_DASH = re.compile("[—–] [0-9]")
_SCHEME_WORDS = frozenset([b"javascript", b"vbscript", b"data", b"file", b"ftp"])
_QUESTION_WORDS = frozenset(b"you your yours yourself yourselves quiz test".split())
_WEB = ("http://", "https://")


def cue_mask(names: Iterable[str]) -> int:
    """The bits of cue ``names``; a ValueError names an unknown one."""
    mask = 0
    for name in names:
        if name not in CUES:
            msg = f"unknown cue {name!r} (cues: {', '.join(CUES)})"
            raise ValueError(msg)
        mask |= CUES[name]
    return mask


_OVER, _FOLD, _UNLINKED, _UNCALLED = CUES["over"], CUES["fold"], CUES["unlinked"], CUES["uncalled"]
_SCHEME, _LINK, _INVISIBLE_CUE, _SUSPECT_CUE = CUES["scheme"], CUES["link"], CUES["invisible"], CUES["suspect"]
_MARKUP, _CAPITALS, _BANG, _MARKS = CUES["markup"], CUES["capitals"], CUES["bang"], CUES["marks"]
_EMOJI, _TAGS, _PHRASE, _THIS = CUES["emoji"], CUES["tags"], CUES["phrase"], CUES["this"]
_QUESTION, _OPENING = CUES["question"], CUES["opening_digit"]
_TEXT_CUES = _SCHEME | _THIS | _QUESTION | _PHRASE  # read the text's words
_POST_CUES = _OVER | _FOLD | _UNLINKED | _UNCALLED | _LINK | _MARKUP | _TAGS
_ODD_CUES = _INVISIBLE_CUE | _SUSPECT_CUE | _CAPITALS | _BANG | _MARKS | _EMOJI | _OPENING


def _plain(value: str) -> bool:
    """Printable ASCII without a space (what URL001 passes at a glance)."""
    return value.isascii() and value.isprintable() and " " not in value


def _odd_link(ctx: Context) -> bool:
    """Whether a link in the text, or the post's own, is one URL001 looks at closer."""
    text = ctx.text
    link = ctx.link
    seen = False  # the post's own link stands in the text as one of its links
    for start, end in ctx.urls:
        url = text[start:end]
        if "@" in url or not _plain(url) or "xn--" in url.lower():
            return True
        seen = seen or url == link
    if not link:
        return False
    if seen:  # plain already: only its scheme is left to look at
        return not link[:8].lower().startswith(_WEB)
    return not (_plain(link) and link[:8].lower().startswith(_WEB))


def cues(ctx: Context, wanted: int) -> int:
    """The cues among ``wanted`` (bits of :data:`CUES`) that ``ctx``'s text has.

    Each is one or two C-level looks at what the Context's analysis made once (its UTF-8
    bytes, odd characters, words, neighbours, links); a cue not wanted is not looked for.
    """
    found = _post_cues(ctx, wanted) if wanted & _POST_CUES else 0
    if wanted & _TEXT_CUES:
        found |= _word_cues(ctx, wanted)
    if wanted & _ODD_CUES:
        found |= _odd_cues(ctx, wanted)
    return found


def _post_cues(ctx: Context, wanted: int) -> int:
    """The cues of the post's measurements, platform, link, call to action, markup and hashtags."""
    found = 0
    text = ctx.text
    if wanted & _OVER:
        sizes = ctx.measurements
        if not sizes:  # LEN001 measures the text itself
            found |= _OVER
        else:
            for size in sizes:
                if size.value > size.limit:
                    found |= _OVER
                    break
    platform = ctx.platform
    if wanted & _FOLD and platform.fold and len(text) > platform.fold:
        found |= _FOLD
    if wanted & _UNLINKED and (platform.links == "bio" or not (ctx.urls or (ctx.link and ctx.link in text))):
        found |= _UNLINKED
    if wanted & _UNCALLED and not (ctx.cta and ctx.cta in text):
        found |= _UNCALLED
    if wanted & _LINK and (ctx.urls or ctx.link) and _odd_link(ctx):
        found |= _LINK
    if wanted & _MARKUP and (("<" in text and ">" in text) or ("&" in text and ampersand_outside(text, ctx.urls))):
        found |= _MARKUP
    if wanted & _TAGS:
        odd = ctx.odd
        signs = ctx.utf8.count(b"#") + (odd.count("＃") if odd else 0)
        if signs:  # more than the smaller of the limits: more than either
            hard, advised = platform.hashtags_max, platform.hashtags_advised
            if (hard is not None and signs > hard) or (advised is not None and signs > advised):
                found |= _TAGS
    return found


def _word_cues(ctx: Context, wanted: int) -> int:
    """The cues of the text's words: looked up among those the Context knows (``Context.known``)."""
    if ctx.lower_moves:  # lowercasing moves offsets: the rules' word looks do not apply
        return wanted & _TEXT_CUES
    found = 0
    known = ctx.known
    if wanted & _SCHEME and not _SCHEME_WORDS.isdisjoint(known):
        found |= _SCHEME
    if wanted & _THIS and (b"this" in known or b"these" in known):
        found |= _THIS
    if wanted & _QUESTION and not _QUESTION_WORDS.isdisjoint(known):
        found |= _QUESTION
    if wanted & _PHRASE:
        scanner = ctx._scanner  # noqa: SLF001 - the Context's own scanner, shared with its phrase matches
        if scanner is None or scanner.may_hold(ctx.words, known):
            found |= _PHRASE
    return found


def _odd_cues(ctx: Context, wanted: int) -> int:
    """The cues of the text's odd characters and of what stands next to what (``Context.neighbours``)."""
    found = 0
    text = ctx.text
    neighbours = ctx.neighbours if wanted & (_CAPITALS | _MARKS | _OPENING) else 0
    odd = ctx.odd
    if wanted & _BANG and (b"!" in ctx.utf8 or "！" in odd):
        found |= _BANG
    if wanted & _CAPITALS and (neighbours & CAPITALS or (odd and _MATH.search(odd))):
        found |= _CAPITALS
    if wanted & _MARKS and (neighbours & MARKS or (odd and ("！" in odd or "？" in odd or "…" in odd))):
        found |= _MARKS
    if wanted & _OPENING and (
        neighbours & OPENING_DIGIT or (("—" in odd or "–" in odd) and _OPENING_DIGIT_AFTER_DASH.search(text))
    ):
        found |= _OPENING
    if odd:
        if wanted & _INVISIBLE_CUE and _INVISIBLE.search(odd):
            found |= _INVISIBLE_CUE
        if wanted & _SUSPECT_CUE and _SUSPECT.search(odd):
            found |= _SUSPECT_CUE
        if wanted & _EMOJI and len(odd) > 3 and len(_HIGH.findall(odd)) > 3:
            found |= _EMOJI
    return found
