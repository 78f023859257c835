"""Tests for postkit.posts.batch and `compose --thread`: one outcome per platform, state-aware."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postkit.article import Article
from postkit.cli import main
from postkit.errors import FitError
from postkit.platforms.registry import get_platform
from postkit.posts.batch import outcomes
from postkit.state import State
from strategies import SEED_TITLE, SEED_URL, tiny_platform

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = Article(title=SEED_TITLE, url=SEED_URL, id="kaim", body="A sentence about the crossing. " * 40)


def test_one_outcome_per_platform_in_order(tmp_path: Path) -> None:
    platforms = [get_platform("x"), tiny_platform(10), get_platform("bluesky")]
    with State(tmp_path / "s.db") as state:
        state.mark("bluesky", "kaim")
        got = list(outcomes(ARTICLE, platforms, state=state))

    assert ["x", "tiny", "bluesky"] == [p.name for p, _ in got]
    assert isinstance(got[0][1], list)
    assert isinstance(got[1][1], FitError)
    assert got[2][1] is None


def test_thread_outcomes_are_threads() -> None:
    ((_, posts),) = outcomes(ARTICLE, [get_platform("mastodon")], thread=True, max_posts=3)

    assert isinstance(posts, list)
    assert 3 == len(posts)


def test_cli_thread_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": SEED_TITLE, "url": SEED_URL, "body": "A sentence about it. " * 40}), "utf-8")

    assert 0 == main(["compose", str(path), "-p", "x", "-f", "jsonl", "--thread", "--max-posts", "4", "--payload"])
    posts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [{"index": i, "of": 4} for i in range(1, 5)] == [p["thread"] for p in posts]
    assert all(p["fits"] for p in posts)
    assert posts[0]["link"] is not None


def test_cli_max_posts_must_be_positive(tmp_path: Path) -> None:
    assert 2 == main(["compose", str(ROOT / "examples" / "feeds" / "harbour-wire.rss"), "--thread", "--max-posts", "0"])


def test_cli_link_in_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": SEED_TITLE, "url": SEED_URL, "body": "A sentence about it. " * 40}), "utf-8")

    assert 0 == main(["compose", str(path), "-p", "mastodon", "-f", "jsonl", "--thread", "--link-in", "last"])
    posts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [None] * (len(posts) - 1) == [p["link"] for p in posts[:-1]]
    assert posts[-1]["link"] is not None
