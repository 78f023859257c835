"""What postkit looks up in the ``emoji`` package, shipped as a file generated from it.

Importing ``emoji`` costs a cold ``postkit check`` about 35 ms (it loads its whole data
set), yet most runs only look things up in it: which sequences are emoji and their
status, and the topic emoji of ``data/emoji_topics.toml`` as ``emoji.emojize`` resolves
their short codes. ``data/emoji_table.txt`` holds exactly those answers, made from the
``emoji`` package by :func:`generate` (``python -m postkit._emoji_table >
src/postkit/data/emoji_table.txt``). Under another ``emoji`` version the table is made
from the installed package on first use and cached (:mod:`postkit._generated`); tests
check the table in use equals what the installed package gives. Anything beyond
look-ups (emojizing a record's own social line, the ``emojize`` filter) still calls ``emoji``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from postkit import _data
from postkit._generated import Generated, load
from postkit._generated import installed_version as generated_version

__all__ = [
    "GENERATED",
    "EmojiTable",
    "generate",
    "installed_version",
    "is_emoji",
    "parse",
    "reference",
    "table",
    "variation_bases",
]


@attrs.frozen
class EmojiTable:
    """Every sequence of ``emoji.EMOJI_DATA`` with its status, and the topic short codes resolved."""

    version: str
    status: Mapping[str, int]
    names: Mapping[str, str]
    # Characters a variation selector (U+FE0E text, U+FE0F emoji style) may follow: those of Unicode's
    # emoji-variation-sequences.txt, which the package flags ``variant``, and the keycap bases.
    variation_bases: frozenset[str] = frozenset()


def _topic_codes() -> list[str]:
    """The short codes of ``data/emoji_topics.toml``, in file order, each once."""
    data = _data.table("emoji_topics.toml")
    return list(dict.fromkeys([*data["group"].values(), *data["topics"].values()]))


def installed_version() -> str:
    """The installed ``emoji``'s version, from its metadata (importing it is what this module avoids)."""
    try:
        return generated_version("emoji", "emoji")
    except LookupError:  # pragma: no cover - a dependency (PackageNotFoundError); ask the module itself
        import emoji  # noqa: PLC0415

        return str(emoji.__version__)


def reference() -> EmojiTable:
    """The table as the installed ``emoji`` package gives it (the plain version)."""
    import emoji  # noqa: PLC0415 - the heavy import this module exists to avoid

    status = {sequence: int(data["status"]) for sequence, data in emoji.EMOJI_DATA.items()}
    names = {code: str(emoji.emojize(code, language="en")) for code in _topic_codes()}
    bases = {sequence[0] for sequence, data in emoji.EMOJI_DATA.items() if data.get("variant")}
    bases |= {sequence[i - 1] for sequence in status for i, char in enumerate(sequence) if char == "\ufe0f" and i}
    return EmojiTable(str(emoji.__version__), status, names, frozenset(bases))


def render(found: EmojiTable) -> str:
    """``data/emoji_table.txt`` for ``found``."""
    lines = [
        "# The emoji package's answers postkit looks up (postkit._emoji_table): each sequence of",
        "# emoji.EMOJI_DATA with its status (emoji.STATUS), then each short code of",
        "# data/emoji_topics.toml with what emoji.emojize(code, language='en') returns, then the",
        "# characters a variation selector may follow (emoji-variation-sequences: the package's 'variant'",
        "# flag, and the keycap bases), as hex code points.",
        "# Generated, do not edit: python -m postkit._emoji_table > src/postkit/data/emoji_table.txt",
        "# Used while the installed emoji is the version below; another version gets its own, made",
        "# on first use and cached (postkit._generated).",
        "# Source: the emoji package (github.com/carpedm20/emoji, BSD licence), whose data comes from",
        "# the Unicode emoji files (unicode.org/Public/emoji, Unicode licence).",
        f"emoji {found.version}",
        "[names]",
        *(f"{code}\t{value}" for code, value in found.names.items()),
        "[variation_bases]",
        " ".join(f"{ord(char):04X}" for char in sorted(found.variation_bases)),
        "[status]",
        *(f"{value}\t{sequence}" for sequence, value in found.status.items()),
    ]
    return "\n".join(lines) + "\n"


def generate() -> str:
    """``data/emoji_table.txt`` as the installed ``emoji`` makes it."""
    return render(reference())


def parse(text: str) -> EmojiTable:
    """The table in a generated file's text.

    Raises:
        ValueError: when the text is not such a file.
    """
    rows = text.split("\n")
    rows = rows[next(i for i, row in enumerate(rows) if not row.startswith("#")) : -1]  # "#️⃣" is an emoji
    if not rows[0].startswith("emoji ") or rows[1] != "[names]":
        msg = "not an emoji table"
        raise ValueError(msg)
    bases, at = rows.index("[variation_bases]"), rows.index("[status]")
    names = dict(row.split("\t", 1) for row in rows[2:bases])
    variation = frozenset(chr(int(code, 16)) for code in rows[bases + 1].split())
    status = {sequence: int(value) for value, sequence in (row.split("\t", 1) for row in rows[at + 1 :])}
    return EmojiTable(rows[0].removeprefix("emoji "), status, names, variation)


#: The generated table: data/emoji_table.txt, or one made from the installed emoji.
GENERATED = Generated("emoji_table.txt", "emoji", installed_version, generate, parse, sources=("emoji_topics.toml",))


@functools.cache
def table() -> EmojiTable:
    """The table for the installed ``emoji``: shipped, cached, or made from it now."""
    return load(GENERATED)


def is_emoji(text: str) -> bool:
    """``emoji.is_emoji(text)`` (membership in ``emoji.EMOJI_DATA``), looked up in the table.

    Tests check the two agree, on every sequence and on non-emoji, for the installed ``emoji``.
    """
    return text in table().status


def variation_bases() -> frozenset[str]:
    """The characters a variation selector U+FE0E or U+FE0F may follow (emoji-variation-sequences)."""
    return table().variation_bases


if __name__ == "__main__":
    print(generate(), end="")  # noqa: T201 - the generator of data/emoji_table.txt
