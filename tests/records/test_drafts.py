"""Drafts, scheduled and private posts: skipped with a warning naming the key, unless asked for."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from postkit.article import Article
from postkit.cli.main import main
from postkit.errors import RecordError, SkippedRecord
from postkit.pipeline import compose_records
from postkit.platforms.registry import get_platform
from postkit.records.fields import draft_status
from postkit.records.reading import load_articles

DRAFTS = Path(__file__).resolve().parent / "drafts"
BASE = "https://blog.example/"


def test_the_ghost_export_wordpress_and_hugo_drafts_are_skipped() -> None:
    """The user's files: each draft is a SkippedRecord naming file, record and field; the published post stays."""
    found = [
        str(r).removeprefix(f"{DRAFTS}/") if isinstance(r, RecordError) else r.title
        for r in load_articles(DRAFTS, base_url=BASE)
    ]

    assert found == [
        "Export post",
        (
            "ghost-export.json, record 2, field 'status': skipped: status: draft (a draft, scheduled or private post "
            "is not composed) (--include-drafts, include-drafts = true, or drafts=True from Python composes it)"
        ),
        (
            "md-draft.md, line 3, field 'draft': skipped: draft: true (a draft, scheduled or private post is not "
            "composed) (--include-drafts, include-drafts = true, or drafts=True from Python composes it)"
        ),
        (
            "wp-draft.json, line 1, field 'status': skipped: status: draft (a draft, scheduled or private post is not "
            "composed) (--include-drafts, include-drafts = true, or drafts=True from Python composes it)"
        ),
        (
            "wp-draft.json, line 2, field 'status': skipped: status: future (a draft, scheduled or private post is not "
            "composed) (--include-drafts, include-drafts = true, or drafts=True from Python composes it)"
        ),
    ]
    titles = [r.title for r in load_articles(DRAFTS, base_url=BASE, drafts=True) if isinstance(r, Article)]
    assert titles == ["Export post", "Draft post", "Draft in Hugo", "Unpublished scoop", "Scheduled"]


def test_compose_counts_them_as_skipped_and_exits_0(capsys: Any) -> None:
    assert main(["compose", str(DRAFTS), "-p", "mastodon", "--base-url", BASE]) == 0
    out, err = capsys.readouterr()
    assert out.count("# ") == 1  # the one published post
    assert err.count("warning: ") == 4
    assert err.splitlines()[-1] == "postkit: 1 post from 5 records on 1 platform; 0 records failed; 4 skipped (drafts)"

    assert main(["compose", str(DRAFTS), "-p", "mastodon", "--base-url", BASE, "--include-drafts"]) == 0
    out, err = capsys.readouterr()
    assert out.count("# ") == 5
    assert "warning" not in err


def test_the_configuration_key(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    (tmp_path / "postkit.toml").write_text(f'include-drafts = true\nbase-url = "{BASE}"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["compose", str(DRAFTS), "-p", "x"]) == 0
    assert capsys.readouterr().out.count("# ") == 5


def test_publish_skips_them_too(tmp_path: Path, capsys: Any) -> None:
    state = tmp_path / "s.db"
    assert main(["publish", str(DRAFTS / "wp-draft.json"), "-p", "mastodon", "--state", str(state), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "2 records, 0 records failed, 2 skipped (drafts)" in err


def test_public_statuses_pass_and_an_unknown_one_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    rows = [{"title": "A", "url": "https://a.example/", "status": s} for s in ("publish", "Published", "embargoed")]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out, notes = io.StringIO(), []
    done = compose_records([path], [get_platform("x")], out, note=notes.append)

    assert (done.posts, done.skipped, done.failed) == (3, 0, 0)
    assert notes == [
        (
            f"warning: {path}, line 3, field 'status': status 'embargoed' is not one postkit knows; the record is "
            "composed as published"
        )
    ]


def test_published_as_a_date_is_still_the_date(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\nurl: https://a.example/\npublished: 2024-01-02\n---\nBody.\n", "utf-8")
    (article,) = load_articles(path)
    assert isinstance(article, Article)
    assert article.published is not None
    assert article.published.startswith("2024-01-02")


_DRAFT_MARKS = [
    ("status", "draft"),
    ("status", "FUTURE"),
    ("status", "private"),
    ("status", "pending"),
    ("status", "scheduled"),
    ("draft", True),
    ("draft", "yes"),
    ("published", False),
    ("published", "false"),
    ("type", "page"),
    ("protected", True),
]


@given(
    mark=st.sampled_from(_DRAFT_MARKS),
    extra=st.dictionaries(st.sampled_from(["summary", "author", "tags", "topics", "language"]), st.just("x")),
    form=st.sampled_from(["jsonl", "csv", "md"]),
    drafts=st.booleans(),
)
def test_a_draft_is_never_a_post_unless_asked_and_never_lost(
    tmp_path_factory: Any, mark: tuple[str, Any], extra: dict[str, str], form: str, drafts: bool
) -> None:
    """Whatever else a record holds, in every flat format: a draft is a SkippedRecord naming its key, or
    (drafts=True) an Article; never dropped silently and never a post by default."""
    folder = tmp_path_factory.mktemp("d")
    record = {"title": "T", "url": "https://a.example/t", **extra, mark[0]: mark[1]}
    if form == "jsonl":
        (folder / "r.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    elif form == "csv":
        keys = list(record)
        values = ["true" if v is True else "false" if v is False else str(v) for v in record.values()]
        (folder / "r.csv").write_text(",".join(keys) + "\n" + ",".join(values) + "\n", "utf-8")
    else:
        front = "".join(f"{k}: {json.dumps(v)}\n" for k, v in record.items())
        (folder / "r.md").write_text(f"---\n{front}---\nBody.\n", "utf-8")
    assert draft_status(record) is not None
    said: list[Any] = []  # a language 'x' is said (the default is used), not the test's subject
    (found,) = load_articles(folder, drafts=drafts, on_warning=said.append)
    if drafts:
        assert isinstance(found, Article)
    else:
        assert isinstance(found, SkippedRecord)
        assert found.field == mark[0]
        assert found.path is not None
        assert found.path.endswith(f"r.{form}")


def test_a_ghost_page_and_a_password_protected_wordpress_post_are_skipped_like_drafts(tmp_path: Path) -> None:
    """Ghost export's ``type: page`` (an /about/ page) and WordPress's ``protected`` posts (empty excerpt)."""
    ghost = tmp_path / "ghost.json"
    posts = [
        {"id": "g1", "title": "Post", "slug": "post", "status": "published", "type": "post", "html": "<p>B</p>"},
        {"id": "g3", "title": "About", "slug": "about", "status": "published", "type": "page", "html": "<p>A</p>"},
    ]
    ghost.write_text(json.dumps({"db": [{"data": {"posts": posts}}]}), "utf-8")
    wp = tmp_path / "wp.json"
    locked = {"rendered": "", "protected": True}
    wp_posts = [
        {"id": 5, "link": "https://blog.example/x/", "status": "publish", "title": {"rendered": "Open"},
         "excerpt": {"rendered": "<p>Text.</p>", "protected": False}, "content": {"rendered": "<p>x</p>"}},
        {"id": 7, "link": "https://blog.example/z/", "status": "publish", "title": {"rendered": "Locked"},
         "excerpt": locked, "content": locked},
    ]  # fmt: skip
    wp.write_text(json.dumps(wp_posts), "utf-8")

    found = [str(r).removeprefix(f"{tmp_path}/") for r in load_articles(tmp_path, base_url=BASE)]
    hint = " (--include-drafts, include-drafts = true, or drafts=True from Python composes it)"
    assert (
        found[1]
        == "ghost.json, record 2, field 'type': skipped: type: page (a page, not a post, is not composed)" + hint
    )
    assert found[3] == (
        "wp.json, line 1, field 'protected': skipped: protected: true (a password-protected post is not composed: "
        "its excerpt and text are hidden)" + hint
    )
    both = list(load_articles(tmp_path, base_url=BASE, drafts=True))
    assert [r.title for r in both if isinstance(r, Article)] == ["Post", "About", "Open", "Locked"]
    assert [r.title for r in load_articles(tmp_path, base_url=BASE) if isinstance(r, Article)] == ["Post", "Open"]
