"""What postkit looks up in the ``emoji`` package, shipped as a file generated from it.

Importing ``emoji`` costs a cold ``postkit check`` about 35 ms (it loads its whole data
set), yet most runs only look things up in it: which sequences are emoji and their
status, and the topic emoji of ``data/emoji_topics.toml`` as ``emoji.emojize`` resolves
their short codes. ``data/emoji_table.txt`` holds exactly those answers, made from the
``emoji`` package by :func:`render` (``python -m postkit._emoji_table >
src/postkit/data/emoji_table.txt``); a test checks the file equals what the installed
package gives. The file is used only while the installed ``emoji`` is the version it
records; otherwise :func:`reference` asks the package itself. Anything beyond look-ups
(emojizing a record's own social line, the ``emojize`` filter) still calls ``emoji``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from postkit import _data

__all__ = ["EmojiTable", "is_emoji", "reference", "render", "table"]

_FILE = "emoji_table.txt"


@attrs.frozen
class EmojiTable:
    """Every sequence of ``emoji.EMOJI_DATA`` with its status, and the topic short codes resolved."""

    version: str
    status: Mapping[str, int]
    names: Mapping[str, str]
    twemoji_whole: frozenset[str]  # sequences twitter-text's emoji pattern matches whole (X's counter)
    shipped: bool = attrs.field(default=False, eq=False)  # read from data/emoji_table.txt


def _topic_codes() -> list[str]:
    """The short codes of ``data/emoji_topics.toml``, in file order, each once."""
    data = _data.table("emoji_topics.toml")
    return list(dict.fromkeys([*data["group"].values(), *data["topics"].values()]))


def reference() -> EmojiTable:
    """The table as the installed ``emoji`` package gives it (the plain version)."""
    import emoji  # noqa: PLC0415 - the heavy import this module exists to avoid

    status = {sequence: int(data["status"]) for sequence, data in emoji.EMOJI_DATA.items()}
    names = {code: str(emoji.emojize(code, language="en")) for code in _topic_codes()}
    from postkit.platforms._twemoji import whole_matches  # noqa: PLC0415 - it reads this table

    return EmojiTable(str(emoji.__version__), status, names, whole_matches(status))


def render(found: EmojiTable) -> str:
    """``data/emoji_table.txt`` for ``found``."""
    lines = [
        "# The emoji package's answers postkit looks up (postkit._emoji_table): each sequence of",
        "# emoji.EMOJI_DATA with its status (emoji.STATUS), then each short code of",
        "# data/emoji_topics.toml with what emoji.emojize(code, language='en') returns, then the",
        "# sequences that twitter-text's emoji pattern (data/twitter_text.toml) matches whole.",
        "# Generated, do not edit: python -m postkit._emoji_table > src/postkit/data/emoji_table.txt",
        "# Used only while the installed emoji is the version below; otherwise emoji is asked.",
        "# Source: the emoji package (github.com/carpedm20/emoji, BSD licence), whose data comes from",
        "# the Unicode emoji files (unicode.org/Public/emoji, Unicode licence).",
        f"emoji {found.version}",
        "[names]",
        *(f"{code}\t{value}" for code, value in found.names.items()),
        "[status]",
        *(f"{value}\t{sequence}" for sequence, value in found.status.items()),
        "[twemoji_whole]",
        *sorted(found.twemoji_whole),
    ]
    return "\n".join(lines) + "\n"


def _stored() -> EmojiTable:
    rows = _data.read_text(_FILE).split("\n")
    rows = rows[next(i for i, row in enumerate(rows) if not row.startswith("#")) : -1]  # "#️⃣" is an emoji
    version = rows[0].removeprefix("emoji ")
    at, whole = rows.index("[status]"), rows.index("[twemoji_whole]")
    names = dict(row.split("\t", 1) for row in rows[2:at])
    status = {sequence: int(value) for value, sequence in (row.split("\t", 1) for row in rows[at + 1 : whole])}
    return EmojiTable(version, status, names, frozenset(rows[whole + 1 :]), shipped=True)


@functools.cache
def table() -> EmojiTable:
    """The shipped table if it was made from the installed ``emoji``, else :func:`reference`."""
    from importlib import metadata  # noqa: PLC0415 - only when emoji are looked up

    stored = _stored()
    try:
        installed = metadata.version("emoji")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency; ask the module itself
        installed = None
    return stored if installed == stored.version else reference()


def is_emoji(text: str) -> bool:
    """``text in emoji.EMOJI_DATA or emoji.is_emoji(text)``, looked up in the shipped table when it applies.

    In the shipped version ``emoji.is_emoji`` is that membership test (tests check the two
    agree on every sequence and on non-emoji); another version asks the package.
    """
    found = table()
    if found.shipped:
        return text in found.status
    import emoji  # noqa: PLC0415 - not the shipped version: ask the package

    return text in emoji.EMOJI_DATA or bool(emoji.is_emoji(text))


if __name__ == "__main__":
    print(render(reference()), end="")  # noqa: T201 - the generator of data/emoji_table.txt
