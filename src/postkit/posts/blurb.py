"""Emoji and call to action for the blurb line: from a record's social line, or from data.

The seed article's blurb "📝🌍🔗 Read More" is the house style. A record that carries
its own social line is followed exactly; otherwise the topic map in
``data/emoji_topics.toml`` picks the middle emoji and ``data/cta.toml`` the language's CTA.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import attrs

from postkit import _data, _emoji_table
from postkit.text import graphemes

__all__ = ["Blurb", "blurb_for", "cta_for", "parse_social", "topic_emoji"]


@attrs.frozen
class Blurb:
    """The blurb line's parts: an emoji group and a call to action."""

    emoji: str
    cta: str


@functools.cache
def _topic_table() -> tuple[str, str, str, Mapping[str, str]]:
    data = _data.table("emoji_topics.toml")
    group = data["group"]
    topics = data["topics"]
    assert isinstance(group, dict)
    assert isinstance(topics, dict)

    names = _emoji_table.table().names  # emoji.emojize(code, language="en") of each code, looked up

    def emojize(code: str) -> str:
        return names[code]

    table = {key.casefold(): emojize(value) for key, value in topics.items()}
    return emojize(group["lead"]), emojize(group["default"]), emojize(group["trail"]), table


def topic_emoji(topics: Iterable[str]) -> str:
    """The emoji group for an article's topics: 📝 + the first known topic's emoji + 🔗.

    >>> topic_emoji(["Sport"])
    '📝🏆🔗'
    >>> topic_emoji([])
    '📝🌍🔗'
    """
    lead, default, trail, table = _topic_table()
    middle = next((table[t.casefold()] for t in topics if t.casefold() in table), default)
    return f"{lead}{middle}{trail}"


def cta_for(language: str, *, bio: bool = False) -> str:
    """The call to action in ``language`` (BCP-47), falling back to the primary tag, then English.

    ``bio=True`` gives the "link in bio" wording for platforms without clickable links.
    """
    table = _data.cta()
    for lang in (language.lower(), language.split("-", maxsplit=1)[0].lower(), "en"):
        if lang in table:
            return table[lang].link_in_bio if bio else table[lang].read_more
    return table["en"].link_in_bio if bio else table["en"].read_more


def _is_emoji(cluster: str) -> bool:
    return _emoji_table.is_emoji(cluster)


def parse_social(line: str) -> tuple[str, str]:
    """Split a social line into its leading emoji group and the CTA after it.

    Shortcodes are accepted (``:memo: Read More``). A trailing colon after the CTA is
    dropped, since the blurb puts its own before the link.

    >>> parse_social("📝🌍🔗 Read More")
    ('📝🌍🔗', 'Read More')
    """
    text = line
    if ":" in line:
        import emoji  # noqa: PLC0415 - a heavy import, only for short codes in a social line

        text = str(emoji.emojize(line, language="en"))
    clusters = graphemes(text)
    end = 0
    for cluster in clusters:
        if not (cluster.isspace() or _is_emoji(cluster)):
            break
        end += 1
    group = "".join(clusters[:end]).strip()
    rest = "".join(clusters[end:]).strip().rstrip(":").strip()
    return group, rest


def blurb_for(
    social: str | None,
    topics: Iterable[str],
    language: str,
    *,
    bio: bool = False,
) -> Blurb:
    """The blurb for an article: its own social line when it has one, else data defaults.

    On a platform without clickable links (``bio=True``), the CTA becomes the language's
    "link in bio" wording even when the social line has its own CTA, since "Read More"
    with no link would send readers nowhere.
    """
    group, cta = parse_social(social) if social else ("", "")
    return Blurb(
        emoji=group or topic_emoji(topics),
        cta=cta_for(language, bio=True) if bio else (cta or cta_for(language)),
    )
