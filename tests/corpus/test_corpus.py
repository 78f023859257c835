"""The real-world corpus (tests/corpus, issue 20): every entry an Article or one line naming its cause; clean posts.

Every file of the corpus is read as a newsroom would configure postkit for its source (``reading.toml``:
a base URL, an export's column names), each article composed on every built-in platform, and each post
held to the invariants the issue asks for:

- no HTML or entity debris: no tag, no numeric reference, no ``&name`` (with or without ``;``) that
  begins with an HTML5 entity name (``survey.entity_debris``, ``survey.tag_debris``);
- no mojibake, except where the source itself holds it (``expected.toml`` ``[mojibake]``: the file's
  text decoded as it declares must show the same mojibake);
- no stray emoji variation selector (doubled, or on a base with no variation sequence);
- every post fits its platform;
- every hashtag is extracted whole by the platform's own rule: npm twitter-text ``extractHashtags`` (X),
  @atproto/api ``detectFacets`` (Bluesky), Mastodon's ``HASHTAG_RE`` (tests/oracles/oracle.mjs); the
  other platforms' hashtags by all three;
- no finding caused by postkit's own text: no rule finding whose span lies wholly inside what postkit
  wrote (the blurb's emoji, the call to action, the link, the hashtags, an ellipsis), and no STR001/STR002;
- every entry is an Article or one error, and each file's errors are exactly the causes ``expected.toml``
  names (``survey.error_cause``): a new cause, or an entry lost, fails the test.

A fast slice runs by default; the whole corpus is marked ``corpus`` (``pytest -m corpus``, which ``.ci/run``
runs). ``python tests/corpus/survey.py --expected`` prints the causes as they are now, for review.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex

from oracles import client
from postkit import Article, RecordError, builtin_platforms, compose, load_articles
from postkit.posts.post import Post
from postkit.rules.engine import RuleSet

from . import survey

HERE = Path(__file__).resolve().parent
EXPECTED: dict[str, Any] = tomllib.loads((HERE / "expected.toml").read_text("utf-8"))
ORACLE_KEY = {"x": "x", "bluesky": "bsky", "mastodon": "mastodon"}
RULES = RuleSet()
# Findings about a composed post's structure: postkit's own doing whenever they fire.
STRUCTURE = frozenset({"STR001", "STR002", "LEN001"})

# The fast slice: one or two files of every format and language, and each file behind an issue-20 defect.
FAST = [
    "feed-rs/rss_2.0_ghost_2.xml",  # &apost debris
    "rss-parser/guardian.rss",  # "Women's suffrage"
    "netnewswire/macworld.rss",  # iPhone/iPad
    "feedkit/Ampersand.xml",  # mojibake in the source
    "netnewswire/scriptingNews.rss",  # emoji variation selectors
    "feed-rs/atom_relative.xml",  # relative links, resolved against the self link
    "feed-rs/rss_1.0_debian.xml",
    "feed-rs/jsonfeed_elastic_1.1.json",
    "netnewswire/DaringFireball.json",
    "netnewswire/authors.json",
    "tryghost-migrate/mg-wp-api--single-post.json",
    "tryghost-migrate/mg-ghost-api--posts.json",
    "tryghost-migrate/mg-assetscraper-db--ghost.json",
    "tryghost-migrate/mg-beehiiv--posts.csv",
    "tryghost-migrate/mg-wix-csv--posts.csv",
    "jekyll/2013-05-06-jekyll-1-0-0-released.markdown",
    "rust-blog/OSPP-2024.md",
    "react-dev-ar",
    "react-dev-fa",
    "hextra/markdown.fa.md",
    "hextra/markdown.ja.md",
    "hextra/markdown.zh-cn.md",
    "rss-parser/unrecognized.rss",
]


@attrs.frozen
class FileRun:
    """One corpus file: its outcome per entry, and the posts of its articles."""

    path: str
    entries: int
    articles: tuple[Article, ...]
    errors: tuple[RecordError, ...]
    posts: tuple[Post, ...]


def _files(slice_: list[str] | None) -> list[Path]:
    if slice_ is None:
        return survey.corpus_files()
    return sorted(
        {f for item in slice_ for f in ([HERE / item] if (HERE / item).is_file() else survey.corpus_files(HERE / item))}
    )


def _run(path: Path) -> FileRun:
    rel = str(path.relative_to(HERE))
    _, entries, _ = survey.classify(path)
    articles: list[Article] = []
    errors: list[RecordError] = []
    said: list[RecordError] = []
    for item in load_articles(path, **survey.reading(rel.split("/", maxsplit=1)[0]), on_warning=said.append):
        (articles if isinstance(item, Article) else errors).append(item)  # type: ignore[arg-type]
    assert all("\n" not in str(warning) for warning in said)  # a warning is one line, as an error is
    posts = [compose(article, platform) for article in articles for platform in builtin_platforms().values()]
    return FileRun(rel, entries, tuple(articles), tuple(errors), tuple(posts))


@pytest.fixture(scope="module")
def fast() -> list[FileRun]:
    return [_run(path) for path in _files(FAST)]


@pytest.fixture(scope="module")
def whole() -> list[FileRun]:
    return [_run(path) for path in _files(None)]


# --- the invariants -------------------------------------------------------------------------------------------


def _causes(run: FileRun) -> dict[str, int]:
    return dict(Counter(survey.error_cause(err) for err in run.errors))


def accounted(runs: list[FileRun]) -> list[str]:
    """Files where an entry is lost, or whose error causes are not the ones expected.toml names."""
    problems = []
    for run in runs:
        if run.entries and len(run.articles) + len(run.errors) < run.entries:
            problems.append(
                f"{run.path}: {run.entries} entries, {len(run.articles)} articles, {len(run.errors)} errors"
            )
        expected = EXPECTED.get("errors", {}).get(run.path, {})
        if _causes(run) != expected:
            problems.append(f"{run.path}: errors {_causes(run)}, expected {expected}")
        problems += [
            f"{run.path}: not one line naming the file: {str(err)!r}"
            for err in run.errors
            if "\n" in str(err) or not str(err).startswith(str(HERE / run.path))
        ]
    return problems


def _declared_text(path: Path) -> str:
    """The file's text decoded as it declares (XML's encoding=, else UTF-8): what a conforming reader sees."""
    raw = path.read_bytes()
    found = regex.match(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", raw)
    try:
        return raw.decode(found[1].decode() if found else "utf-8", "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def own_spans(post: Post) -> list[tuple[int, int]]:
    """Where the post holds what postkit wrote: the blurb's emoji and CTA, the link, the hashtags, an ellipsis."""
    text = post.text
    spans = []
    for part in (post.emoji, post.cta, post.link, *post.hashtags):
        if part:
            at = text.rfind(part)
            if at >= 0:
                spans.append((at, at + len(part)))
    spans += [(m.start(), m.end()) for m in regex.finditer("…", text)]
    return spans


def dirty(runs: list[FileRun]) -> list[str]:
    """Every post that breaks an invariant (but the hashtag one), with what it breaks."""
    problems = []
    allowed = EXPECTED.get("mojibake", {})
    for run in runs:
        source = _declared_text(HERE / run.path) if run.path in allowed else ""
        for post in run.posts:
            where = f"{run.path} on {post.platform.name}"
            text = post.text
            for name, found in (("entity debris", survey.entity_debris(text)), ("tag debris", survey.tag_debris(text))):
                if found:
                    problems.append(f"{where}: {name} {found[:3]}")
            bad = [m for m in survey.mojibake(text) if m not in source]
            if bad:
                problems.append(f"{where}: mojibake {bad[:3]}")
            if survey.stray_variation_selectors(text):
                problems.append(f"{where}: stray variation selector in {text[:60]!r}")
            if not post.fits:
                problems.append(f"{where}: does not fit")
            spans = own_spans(post)
            problems += [
                f"{where}: {v.code} on postkit's own text: {v.message}"
                for v in RULES.check(post)
                if v.code in STRUCTURE
                or (
                    v.start is not None
                    and v.end is not None
                    and v.end > v.start
                    and any(a <= v.start and v.end <= b for a, b in spans)
                )
            ]
    return problems


def cut_hashtags(runs: list[FileRun], oracle: client.Oracle) -> list[str]:
    """Hashtags a platform's own rule does not extract whole from the post."""
    cases: list[tuple[str, Post, str]] = []
    for run in runs:
        for post in run.posts:
            if post.hashtags:
                family = post.platform.family.name
                keys = [ORACLE_KEY[family]] if family in ORACLE_KEY else list(ORACLE_KEY.values())
                cases += [(run.path, post, key) for key in keys]
    problems = []
    for start in range(0, len(cases), 2000):
        batch = cases[start : start + 2000]
        for (path, post, key), found in zip(batch, oracle.hashtags([p.text for _, p, _ in batch]), strict=True):
            missing = [tag for tag in post.hashtags if tag[1:] not in found[key]]
            if missing:
                problems.append(f"{path} on {post.platform.name} ({key}): {missing} not whole in {found[key]}")
    return problems


# --- the tests ------------------------------------------------------------------------------------------------


def test_the_fast_slice_is_in_the_corpus() -> None:
    """Every file the fast slice names exists (a renamed file would silently shrink the slice)."""
    assert [item for item in FAST if not (HERE / item).exists()] == []


def test_expected_names_real_files() -> None:
    """expected.toml names only files of the corpus."""
    names = {str(p.relative_to(HERE)) for p in survey.corpus_files()}
    listed = set(EXPECTED.get("errors", {})) | set(EXPECTED.get("mojibake", {}))
    assert listed - names == set()


def test_fast_every_entry_accounted(fast: list[FileRun]) -> None:
    assert accounted(fast) == []


def test_fast_posts_are_clean(fast: list[FileRun]) -> None:
    assert sum(len(run.posts) for run in fast) > 500
    assert dirty(fast) == []


def test_fast_hashtags_whole(fast: list[FileRun], oracle: client.Oracle) -> None:
    assert cut_hashtags(fast, oracle) == []


@pytest.mark.corpus
def test_every_entry_accounted(whole: list[FileRun]) -> None:
    assert len(whole) >= 500
    assert accounted(whole) == []


@pytest.mark.corpus
def test_posts_are_clean(whole: list[FileRun]) -> None:
    assert dirty(whole) == []


@pytest.mark.corpus
def test_hashtags_whole(whole: list[FileRun], oracle: client.Oracle) -> None:
    assert cut_hashtags(whole, oracle) == []
