"""The one loader of the data files shipped in ``postkit/data``, each read once on first use.

Platform profiles, emoji maps, phrase lists, acronyms and CTA translations are data, each
file with its sources in its header; every module that needs one asks here.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sys
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from postkit._cache_dir import cache_dir

__all__ = [
    "Cta",
    "RecordFields",
    "abbreviations",
    "clickbait_model",
    "code_ranges",
    "cta",
    "english_words",
    "hashtag_spellings",
    "iana_tlds",
    "invisible_ranges",
    "parsed_toml",
    "phrase_list",
    "read_text",
    "record_fields",
    "table",
    "twitter_text",
]


def _read(name: str) -> str:
    return resources.files("postkit").joinpath(f"data/{name}").read_text("utf-8")


def read_text(name: str) -> str:
    """The text of ``data/<name>``, for a module that parses its own generated file."""
    return _read(name)


@functools.cache
def code_ranges(name: str, kind: str = "") -> tuple[tuple[int, int], ...]:
    """The code point ranges of a generated list ``data/<name>``: its ``XXXX-YYYY`` lines, in order.

    Such a file says in ``#`` lines what it lists and how it was made; other lines (the
    versions it was made from) are skipped. With ``kind``, the lines ``kind XXXX-YYYY``.
    """
    found: list[tuple[int, int]] = []
    prefix = f"{kind} " if kind else ""
    for line in _read(name).splitlines():
        if not line.startswith(prefix):
            continue
        first, dash, last = line.removeprefix(prefix).partition("-")
        if dash and first and all(c in "0123456789ABCDEF" for c in first + last):
            found.append((int(first, 16), int(last, 16)))
    return tuple(found)


@functools.cache
def table(name: str) -> Mapping[str, Any]:
    """The TOML file ``data/<name>`` as a mapping (do not mutate: it is shared).

    Parsing the two large files (``twitter_text.toml``, ``iana_tlds.toml``) is ~19 ms of every
    cold command that counts for X or Bluesky; their parse, kept beside the text it was made
    of in the user's cache folder, is read back in under a millisecond (:func:`parsed_toml`).
    """
    return parsed_toml(name, _read(name))


def parsed_toml(name: str, text: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` (the reference), read from the cache when a run kept it for this very text.

    The cache file holds the text and its parse (``marshal``, as Python writes bytecode); it is
    used only if its text is ``text``, character for character. A missing, unreadable or
    other file, or a parse marshal cannot write (a TOML date), costs only the parse.
    """
    folder = cache_dir()
    path = folder / "data" / f"{name}-{sys.implementation.cache_tag}.marshal" if folder is not None else None
    if path is not None:
        try:
            stored = marshal.loads(path.read_bytes())  # noqa: S302 - our own cache file, checked below
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == text and isinstance(stored[1], dict):
                return stored[1]
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing or unreadable: parse, and keep it again
    found = tomllib.loads(text)
    if path is not None:
        _store(path, (text, found))
    return found


def _store(path: Path, value: Any) -> None:
    """Write ``path`` whole (a temporary file, then a rename), or not at all."""
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except (OSError, ValueError):  # unwritable, or not marshal's (a date): only the time to parse again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@functools.cache
def phrase_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/phrases/<name>.txt``: one per line, ``#`` comments skipped."""
    text = _read(f"phrases/{name}.txt")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@functools.cache
def english_words() -> frozenset[str]:
    """The lowercase English words of ``data/english_words.txt`` (SCOWL; see its header)."""
    text = _read("english_words.txt")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def abbreviations() -> frozenset[str]:
    """The abbreviations a sentence does not end after (``data/abbreviations.txt``: CLDR's; see its header)."""
    return frozenset(s for line in _read("abbreviations.txt").splitlines() if (s := line.strip()) and s[0] != "#")


def twitter_text() -> Mapping[str, Any]:
    """twitter-text's weights, emoji version and TLD lists (``data/twitter_text.toml``)."""
    return table("twitter_text.toml")


@functools.cache
def iana_tlds() -> frozenset[str]:
    """The IANA TLDs Bluesky's app checks bare domains against (``data/iana_tlds.toml``)."""
    return frozenset(table("iana_tlds.toml")["tlds"])


@functools.cache
def invisible_ranges(*, prose: bool) -> tuple[tuple[int, int], ...]:
    """Code point ranges of invisible characters (``data/invisible.toml``), first to last.

    ``prose=True`` leaves out what prose may keep (ZWNJ and ZWJ); URLs take none of them.
    """
    data = table("invisible.toml")
    allowed = {int(code, 16) for code in data["allowed_in_prose"]} if prose else set()
    out: list[tuple[int, int]] = []
    for item in (*data["format"], *data["controls"], *data["blank"], *data["noncharacters"]):
        first, _, last = item.partition("-")
        low, high = int(first, 16), int(last or first, 16)
        out += [(a, b) for a, b in _without(low, high, allowed)]
    return tuple(sorted(out))


def _without(low: int, high: int, holes: set[int]) -> list[tuple[int, int]]:
    """The range low..high split around the code points in ``holes``."""
    pieces, start = [], low
    for hole in sorted(h for h in holes if low <= h <= high):
        if start < hole:
            pieces.append((start, hole - 1))
        start = hole + 1
    if start <= high:
        pieces.append((start, high))
    return pieces


@attrs.frozen
class Cta:
    """One language's calls to action (``data/cta.toml``)."""

    read_more: str
    link_in_bio: str


@functools.cache
def cta() -> Mapping[str, Cta]:
    """The calls to action by language (BCP-47 primary subtag), in file order."""
    return {
        lang: Cta(values["read_more"], values["link_in_bio"])
        for lang, values in table("cta.toml").items()
        if isinstance(values, dict)
    }


@functools.cache
def hashtag_spellings() -> Mapping[str, str]:
    """Hashtag spellings of names whose symbols carry meaning (``data/hashtag_symbols.toml``), by case-folded tag."""
    return dict(table("hashtag_symbols.toml")["spellings"])


@functools.cache
def clickbait_model() -> tuple[float, dict[str, float]]:
    """CLK003's model (``data/clickbait_model.tsv``): the bias and the weight of each feature.

    Made by evals/train_clickbait.py; ``#`` lines are its provenance, then ``bias<TAB>b`` and
    one ``feature<TAB>weight`` per line.
    """
    text = _read("clickbait_model.tsv")
    weights: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition("\t")
            weights[name] = float(value)
    return weights.pop("bias"), weights


@attrs.frozen
class RecordFields:
    """Other names of record fields, and keys that never warn (``data/record_fields.toml``)."""

    synonyms: Mapping[str, str]
    ignored: frozenset[str]
    draft_statuses: frozenset[str] = frozenset()
    draft_flags: frozenset[str] = frozenset()
    public_flags: frozenset[str] = frozenset()
    public_statuses: frozenset[str] = frozenset()
    #: A folder's files of other types said nothing of (``[folders]``): program source, licences.
    quiet_suffixes: frozenset[str] = frozenset()
    quiet_names: frozenset[str] = frozenset()
    #: Keys whose value says a record is no article (Ghost's ``type: page``): key -> (values, why).
    not_articles: Mapping[str, tuple[frozenset[str], str]] = attrs.field(factory=dict)
    #: The keys that say whether a record is public (``status``, ``draft``, ``published``, ``type``...).
    publication_keys: frozenset[str] = attrs.field(init=False)

    @publication_keys.default
    def _publication_keys(self) -> frozenset[str]:
        return frozenset({"status"}) | self.draft_flags | self.public_flags | frozenset(self.not_articles)


@functools.cache
def record_fields() -> RecordFields:
    """What an unknown record field is checked against (lower-case keys)."""
    data = table("record_fields.toml")
    drafts = data["drafts"]
    return RecordFields(
        dict(data["synonyms"]),
        frozenset(data["ignored"]["keys"]),
        frozenset(drafts["statuses"]),
        frozenset(drafts["draft-flags"]),
        frozenset(drafts["public-flags"]),
        frozenset(drafts["public-statuses"]),
        frozenset(data["folders"]["quiet-suffixes"]),
        frozenset(data["folders"]["quiet-names"]),
        {
            key: (frozenset(str(v).lower() for v in kind["values"]), kind["why"])
            for key, kind in drafts["not-articles"].items()
        },
    )
