"""Emoji and call to action for the blurb line: from a record's social line, or from data.

The seed article's blurb "📝🌍🔗 Read More" is the house style. A record that carries
its own social line is followed exactly; otherwise the topic map in
``data/emoji_topics.toml`` picks the middle emoji and ``data/cta.toml`` the language's CTA.
A newsroom's :class:`Vocabulary` (``[tool.postkit.emoji]``, ``[tool.postkit.cta]``,
``utm-medium``) extends both; :meth:`Vocabulary.fallbacks` says when a topic or a
language has no entry and which fallback is used.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from postkit import _data, _emoji_table
from postkit._public import public
from postkit.errors import ConfigError
from postkit.posts.tracking import check_campaign
from postkit.text import graphemes

if TYPE_CHECKING:
    from postkit.config import Config

__all__ = ["Blurb", "Vocabulary", "blurb_for", "cta_for", "parse_social", "topic_emoji"]


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


def _emoji_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return types.MappingProxyType({str(k).strip().casefold(): str(v) for k, v in value.items()})


def _cta_mapping(value: Mapping[str, _data.Cta | str | tuple[str, str]]) -> Mapping[str, _data.Cta]:
    """Calls to action by language: a ``Cta``, a ``(read_more, link_in_bio)`` pair, or the read-more words alone.

    Words alone take the built-in "link in bio" of their language, else English's (as a
    configured ``[cta.xx]`` without ``link-in-bio`` does).
    """
    table = _data.cta()
    out: dict[str, _data.Cta] = {}
    for key, given in value.items():
        language = str(key).strip().lower()
        if isinstance(given, _data.Cta):
            out[language] = given
        elif isinstance(given, str):
            built_in = table.get(language) or table.get(language.split("-", 1)[0]) or table["en"]
            out[language] = _data.Cta(given, built_in.link_in_bio)
        else:
            read_more, bio = given
            out[language] = _data.Cta(str(read_more), str(bio))
    return types.MappingProxyType(out)


def _medium(value: str) -> None:
    if check_campaign(value, field="utm-medium") is None:
        raise ConfigError("expected a name", field="utm-medium")


@public
@attrs.frozen(eq=False)
class Vocabulary:
    """A newsroom's words for the blurb line, over the built-in data files.

    What ``compose``, ``compose_thread`` and ``pipeline.rows`` take as ``vocabulary=``: the
    configuration's ``[emoji]``, ``[cta]`` and ``utm-medium`` (``Vocabulary.from_config``),
    or given here.

    >>> words = Vocabulary(emoji={"food": "🍲"}, cta={"en": "Read on"}, utm_medium="newsletter")
    >>> words.topic_emoji(["Food"]), words.cta_for("en-GB"), words.utm_medium
    ('📝🍲🔗', 'Read on', 'newsletter')

    Args:
        emoji: topic → emoji (``[tool.postkit.emoji]``), over ``data/emoji_topics.toml``;
            topics are compared case-insensitively.
        cta: language (BCP-47, or its primary tag) → the call to action: its words
            (``"Read on"``: "link in bio" stays the built-in one), a pair
            ``(read_more, link_in_bio)``, or a ``Cta`` (``[tool.postkit.cta]``), over
            ``data/cta.toml``.
        utm_medium: the ``utm_medium`` of every link (default ``social``).

    Raises:
        ConfigError: ``utm_medium`` is not a name on one line of at most 100 characters
            (``tracking.check_campaign``), naming ``utm-medium``.
    """

    emoji: Mapping[str, str] = attrs.field(factory=dict, converter=_emoji_mapping)
    cta: Mapping[str, _data.Cta] = attrs.field(factory=dict, converter=_cta_mapping)
    utm_medium: str = attrs.field(default="social", validator=lambda _, __, v: _medium(v))

    def __reduce__(self) -> tuple[type[Vocabulary], tuple[dict[str, str], dict[str, _data.Cta], str]]:
        # The mappings are read-only views, which do not pickle: pickled as plain dicts.
        return type(self), (dict(self.emoji), dict(self.cta), self.utm_medium)

    @classmethod
    def from_config(cls, config: Config) -> Vocabulary:
        """The vocabulary of a configuration (``[emoji]``, ``[cta]``, ``utm-medium``).

        A call to action configured without its "link in bio" takes the built-in one of
        its language, else the configured English one, else the built-in English one.
        """
        table = _data.cta()
        english = config.cta.get("en", ("", None))[1] or table["en"].link_in_bio
        cta = {}
        for language, (read_more, bio) in config.cta.items():
            built_in = table.get(language) or table.get(language.split("-", 1)[0])
            cta[language] = _data.Cta(read_more, bio or (built_in.link_in_bio if built_in else english))
        return cls(emoji=config.emoji, cta=cta, utm_medium=config.utm_medium or "social")

    def topic_emoji(self, topics: Iterable[str]) -> str:
        """📝 + the first topic's emoji (this vocabulary's, then the built-in) + 🔗; 🌍 when none has one."""
        lead, default, trail, table = _topic_table()
        middle = next((found for t in topics if (found := self._emoji(t.casefold(), table)) is not None), default)
        return f"{lead}{middle}{trail}"

    def _emoji(self, topic: str, table: Mapping[str, str]) -> str | None:
        return self.emoji.get(topic) or table.get(topic)

    def cta_for(self, language: str, *, bio: bool = False) -> str:
        """The call to action in ``language``: this vocabulary's, then the built-in; tag, primary tag, English.

        English is this vocabulary's English (a configured ``[cta.en]``), else the built-in.
        """
        found = self._cta(language) or self._english()
        return found.link_in_bio if bio else found.read_more

    def _english(self) -> _data.Cta:
        """The call to action of a language without one: this vocabulary's English, else the built-in."""
        return self.cta.get("en") or _data.cta()["en"]

    def _cta(self, language: str) -> _data.Cta | None:
        table = _data.cta()
        for lang in dict.fromkeys((language.lower(), language.split("-", maxsplit=1)[0].lower())):
            found = self.cta.get(lang) or table.get(lang)
            if found is not None:
                return found
        return None

    def fallbacks(self, topics: Iterable[str], language: str, *, social: bool = False) -> list[tuple[str, str, str]]:
        """``(field, value, message)`` for each topic or language this vocabulary has no words for.

        A record with its own social line uses its own emoji and CTA: nothing falls back.
        Topics fall back only when none of them has an emoji (the first that has one is used).
        """
        if social:
            return []
        found: list[tuple[str, str, str]] = []
        topics = list(topics)
        _, default, _, table = _topic_table()
        if topics and all(self._emoji(t.casefold(), table) is None for t in topics):
            where = "data/emoji_topics.toml or [tool.postkit.emoji]"
            found += [
                ("topics", topic.casefold(), f"topic {topic!r} has no emoji in {where}; {default} is used")
                for topic in topics
            ]
        if self._cta(language) is None:
            english = self._english().read_more
            where = "data/cta.toml or [tool.postkit.cta]"
            found.append(
                (
                    "language",
                    language.lower(),
                    f"language {language!r} has no call to action in {where}; {english!r} (en) is used",
                )
            )
        return found


BUILT_IN = Vocabulary()


def topic_emoji(topics: Iterable[str]) -> str:
    """The emoji group for an article's topics: 📝 + the first known topic's emoji + 🔗.

    >>> topic_emoji(["Sport"])
    '📝🏆🔗'
    >>> topic_emoji([])
    '📝🌍🔗'
    """
    return BUILT_IN.topic_emoji(topics)


def cta_for(language: str, *, bio: bool = False) -> str:
    """The call to action in ``language`` (BCP-47), falling back to the primary tag, then English.

    ``bio=True`` gives the "link in bio" wording for platforms without clickable links.
    """
    return BUILT_IN.cta_for(language, bio=bio)


def _is_emoji(cluster: str) -> bool:
    return _emoji_table.is_emoji(cluster)


#: A label before a social line's emoji group: up to four words and a colon ("Social Media:").
_LABEL = re.compile(r"\s*[^\W\d_][^\W_]*(?:[ _-][^\W_]+){0,3}\s*:\s*")


def parse_social(line: str) -> tuple[str, str]:
    """Split a social line into its leading emoji group and the CTA after it.

    Shortcodes are accepted (``:memo: Read More``). A trailing colon after the CTA is
    dropped, since the blurb puts its own before the link. A label before the emoji group
    is dropped too: the seed article's whole line (``Social Media: 📝🌍🔗 Read More``),
    pasted into a record's ``social`` field, is its social line, not a CTA that says
    "Social Media" after a second emoji group.

    >>> parse_social("📝🌍🔗 Read More")
    ('📝🌍🔗', 'Read More')
    >>> parse_social("Social Media: 🎄✨🔗 Read More")
    ('🎄✨🔗', 'Read More')
    """
    text = line
    if ":" in line:
        import emoji  # noqa: PLC0415 - a heavy import, only for short codes in a social line

        text = str(emoji.emojize(line, language="en"))
        label = _LABEL.match(text)
        if label is not None:
            after = graphemes(text[label.end() :])
            if after and _is_emoji(after[0]):
                text = text[label.end() :]
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
    vocabulary: Vocabulary | None = None,
) -> Blurb:
    """The blurb for an article: its own social line when it has one, else the vocabulary's words.

    On a platform without clickable links (``bio=True``), the CTA becomes the language's
    "link in bio" wording even when the social line has its own CTA, since "Read More"
    with no link would send readers nowhere.
    """
    words = vocabulary or BUILT_IN
    group, cta = parse_social(social) if social else ("", "")
    return Blurb(
        emoji=group or words.topic_emoji(topics),
        cta=words.cta_for(language, bio=True) if bio else (cta or words.cta_for(language)),
    )
