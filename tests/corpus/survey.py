"""Survey: how the installed postkit does on the real-world corpus in this folder.

Every file beside this script (one folder per source, each with a SOURCE.md) is classified by an independent
reader (feedparser for XML feeds, ``json``/``csv`` for the rest), its entries are counted by that reader, then
postkit loads it (``load_articles``) and composes every article on every built-in platform (``compose``). The
posts are scanned for the defects issue 20 lists: entity debris, HTML tags, mojibake, hashtags not extracted
whole, stray emoji variation selectors.

The functions return data so that a test can hold invariants on it; ``main`` prints the tables::

    .venv/bin/python tests/corpus/survey.py            # whole corpus
    .venv/bin/python tests/corpus/survey.py --errors   # also every distinct error cause per format
    .venv/bin/python tests/corpus/survey.py tests/corpus/jekyll tests/corpus/feed-rs/rss_2.0_bbc.xml  # a slice

The hashtag check here applies the twitter-text character class (letters, marks, digits, underscore and the
few joiners it allows); the platforms' own libraries (npm twitter-text, @atproto/api, Mastodon's pattern) are
the oracle for the test that will be built on this survey.
"""

from __future__ import annotations

import argparse
import csv
import html.entities
import io
import json
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import emoji
import feedparser
import regex

from postkit import Article, RecordError, builtin_platforms, compose, load_articles

CORPUS = Path(__file__).resolve().parent
NOT_DATA = {
    "SOURCE.md",
    "README.md",
    "survey.py",
    ".gitattributes",
    "__init__.py",
    "reading.toml",
    "test_corpus.py",
    "expected.toml",
}
# How each source is read (base-url, [fields]), as a newsroom would configure it: reading.toml.
READING: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "reading.toml").read_text("utf-8"))


def reading(source: str) -> dict[str, Any]:
    """The ``load_articles`` keywords for a source folder (its table in reading.toml)."""
    table = READING.get(source, {})
    return {"base_url": table.get("base-url"), "fields": dict(table.get("fields", {}))}


FORMATS = (
    "RSS 0.9x",
    "RSS 1.0",
    "RSS 2.0",
    "Atom",
    "JSON Feed",
    "WordPress",
    "Ghost",
    "Markdown",
    "CSV/JSON export",
    "unreadable",
)
_FEED_VERSIONS = {
    "rss090": "RSS 0.9x",
    "rss091n": "RSS 0.9x",
    "rss091u": "RSS 0.9x",
    "rss092": "RSS 0.9x",
    "rss093": "RSS 0.9x",
    "rss094": "RSS 0.9x",
    "rss10": "RSS 1.0",
    "rss20": "RSS 2.0",
    "rss": "RSS 2.0",
    "atom01": "Atom",
    "atom02": "Atom",
    "atom03": "Atom",
    "atom10": "Atom",
    "atom": "Atom",
}

# --- the defects -------------------------------------------------------------------------------------------

_ENTITY_NAMES = frozenset(name.rstrip(";") for name in html.entities.html5)
_AMP = regex.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--")
_URL = regex.compile(r"https?://\S+")
# UTF-8 read as Latin-1/Windows-1252 (Ã©, â€™, Ð¿), and the replacement character.
_MOJIBAKE = regex.compile(r"[ÃÂ][\u0080-\u00bf]|â€|[ÐÑ][\u0080-\u00bf]|ï¿½|\ufffd")
# twitter-text's hashtag characters: letters, marks, decimal digits, underscore and its few joiners.
_HASHTAG_BODY = regex.compile(
    r"[\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7]+"
)
_LOWER_FIRST_BRAND = regex.compile(r"\b\p{Ll}+\p{Lu}\w*")
_VS = "\ufe0e\ufe0f"
# The characters a variation selector may follow: Unicode's emoji-variation-sequences (the emoji package flags them
# ``variant``) and the keycap bases (a selector inside a sequence).
_VS_BASES = frozenset(
    {key[0] for key, data in emoji.EMOJI_DATA.items() if data.get("variant")}
    | {key[i - 1] for key in emoji.EMOJI_DATA for i, ch in enumerate(key) if ch == "\ufe0f" and i > 0}
)


def entity_debris(text: str) -> list[str]:
    """Character references left in ``text`` (outside URLs): numeric ones, and any ``&name`` (with or without
    ``;``) whose name begins with an HTML5 entity name."""
    found = []
    for match in _AMP.finditer(_URL.sub(" ", text)):
        ref = match.group(1)
        if ref.startswith("#"):
            found.append(match.group(0))
            continue
        name = ref.rstrip(";")
        if any(name[:k] in _ENTITY_NAMES for k in range(1, len(name) + 1)):
            found.append(match.group(0))
    return found


def tag_debris(text: str) -> list[str]:
    """HTML (or MDX) tags left in ``text`` outside URLs."""
    return _TAG.findall(_URL.sub(" ", text))


def mojibake(text: str) -> list[str]:
    """UTF-8 decoded as Latin-1/Windows-1252, and U+FFFD."""
    return _MOJIBAKE.findall(text)


def stray_variation_selectors(text: str) -> int:
    """Variation selectors that are doubled or follow a character that has no emoji variation sequence."""
    count = 0
    for i, ch in enumerate(text):
        if ch not in _VS:
            continue
        before = text[i - 1] if i else ""
        if before in _VS or before not in _VS_BASES:
            count += 1
    return count


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def hashtag_defects(hashtags: tuple[str, ...], tags: tuple[str, ...]) -> Counter[str]:
    """Defects of the hashtags of one post against the article tags they came from.

    ``not whole``: the platform rule would take a shorter tag than postkit wrote (``#LGBTQ+`` -> ``#LGBTQ``);
    ``no letter``: a tag of digits only, which no platform links; ``apostrophe split``: a letter after an
    apostrophe capitalised (``#WomenSFootball``); ``brand case``: a lower-first word capitalised
    (``#IPhone``); ``symbol lost``: a tag whose ``+``, ``#`` or leading ``.`` carried meaning, written without it.
    """
    found: Counter[str] = Counter()
    by_letters = {_letters(tag): tag for tag in tags}
    for hashtag in hashtags:
        body = hashtag.removeprefix("#")
        match = _HASHTAG_BODY.match(body)
        if match is None or match.end() != len(body):
            found["not whole"] += 1
        if body and not any(ch.isalpha() for ch in body):
            found["no letter"] += 1
        tag = by_letters.get(_letters(body))
        if tag is None:
            continue
        for apostrophe in regex.finditer(r"['’ʼ](\p{Ll})", tag):
            letter = apostrophe.group(1)
            before = _letters(tag[: apostrophe.start()])
            position = len(before)
            kept = [ch for ch in body if ch.isalnum()]
            if position < len(kept) and kept[position] == letter.upper():
                found["apostrophe split"] += 1
                break
        for word in _LOWER_FIRST_BRAND.findall(tag):
            if word not in body and word[0].upper() + word[1:] in body:
                found["brand case"] += 1
                break
        if regex.search(r"[+#]|^\.", tag):
            found["symbol lost"] += 1
    return found


# --- reading the corpus independently -----------------------------------------------------------------------


@dataclass
class FileReport:
    """What the independent reader and postkit made of one corpus file."""

    path: Path
    source: str
    format: str
    language: str
    entries: int
    articles: int = 0
    errors: list[str] = field(default_factory=list)  # causes, one per RecordError
    crash: str | None = None
    posts: int = 0
    compose_failures: Counter[str] = field(default_factory=Counter)
    defects: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    @property
    def lost(self) -> int:
        """Entries that are neither an article nor a record error of their own (a whole-file error took them)."""
        return max(0, self.entries - self.articles - len(self.errors) - (self.crash is not None))


def corpus_files(root: Path = CORPUS) -> list[Path]:
    """Every data file of the corpus, in path order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in NOT_DATA and "__pycache__" not in p.parts)


def _json_shape(data: Any) -> tuple[str, int]:
    if isinstance(data, dict):
        version = str(data.get("version", ""))
        if version.startswith(("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")):
            return "JSON Feed", len(data.get("items") or [])
        if isinstance(data.get("title"), dict) and "rendered" in data["title"]:
            return "WordPress", 1
        db = data.get("db")
        if isinstance(db, list) and db and isinstance(db[0], dict):
            return "Ghost", len((db[0].get("data") or {}).get("posts") or [])
        posts = data.get("posts")
        if isinstance(posts, list) and posts and isinstance(posts[0], dict) and "uuid" in posts[0]:
            return "Ghost", len(posts)
        if isinstance(data.get("title"), str) and isinstance(data.get("url"), str):  # one record (a Curated issue)
            return "CSV/JSON export", 1
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        return "CSV/JSON export", len(lists[0]) if len(lists) == 1 else 1
    if isinstance(data, list):
        if data and isinstance(data[0], dict) and isinstance(data[0].get("title"), dict):
            return "WordPress", len(data)
        return "CSV/JSON export", len(data)
    return "unreadable", 0


def classify(path: Path) -> tuple[str, int, str]:
    """(format, entries, sample text) by a reader that is not postkit."""
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        return "Markdown", 1, raw.decode("utf-8", "replace")
    if suffix == ".csv":
        rows = [r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig", "replace"))) if any(r.values())]
        return "CSV/JSON export", len(rows), raw.decode("utf-8", "replace")
    if suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except ValueError:
            return "unreadable", 0, ""
        kind, entries = _json_shape(data)
        return kind, entries, raw.decode("utf-8", "replace")
    parsed = feedparser.parse(raw)
    kind = _FEED_VERSIONS.get(parsed.get("version", ""), "unreadable")
    if kind == "unreadable" and parsed.entries:
        kind = "RSS 2.0" if b"<rss" in raw[:2000] else "Atom"
    texts = [str(parsed.feed.get("title", "")), str(parsed.feed.get("subtitle", ""))]
    for entry in parsed.entries:
        texts += [str(entry.get("title", "")), str(entry.get("summary", ""))]
    declared = str(parsed.feed.get("language", "") or "")
    return kind, len(parsed.entries), " ".join(texts) + ("\0" + declared if declared else "")


# --- language, by script and a few stop words ---------------------------------------------------------------

_STOPWORDS = {
    "en": "the and of to is in that for with this are you was on it",
    "de": "der die und das ist nicht mit den von sich auch ein eine für auf",
    "fr": "le la les et des est une pour dans que qui pas sur avec du",
    "pt": "de que não uma para com os as do da em se mais por",
    "it": "il di che la per non una sono con gli della del nel anche",
    "nl": "de het een en van is dat niet voor met op zijn ook",
    "sk": "je sa že na pre aj ako sú alebo ktoré podľa ale bolo má už",
    "es": "el la de que y los las en por una para con del se",
    "la": "lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt ut labore et",
}
_SHARED = frozenset(
    w
    for lang, words in _STOPWORDS.items()
    for w in words.split()
    for other, more in _STOPWORDS.items()
    if other != lang and w in more.split()
)
_STOPSETS = {lang: frozenset(words.split()) - _SHARED for lang, words in _STOPWORDS.items()}
_SCRIPTS = (
    ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("ar-script", regex.compile(r"\p{Arabic}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("ru", regex.compile(r"\p{Cyrillic}")),
    ("kn", regex.compile(r"\p{Kannada}")),
)


def language(text: str) -> str:
    """The main language of a text: a script that holds a fifth of its letters, else the best stop-word match."""
    text, _, declared = text.partition("\0")
    plain = _TAG.sub(" ", _URL.sub(" ", text))
    letters = sum(ch.isalpha() for ch in plain) or 1
    for lang, pattern in _SCRIPTS:
        if len(pattern.findall(plain)) * 5 >= letters:
            if lang == "ar-script":
                return "fa" if regex.search(r"[پچژگ]|\u06cc", plain) else "ar"
            return lang
    words = regex.findall(r"\p{L}+", plain.casefold())
    scores = sorted(((sum(w in stop for w in words), lang) for lang, stop in _STOPSETS.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 3 and best >= 2 * second:
        return "la (lorem ipsum)" if lang == "la" else lang
    if regex.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", declared.strip()):
        return declared.strip()[:3].rstrip("-_").lower()
    return "und"


# --- running postkit ----------------------------------------------------------------------------------------


def error_cause(error: RecordError) -> str:
    """The cause of a record error without its place or quoted values, to group errors."""
    message = str(error.message).splitlines()[0]
    if error.path:
        message = message.replace(str(error.path), "<file>")
    message = regex.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)?|\{.*", "…", message)
    message = regex.sub(r"\b\d+\b", "N", message)
    message = regex.sub(r"…(?:\s*…)+", "…", message)
    message = regex.sub(r"[\s…:]+$", "", message)
    return f"{error.field}: {message}" if error.field else message


def survey_file(path: Path, root: Path = CORPUS, *, bare: bool = False) -> FileReport:
    """Classify ``path``, load it with postkit and compose every article on every built-in platform.

    The file is read with its source's settings (reading.toml) unless ``bare``.
    """
    kind, entries, sample = classify(path)
    report = FileReport(path, path.relative_to(root).parts[0], kind, language(sample), entries)
    articles: list[Article] = []
    try:
        # Warnings (a dropped date, a synonym) are not what the survey counts: collected, not shown.
        said: list[RecordError] = []
        for item in load_articles(path, **({} if bare else reading(report.source)), on_warning=said.append):
            if isinstance(item, RecordError):
                report.errors.append(error_cause(item))
            else:
                articles.append(item)
    except Exception as exc:  # noqa: BLE001 - a crash is what the survey reports, not what stops it
        report.crash = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
    report.articles = len(articles)
    for article in articles:
        for platform in builtin_platforms().values():
            try:
                post = compose(article, platform)
            except Exception as exc:  # noqa: BLE001
                report.compose_failures[f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}"] += 1
                continue
            report.posts += 1
            _scan(report, post.text, post.hashtags, article.tags)
    return report


def _scan(report: FileReport, text: str, hashtags: tuple[str, ...], tags: tuple[str, ...]) -> None:
    found = {
        "entity debris": entity_debris(text),
        "tag debris": tag_debris(text),
        "mojibake": mojibake(text),
    }
    for name, hits in found.items():
        if hits:
            report.defects[name] += 1
            report.examples.setdefault(name, " ".join(hits[:3]))
    if stray_variation_selectors(text):
        report.defects["variation selector"] += 1
        report.examples.setdefault("variation selector", text[:60])
    for name, count in hashtag_defects(hashtags, tags).items():
        report.defects[f"hashtag {name}"] += count
        report.examples.setdefault(f"hashtag {name}", " ".join(hashtags))


def survey(root: Path = CORPUS, paths: list[Path] | None = None, *, bare: bool = False) -> list[FileReport]:
    """A report for every corpus file, or for the files and folders in ``paths`` (a slice for a fast test)."""
    if paths is None:
        files = corpus_files(root)
    else:
        files = sorted({f for p in paths for f in ([p] if p.is_file() else corpus_files(p))})
    return [survey_file(path, root, bare=bare) for path in files]


# --- tables -------------------------------------------------------------------------------------------------

DEFECTS = (
    "entity debris",
    "tag debris",
    "mojibake",
    "hashtag not whole",
    "hashtag no letter",
    "hashtag apostrophe split",
    "hashtag brand case",
    "hashtag symbol lost",
    "variation selector",
)


def by_format(reports: list[FileReport]) -> dict[str, dict[str, int]]:
    """Totals per format (and ``total``): files, entries, articles, errors, crashes, posts, failures, defects."""
    rows: dict[str, dict[str, int]] = defaultdict(Counter)
    for report in reports:
        for key in (report.format, "total"):
            row = rows[key]
            row["files"] += 1
            row["entries"] += report.entries
            row["articles"] += report.articles
            row["errors"] += len(report.errors)
            row["crashes"] += report.crash is not None
            row["lost"] += report.lost
            row["posts"] += report.posts
            row["compose failures"] += sum(report.compose_failures.values())
            for defect in DEFECTS:
                row[defect] += report.defects[defect]
    order = [f for f in FORMATS if f in rows] + ["total"]
    return {key: dict(rows[key]) for key in order}


def by_source(reports: list[FileReport]) -> dict[str, dict[str, int]]:
    """Files, entries, articles and record errors per source folder."""
    rows: dict[str, dict[str, int]] = defaultdict(Counter)
    for report in reports:
        row = rows[report.source]
        row["files"] += 1
        row["entries"] += report.entries
        row["articles"] += report.articles
        row["errors"] += len(report.errors) + (report.crash is not None)
    return {source: dict(rows[source]) for source in sorted(rows)}


def by_language(reports: list[FileReport]) -> dict[str, dict[str, int]]:
    """Files, entries and articles per detected language."""
    rows: dict[str, dict[str, int]] = defaultdict(Counter)
    for report in reports:
        row = rows[report.language]
        row["files"] += 1
        row["entries"] += report.entries
        row["articles"] += report.articles
    return {lang: dict(rows[lang]) for lang in sorted(rows, key=lambda lang: -rows[lang]["entries"])}


def error_causes(reports: list[FileReport]) -> dict[str, Counter[str]]:
    """Record-error causes (and crashes) per format."""
    causes: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        causes[report.format].update(report.errors)
        if report.crash:
            causes[report.format][f"CRASH {report.crash}"] += 1
        causes[report.format].update(f"compose: {k}" for k in report.compose_failures.elements())
    return dict(causes)


def _table(rows: dict[str, dict[str, int]], columns: tuple[str, ...], first: str) -> str:
    widths = [max(len(first), *(len(k) for k in rows))] + [max(len(c), 6) for c in columns]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip((first, *columns), widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for key, row in rows.items():
        cells = [key.ljust(widths[0])] + [str(row.get(c, 0)).rjust(w) for c, w in zip(columns, widths[1:], strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def expected_errors(reports: list[FileReport]) -> str:
    """The ``[errors]`` tables of expected.toml: each file's error causes and how many entries have each."""
    lines = []
    for report in reports:
        if not report.errors:
            continue
        lines.append(f'\n[errors."{report.path.relative_to(CORPUS)}"]')
        lines += [
            f"{json.dumps(cause, ensure_ascii=False)} = {n}" for cause, n in sorted(Counter(report.errors).items())
        ]
    return "\n".join(lines).lstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the survey tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every distinct error cause per format")
    parser.add_argument("--bare", action="store_true", help="read without reading.toml (no base URL, no field mapping)")
    parser.add_argument("--expected", action="store_true", help="print the [errors] of expected.toml as they are now")
    parser.add_argument("paths", nargs="*", type=Path, help="corpus files or folders (default: the whole corpus)")
    args = parser.parse_args(argv)
    reports = survey(paths=[p.resolve() for p in args.paths] or None, bare=args.bare)
    out = sys.stdout
    if args.expected:
        out.write(expected_errors(reports))
        return 0
    formats = by_format(reports)
    out.write("## Loading\n\n")
    out.write(
        _table(
            formats,
            ("files", "entries", "articles", "errors", "lost", "crashes", "posts", "compose failures"),
            "format",
        )
    )
    out.write(
        "\n\nentries: counted by feedparser / json / csv; errors: postkit's RecordErrors; lost: entries with no article and no error of their own (a whole-file error took them); posts: articles composed on the 8 platforms.\n\n"
    )
    out.write("## Defects in posts (posts affected; hashtag columns count hashtags)\n\n")
    short = {d: d.replace("hashtag ", "#") for d in DEFECTS}
    defect_rows = {k: {short[d]: v.get(d, 0) for d in DEFECTS} for k, v in formats.items()}
    out.write(_table(defect_rows, tuple(short.values()), "format"))
    out.write("\n\n## Sources\n\n")
    out.write(_table(by_source(reports), ("files", "entries", "articles", "errors"), "source"))
    out.write("\n\n## Languages (detected from the text)\n\n")
    out.write(_table(by_language(reports), ("files", "entries", "articles"), "language"))
    out.write("\n\n## Error causes per format\n\n")
    limit = None if args.errors else 6
    for kind, causes in error_causes(reports).items():
        if not causes:
            continue
        out.write(f"{kind}:\n")
        for cause, count in causes.most_common(limit):
            out.write(f"  {count:5d}  {cause}\n")
    examples: dict[str, tuple[str, str]] = {}
    for report in reports:
        for defect, example in report.examples.items():
            examples.setdefault(defect, (str(report.path.relative_to(CORPUS)), example))
    out.write("\n## One example per defect\n\n")
    for defect, (where, example) in sorted(examples.items()):
        out.write(f"  {defect}: {where}: {example[:100]!r}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
