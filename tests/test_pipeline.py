"""Tests for postkit.pipeline, and for the bugs the one-pipeline layout fixed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit import RuleSet
from postkit.article import Article
from postkit.cli.main import main
from postkit.config import read_config
from postkit.errors import ConfigError, FitError, OutputError, TemplateError
from postkit.pipeline import compose_records, rows
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.posts.thread import compose_thread
from postkit.state import State
from postkit.writers import ComposeSummary
from strategies import SEED_TITLE, SEED_URL, tiny_platform

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class TestRows:
    """Tests for rows()."""

    def test_every_record_is_a_row(self) -> None:
        """Records in = rows out; each good record has one card per platform."""
        platforms = [get_platform("x"), get_platform("bluesky")]
        found = list(rows([EXAMPLES], platforms))

        assert len(found) == sum(1 for row in found if row.article is not None) + sum(1 for r in found if r.error)
        assert all(len(row.cards) == 2 for row in found if row.article is not None)

    def test_check_runs_only_when_given(self) -> None:
        """Without a checker, cards carry no findings; with one, the checker's findings."""
        x = [get_platform("x")]
        plain = list(rows([EXAMPLES / "kaim-crossing.json"], x))
        checked = list(rows([EXAMPLES / "kaim-crossing.json"], x, check=RuleSet(select=("STR",)).check))

        assert [()] == [card.violations for row in plain for card in row.cards]
        assert all(v.code.startswith("STR") for row in checked for card in row.cards for v in card.violations)


class TestPreviewHonoursConfig:
    """Bug: `postkit preview` highlighted findings that the configuration ignores."""

    def test_ignore_all_shows_no_findings(self, tmp_path: Path) -> None:
        """With ignore = ["ALL"], the page names no rule code; by default it does."""
        config = tmp_path / "postkit.toml"
        config.write_text('ignore = ["ALL"]\n', encoding="utf-8")
        quiet, loud = tmp_path / "quiet.html", tmp_path / "loud.html"
        record = tmp_path / "loud.json"
        record.write_text(
            '{"title": "BREAKING: Amazing crossing reopens, folks!!", "url": "https://news.example/a"}',
            encoding="utf-8",
        )
        examples = str(record)

        main(["--config", str(config), "preview", examples, "-o", str(quiet)])
        (tmp_path / "empty.toml").write_text("", encoding="utf-8")
        main(["--config", str(tmp_path / "empty.toml"), "preview", examples, "-o", str(loud)])

        codes = ("CAP001", "CAS001", "HYP001", "PUN002", "STR002")
        assert any(code in loud.read_text(encoding="utf-8") for code in codes)
        assert not any(code in quiet.read_text(encoding="utf-8") for code in codes)


class TestConfiguredPlatformInheritsPayload:
    """Bug: a platform with base = "linkedin" got {"text": ...} instead of LinkedIn's payload."""

    def test_base_linkedin_gets_commentary(self, tmp_path: Path) -> None:
        """The payload follows the profile's payload field, which the base passes on."""
        config = tmp_path / "postkit.toml"
        config.write_text('[platforms.intranet]\nbase = "linkedin"\nlimit = 1000\n', encoding="utf-8")
        platform = read_config(config).configured_platforms["intranet"]
        post = compose(Article(title=SEED_TITLE + " (live)", url=SEED_URL), platform)
        payload = post.payload()

        assert "linkedin" == platform.family.name
        assert "\\(live\\)" in payload["commentary"]
        assert "PUBLIC" == payload["visibility"]


def test_public_names_survive_submodule_imports() -> None:
    """After importing every submodule and using the API, each public name is still itself."""
    code = """
import importlib, pkgutil, types, postkit
postkit.check("a", "x")
for info in pkgutil.walk_packages(postkit.__path__, "postkit."):
    if info.name != "postkit.__main__":
        importlib.import_module(info.name)
for package in [postkit] + [m for m in list(__import__("sys").modules.values())
                            if getattr(m, "__name__", "").startswith("postkit.") and hasattr(m, "__path__")]:
    for name in getattr(package, "__all__", ()):
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), (package.__name__, name)
assert next(iter(postkit.builtin_platforms().values())).name == "x"
assert callable(postkit.compose) and callable(postkit.check) and callable(postkit.measure)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert "ok" == out.stdout.strip(), out.stderr


def _records(folder: Path, ids: list[int], name: str = "r.jsonl") -> Path:
    path = folder / name
    lines = [json.dumps({"id": f"r{i}", "title": f"Story {i} on the crossing", "url": f"{SEED_URL}/{i}"}) for i in ids]
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


THREADED = Article(title=SEED_TITLE, url=SEED_URL, id="kaim", body="A sentence about the crossing. " * 40)


class TestStateAndThreads:
    """rows(state=, thread=): what compose --state and --thread run, for Python callers too."""

    def test_one_card_per_platform_in_order(self, tmp_path: Path) -> None:
        """A post, an error, and a card the state knew (nothing composed for it)."""
        path = _records(tmp_path, [1])
        platforms = [get_platform("x"), tiny_platform(10), get_platform("bluesky")]
        with State(tmp_path / "s.db") as state:
            state.mark("bluesky", "r1")
            (row,) = rows([path], platforms, state=state)

        assert ["x", "tiny", "bluesky"] == [c.platform.name for c in row.cards]
        assert (1, 0, 0) == tuple(len(c.posts) for c in row.cards)
        assert isinstance(row.cards[1].error, FitError)
        assert (False, False, True) == tuple(c.known for c in row.cards)

    def test_threads(self, tmp_path: Path) -> None:
        """thread=True: each card holds a thread of at most max_posts posts, as compose_thread makes it."""
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"title": SEED_TITLE, "url": SEED_URL, "body": THREADED.body}), "utf-8")
        (row,) = rows([path], [get_platform("mastodon")], thread=True, max_posts=3, link_in="last")
        (card,) = row.cards
        expected = compose_thread(THREADED, "mastodon", max_posts=3, link_in="last")

        assert card.thread is not None
        assert card.post is None
        assert [p.text for p in expected.posts] == [p.text for p in card.posts]
        assert 3 == len(card.posts)

    def test_platforms_without_replies_are_one_error_first(self, tmp_path: Path) -> None:
        """A thread on platforms without replies is one ConfigError naming them all, before any record."""
        platforms = [get_platform(name) for name in ("x", "linkedin", "telegram", "mastodon")]
        with pytest.raises(ConfigError, match="a thread needs replies, and linkedin, telegram have none") as caught:
            rows([tmp_path / "never-read.jsonl"], platforms, thread=True)
        assert caught.value.field == "thread"
        with pytest.raises(ConfigError, match="linkedin has none"):
            compose_records([tmp_path / "never-read.jsonl"], platforms[:2], io.StringIO(), thread=True)

    def test_thread_on_every_platform_is_one_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`postkit compose examples --thread` (all platforms): one line, exit 2, not one error per record."""
        assert main(["compose", str(EXAMPLES), "--thread", "-p", "all"]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert len(err.splitlines()) == 1
        assert "linkedin, facebook, instagram, telegram have none" in err

    def test_a_row_is_marked_when_the_next_is_asked_for(self, tmp_path: Path) -> None:
        """Marks follow the caller: a row is marked once the caller is back for the next one."""
        path = _records(tmp_path, [1, 2])
        with State(tmp_path / "s.db") as state:
            found = rows([path], [get_platform("x")], state=state)
            next(found)
            assert not state.seen("x", "r1")  # handed out, maybe not written yet
            next(found)
            assert (True, False) == (state.seen("x", "r1"), state.seen("x", "r2"))
            assert [] == list(found)
            assert state.seen("x", "r2")

    def test_a_row_the_caller_abandons_is_not_marked(self, tmp_path: Path) -> None:
        """The caller fails on a row (its post not sent): the row stays unmarked, so it comes again."""
        path = _records(tmp_path, [1, 2])
        with State(tmp_path / "s.db") as state:
            for row in rows([path], [get_platform("x")], state=state):
                if row.article is not None and row.article.id == "r2":
                    break
            assert (True, False) == (state.seen("x", "r1"), state.seen("x", "r2"))

    def test_errors_and_known_cards_are_not_marked(self, tmp_path: Path) -> None:
        path = _records(tmp_path, [1])
        with State(tmp_path / "s.db") as state:
            list(rows([path], [tiny_platform(10)], state=state))

            assert 0 == len(state)

    def test_arguments_are_checked_at_the_call(self) -> None:
        with pytest.raises(ValueError, match="does not check"):
            rows([EXAMPLES], [get_platform("x")], thread=True, check=RuleSet().check)
        with pytest.raises(ValueError, match="max_posts"):
            rows([EXAMPLES], [get_platform("x")], thread=True, max_posts=0)


class TestComposeRecords:
    """compose_records: postkit compose as one call, the state's transaction included."""

    def test_the_second_run_writes_only_what_is_new(self, tmp_path: Path) -> None:
        state, out = tmp_path / "s.db", tmp_path / "out.jsonl"
        x = [get_platform("x"), get_platform("bluesky")]

        first = compose_records([_records(tmp_path, [1, 2])], x, out, fmt="jsonl", state=state)
        again = compose_records([_records(tmp_path, [1, 2, 3])], x, out, fmt="jsonl", state=state)

        assert ComposeSummary(records=2, posts=4, failed=0, known=0) == first
        assert ComposeSummary(records=3, posts=2, failed=0, known=4) == again
        assert ["r3", "r3"] == [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]

    def test_a_failed_write_marks_nothing(self, tmp_path: Path) -> None:
        """The output fails part-way: the state rolls back, and the next run writes every post."""
        state = tmp_path / "s.db"
        path = _records(tmp_path, [1, 2, 3])

        class Full(io.StringIO):
            def write(self, text: str) -> int:
                if self.tell() > 0:
                    raise OSError(28, "No space left on device")
                return super().write(text)

        with pytest.raises(OSError, match="No space"):
            compose_records([path], [get_platform("x")], Full(), fmt="jsonl", state=state)
        assert 3 == compose_records([path], [get_platform("x")], io.StringIO(), fmt="jsonl", state=state).posts

    def test_forget_after(self, tmp_path: Path) -> None:
        state = tmp_path / "s.db"
        path = _records(tmp_path, [1])
        with State(state) as opened:
            opened.mark("x", "r1", when=0.0)

        kept = compose_records([path], [get_platform("x")], io.StringIO(), state=state)
        forgot = compose_records([path], [get_platform("x")], io.StringIO(), state=state, forget_after=1)

        assert (0, 1) == (kept.posts, forgot.posts)

    def test_notes_name_each_failure(self, tmp_path: Path) -> None:
        """Every record ends as a post or a line: bad records and failed platforms are noted."""
        path = tmp_path / "r.jsonl"
        path.write_text('{"title": "ok", "url": "https://n.example/a"}\n{"title": "no url"}\n', "utf-8")
        notes: list[str] = []

        done = compose_records([path], [get_platform("x"), tiny_platform(5)], io.StringIO(), note=notes.append)

        assert ComposeSummary(records=2, posts=1, failed=2, known=0) == done
        assert 2 == len(notes)
        assert "platform 'tiny'" in notes[0]
        assert "url" in notes[1]

    def test_an_output_over_an_input_is_refused_first(self, tmp_path: Path) -> None:
        path = _records(tmp_path, [1])

        with pytest.raises(OutputError):
            compose_records([tmp_path], [get_platform("x")], path, state=tmp_path / "s.db")
        assert not (tmp_path / "s.db").exists()

    def test_a_broken_template_stops_the_run_before_any_record(self, tmp_path: Path) -> None:
        (tmp_path / "t").mkdir()
        (tmp_path / "t" / "teaser.txt.j2").write_text("{{ title ", "utf-8")
        out = io.StringIO()

        with pytest.raises(TemplateError):
            compose_records([EXAMPLES], [get_platform("x")], out, templates=tmp_path / "t")
        assert "" == out.getvalue()

    @given(runs=st.lists(st.lists(st.integers(0, 6), max_size=6), min_size=1, max_size=4))
    @settings(max_examples=30)
    def test_each_post_is_written_once_over_runs(self, runs: list[list[int]]) -> None:
        """Property: over any sequence of runs on one state, each (platform, id) is written exactly once."""
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            written: list[tuple[str, str]] = []
            for n, ids in enumerate(runs):
                out = io.StringIO()
                path = _records(folder, sorted(set(ids)), f"run{n}.jsonl")
                compose_records(
                    [path], [get_platform("x"), get_platform("mastodon")], out, fmt="jsonl", state=folder / "s.db"
                )
                written += [(p["platform"], p["id"]) for p in map(json.loads, out.getvalue().splitlines())]

            assert sorted(written) == sorted(set(written))
            assert {(p, f"r{i}") for p in ("x", "mastodon") for ids in runs for i in ids} == set(written)


class TestCliThreads:
    """compose --thread through the CLI: one compose loop, threads from the pipeline."""

    def test_jsonl(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "a.json"
        path.write_text(
            json.dumps({"title": SEED_TITLE, "url": SEED_URL, "body": "A sentence about it. " * 40}), "utf-8"
        )

        assert 0 == main(["compose", str(path), "-p", "x", "-f", "jsonl", "--thread", "--max-posts", "4", "--payload"])
        posts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [{"index": i, "of": 4} for i in range(1, 5)] == [p["thread"] for p in posts]
        assert all(p["fits"] for p in posts)
        assert posts[0]["link"] is not None

    def test_max_posts_must_be_positive(self) -> None:
        assert 2 == main(["compose", str(EXAMPLES / "feeds" / "harbour-wire.rss"), "--thread", "--max-posts", "0"])

    @pytest.mark.parametrize("command", ["compose", "publish"])
    def test_thread_options_without_thread_are_a_usage_error(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--max-posts 3 without --thread was silently ignored."""
        state = ["--state", str(tmp_path / "s.db"), "--dry-run"] if command == "publish" else []
        feed = str(EXAMPLES / "feeds" / "harbour-wire.rss")
        assert 2 == main([command, feed, "-p", "mastodon", "--max-posts", "3", *state])
        assert capsys.readouterr().err.strip() == "postkit: error: --max-posts needs --thread"
        assert 2 == main([command, feed, "-p", "mastodon", "--max-posts", "3", "--link-in", "last", *state])
        assert capsys.readouterr().err.strip() == "postkit: error: --max-posts and --link-in need --thread"

    def test_link_in_last(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "a.json"
        path.write_text(
            json.dumps({"title": SEED_TITLE, "url": SEED_URL, "body": "A sentence about it. " * 40}), "utf-8"
        )

        assert 0 == main(["compose", str(path), "-p", "mastodon", "-f", "jsonl", "--thread", "--link-in", "last"])
        posts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [None] * (len(posts) - 1) == [p["link"] for p in posts[:-1]]
        assert posts[-1]["link"] is not None


class TestOncePerRun:
    """What would repeat for every record is said once per run: a topic or language without words, a tag no platform spells."""

    def test_fallbacks_and_tags(self, tmp_path: Path) -> None:
        path = tmp_path / "a.jsonl"
        records = [
            {
                "title": f"Story {i}",
                "url": f"https://n.example/{i}",
                "topics": ["local"],
                "language": "hi",
                "tags": ["2024", "LGBTQ+"],
            }
            for i in range(3)
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        found = list(rows([path], [get_platform("x"), get_platform("bluesky")]))
        said = [str(w) for row in found for w in row.warnings]

        assert [len(row.warnings) for row in found] == [4, 0, 0]
        assert any("topic 'local' has no emoji" in w and "🌍 is used" in w for w in said)
        assert any("language 'hi' has no call to action" in w for w in said)
        assert any("tag '2024' has no letter" in w and "no hashtag on x, bluesky" in w for w in said)
        assert any("tag 'LGBTQ+'" in w and "no hashtag on x" in w and "bluesky" not in w for w in said)
        assert "#LGBTQ+" in found[0].cards[1].post.text  # type: ignore[union-attr]

    def test_a_vocabulary_and_a_base_url(self, tmp_path: Path) -> None:
        from postkit._data import Cta  # noqa: PLC0415
        from postkit.posts.blurb import Vocabulary  # noqa: PLC0415

        (tmp_path / "2024-01-02-hello.md").write_text(
            "---\ntitle: Hello\ntopics: [food]\nlanguage: hi\n---\nBody.\n", "utf-8"
        )
        words = Vocabulary(emoji={"food": "🍲"}, cta={"hi": Cta("और पढ़ें", "बायो")})
        (row,) = rows([tmp_path], [get_platform("x")], base_url="https://b.example/", vocabulary=words)

        assert row.warnings == ()
        assert "📝🍲🔗 और पढ़ें: https://b.example/2024/01/02/hello.html?utm_source=x" in row.cards[0].post.text  # type: ignore[union-attr]


class TestPreviewSaysRecordWarnings:
    """The new user's review: ``postkit preview`` showed no record warnings anywhere."""

    def test_on_stderr_and_on_the_page(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        lines = [
            '{"title": "Kaim crossing reopens", "url": "https://news.example/a", "published": "yesterday"}',
            '{"title": "Bad", "url": "ftp://news.example/b"}',
        ]
        (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        code, _, err = run("preview", "a.jsonl", "-p", "x", "-o", "page.html")
        page = (tmp_path / "page.html").read_text("utf-8")

        assert 1 == code
        assert "warning: a.jsonl, line 1, field 'published': expected an ISO 8601 date" in err
        assert "error: a.jsonl, line 2, field 'url': expected an absolute http(s) URL" in err
        assert 'class="record-warnings"' in page
        assert "got &#39;yesterday&#39;" in page
        assert 'class="record-errors"' in page
