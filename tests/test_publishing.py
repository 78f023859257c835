"""Tests for postkit.publishing: the publisher over a fake platform (its sender's contract), in process.

The fake channel is a platform in memory that can refuse, rate-limit, fail before or after it posts, or
refuse the login; each send checks that the intent was on disk before the request. The SDKs' own request
building is tested in tests/platforms/test_senders.py; kills of a real process in test_publish_kills.py;
Bluesky end to end against its own server in tests/pds/test_publish.py.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.errors import ConfigError
from postkit.ledger import Ledger, Planned
from postkit.platforms.registry import get_platform
from postkit.platforms.sending import (
    Connector,
    LoginError,
    Outgoing,
    RefusedError,
    Remote,
    TransientError,
    Variable,
    load_image,
)
from postkit.publishing import PublishSummary, publish
from postkit.state import ArticleKey

ROOT = Path(__file__).resolve().parent.parent
BODY = " ".join(f"Sentence {i} of the story about the harbour and its new electric berth." for i in range(40))


def records(tmp_path: Path, n: int = 3, **extra: Any) -> Path:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "title": f"Story {i}", "url": f"https://news.example/{i}", "body": BODY, **extra})
        for i in range(1, n + 1)
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@attrs.define
class Server:
    """A platform in memory: what was posted, and what each next request does."""

    posts: list[dict[str, Any]] = attrs.field(factory=list)
    script: list[str] = attrs.field(factory=list)  # per send: ok, refuse, 429:N, lost (posted, no answer), down, login
    keyed: bool = True  # a post's token is its key (Bluesky's record key): find() sees it
    state: Path | None = None
    sent_at: list[Any] = attrs.field(factory=list)

    def by_token(self, token: str) -> dict[str, Any] | None:
        return next((p for p in self.posts if p["token"] == token), None)


class FakeChannel:
    def __init__(self, server: Server, retry_window: float) -> None:
        self.server = server
        self.retry_window = retry_window
        self.finds = server.keyed
        self.logins = 0

    def login(self) -> None:
        if self.server.script and self.server.script[0] == "login":
            self.server.script.pop(0)
            msg = "fake: HTTP 401: bad token"
            raise LoginError(msg)
        self.logins += 1

    def _remote(self, post: dict[str, Any]) -> Remote:
        return Remote(post["id"], f"fake://{post['id']}", f"https://fake.example/{post['id']}", f"cid{post['id']}")

    def send(self, out: Outgoing) -> Remote:
        if self.server.state is not None:  # the intent is on disk before the request leaves
            with sqlite3.connect(self.server.state) as db:
                status, created = db.execute(
                    "SELECT status, created_at FROM published WHERE token = ?", (out.token,)
                ).fetchone()
            assert ("sending", out.created_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")) == (
                status,
                created,
            )
        what = self.server.script.pop(0) if self.server.script else "ok"
        known = self.server.by_token(out.token)
        if known is not None and self.retry_window > 0:
            if self.server.keyed:  # Bluesky: a second create at a taken key is a bare 500
                msg = "fake: HTTP 500: InternalServerError"
                raise TransientError(msg, maybe_sent=True)
            return self._remote(known)  # Mastodon: the key is looked up first; the first status comes back
        if what == "refuse":
            msg = "fake: HTTP 400: text too long"
            raise RefusedError(msg)
        if what.startswith("429:"):
            msg = "fake: rate limited"
            raise TransientError(msg, retry_after=float(what[4:]), maybe_sent=False)
        if what == "down":
            msg = "fake: could not connect"
            raise TransientError(msg, maybe_sent=False)
        self.server.sent_at.append(out.created_at)
        post = {"id": str(len(self.server.posts) + 1), "token": out.token, "payload": out.payload}
        self.server.posts.append(post)
        if what == "lost":
            msg = "fake: HTTP 500 (posted, but the answer was lost)"
            raise TransientError(msg, maybe_sent=True)
        return self._remote(post)

    def find(self, out: Outgoing) -> Remote | None:
        post = self.server.by_token(out.token) if self.server.keyed else None
        return self._remote(post) if post is not None else None

    def close(self) -> None:
        pass


def connector(family: str, server: Server, *, retry_window: float) -> Connector:
    variables = (Variable(f"{family.upper()}_FAKE_TOKEN", "the fake token"),)
    return Connector(family, family, variables, lambda _values, _t: FakeChannel(server, retry_window), retry_window)


ENV = {"BLUESKY_FAKE_TOKEN": "tok-bluesky", "X_FAKE_TOKEN": "tok-x", "MASTODON_FAKE_TOKEN": "tok-m"}


@attrs.define
class Run:
    summary: PublishSummary
    out: str
    notes: list[str]
    sleeps: list[float]


@pytest.fixture(name="servers")
def _servers() -> dict[str, Server]:
    return {"bluesky": Server(), "x": Server(keyed=False), "mastodon": Server(keyed=False)}


@pytest.fixture(name="run")
def _run(tmp_path: Path, servers: dict[str, Server]) -> Any:
    state = tmp_path / "state.db"
    for server in servers.values():
        server.state = state

    def run(paths: list[Path], platforms: str = "bluesky,x", **options: Any) -> Run:
        out: list[str] = []
        notes: list[str] = []
        sleeps: list[float] = []
        stream = io.StringIO()
        connectors = {
            "bluesky": connector("bluesky", servers["bluesky"], retry_window=math.inf),
            "x": connector("x", servers["x"], retry_window=0.0),
            "mastodon": connector("mastodon", servers["mastodon"], retry_window=3000.0),
        }
        summary = publish(
            paths,
            [get_platform(name) for name in platforms.split(",")],
            state=options.pop("state", state),
            env=options.pop("env", ENV),
            output=stream,
            note=notes.append,
            connectors=connectors,
            sleep=sleeps.append,
            **options,
        )
        out.append(stream.getvalue())
        return Run(summary, "".join(out), notes, sleeps)

    return run


def ledger_statuses(path: Path) -> list[tuple[str, str, int, str]]:
    with sqlite3.connect(path) as db:
        return list(db.execute("SELECT platform, key, number, status FROM published ORDER BY platform, key, number"))


class TestExactlyOnce:
    def test_each_post_once_and_a_rerun_sends_nothing(self, tmp_path, servers, run):
        paths = [records(tmp_path)]
        first = run(paths)
        second = run(paths)

        assert (6, 0, True) == (first.summary.sent, first.summary.already, first.summary.ok)
        assert (0, 6, True) == (second.summary.sent, second.summary.already, second.summary.ok)
        assert 3 == len(servers["bluesky"].posts) == len(servers["x"].posts)
        assert 6 == first.out.count("\nsent · ") + first.out.startswith("sent · ")
        assert "https://fake.example/1" in first.out
        assert "" == second.out

    def test_the_report_as_json_lines(self, tmp_path, run):
        report = run([records(tmp_path, 1)], fmt="jsonl")

        line = json.loads(report.out.splitlines()[0])
        assert ("sent", "bluesky", "r1", "1", "fake://1", "https://fake.example/1") == (
            line["status"],
            line["platform"],
            line["id"],
            line["remote_id"],
            line["uri"],
            line["url"],
        )
        assert line["created_at"].endswith("Z")

    def test_a_thread_is_a_reply_chain(self, tmp_path, servers, run):
        run([records(tmp_path, 1)], "bluesky", thread=True, max_posts=4)

        posts = servers["bluesky"].posts
        assert 4 == len(posts)
        assert "reply" not in posts[0]["payload"]
        for before, post in itertools.pairwise(posts):
            reply = post["payload"]["reply"]
            assert (
                {"uri": "fake://1", "cid": "cid1"},
                {"uri": f"fake://{before['id']}", "cid": f"cid{before['id']}"},
            ) == (
                reply["root"],
                reply["parent"],
            )

    def test_a_thread_goes_on_from_its_last_sent_post(self, tmp_path, servers, run):
        """Post 3 refused: 1 and 2 are out, 3 failed, 4 waits; the next run sends 3 and 4, replying to 2."""
        paths = [records(tmp_path, 1)]
        servers["x"].script = ["ok", "ok", "refuse"]
        first = run(paths, "x", thread=True, max_posts=4)
        second = run(paths, "x", thread=True, max_posts=4)

        assert (2, 1, 1) == (first.summary.sent, first.summary.failed, first.summary.pending)
        assert (2, 2, True) == (second.summary.sent, second.summary.already, second.summary.ok)
        replies = [p["payload"].get("in_reply_to_tweet_id") for p in servers["x"].posts]
        assert [None, "1", "2", "3"] == replies
        assert any("post 3: fake: HTTP 400: text too long" in note for note in first.notes)

    def test_a_refused_post_is_one_line_and_the_others_go_on(self, tmp_path, servers, run):
        servers["bluesky"].script = ["ok", "refuse", "ok"]
        done = run([records(tmp_path)], "bluesky")

        assert (2, 1, False) == (done.summary.sent, done.summary.failed, done.summary.ok)
        [error] = [note for note in done.notes if note.startswith("error:")]
        assert "news.jsonl, line 2, platform 'bluesky', post 1: fake: HTTP 400: text too long" in error

    def test_forget_after(self, tmp_path, servers, run):
        """``forget_after``: the ledger forgets what was sent over the days ago (as compose's state), before the run."""
        paths = [records(tmp_path, 2)]
        run(paths, "bluesky")
        with sqlite3.connect(tmp_path / "state.db") as db:
            db.execute("UPDATE published SET done_at = done_at - 8 * 86400 WHERE key LIKE '%r1'")
        kept = run(paths, "bluesky", forget_after=30)
        again = run(paths, "bluesky", forget_after=7)  # r1 forgotten, so sent again (it is still in the input)
        dry = run(paths, "bluesky", forget_after=0, dry_run=True)  # a dry run writes nothing, forgets nothing

        assert (0, 2) == (kept.summary.sent, kept.summary.already)
        assert (1, 1) == (again.summary.sent, again.summary.already)
        assert (0, 2) == (dry.summary.would_send, dry.summary.already)
        assert 3 == len(servers["bluesky"].posts)
        with pytest.raises(ValueError, match="forget_after"):
            run(paths, "bluesky", forget_after=-1)

    def test_a_failed_card_is_composed_afresh_next_time(self, tmp_path, servers, run):
        """Nothing of it went out, so a fixed record counts: the next run plans it from the new text."""
        servers["bluesky"].script = ["refuse"]
        path = records(tmp_path, 1)
        run([path], "bluesky")
        path.write_text(path.read_text("utf-8").replace("Story 1", "Story one, fixed"), "utf-8")
        again = run([path], "bluesky")

        assert 1 == again.summary.sent
        assert servers["bluesky"].posts[0]["payload"]["text"].startswith("Story one, fixed")


class TestFailures:
    def test_a_429_waits_as_asked(self, tmp_path, servers, run):
        servers["x"].script = ["429:7"]
        done = run([records(tmp_path, 1)], "x")

        assert ([7.0], 1) == (done.sleeps, done.summary.sent)
        assert ["planned"] != ledger_statuses(tmp_path / "state.db")

    def test_retries_are_bounded(self, tmp_path, servers, run):
        """A server that keeps failing: 4 tries (waits 1, 2, 4 s), then the post waits for the next run."""
        servers["x"].script = ["down"] * 4
        first = run([records(tmp_path, 1)], "x")
        second = run([records(tmp_path, 1)], "x")

        assert ([1.0, 2.0, 4.0], 1, 0) == (first.sleeps, first.summary.pending, first.summary.unknown)
        assert (1, 1) == (second.summary.sent, len(servers["x"].posts))

    def test_a_long_wait_leaves_the_platform_for_the_next_run(self, tmp_path, servers, run):
        servers["bluesky"].script = ["429:3600"]
        done = run([records(tmp_path)], "bluesky,x")

        assert ([], 3, 3) == (done.sleeps, done.summary.pending, done.summary.sent)
        assert 3 == len(servers["x"].posts)
        assert any("asked to wait 3600 s" in note for note in done.notes)

    def test_a_refused_login_stops_the_platform_before_any_intent(self, tmp_path, servers, run):
        servers["bluesky"].script = ["login"]
        done = run([records(tmp_path)], "bluesky")

        assert (0, 3) == (done.summary.sent, done.summary.pending)
        assert {"planned"} == {s for *_, s in ledger_statuses(tmp_path / "state.db")}


class TestInterrupted:
    """What a run that stopped mid-request leaves, and what the next run makes of it."""

    def test_no_idempotency_lost_answer_is_unknown_and_not_sent_again(self, tmp_path, servers, run):
        servers["x"].script = ["lost"]
        paths = [records(tmp_path, 1)]
        first = run(paths, "x")
        second = run(paths, "x")
        third = run(paths, "x", retry_unknown=True)

        assert (0, 1, False) == (first.summary.sent, first.summary.unknown, first.summary.ok)
        assert (0, 1) == (second.summary.sent, second.summary.unknown)
        assert any("--retry-unknown" in note for note in second.notes)
        assert (1, True) == (third.summary.sent, third.summary.ok)
        assert 2 == len(servers["x"].posts)  # what --retry-unknown risks, and why it is asked for

    def test_a_request_that_never_left_is_tried_again(self, tmp_path, servers, run):
        servers["x"].script = ["down", "ok"]
        done = run([records(tmp_path, 1)], "x")

        assert (1, 0, [1.0]) == (done.summary.sent, done.summary.unknown, done.sleeps)

    def test_a_keyed_post_is_read_back_not_sent_again(self, tmp_path, servers, run):
        """Bluesky: the answer was lost, the record is there; reading its key back settles it."""
        servers["bluesky"].script = ["lost"]
        done = run([records(tmp_path, 1)], "bluesky")

        assert (1, 1, 0) == (done.summary.sent, len(servers["bluesky"].posts), done.summary.unknown)

    @pytest.mark.parametrize(
        ("platform", "age", "landed", "expected"),
        [
            ("bluesky", 86_400 * 30, True, ("sent", 1)),  # its key settles it, however old
            ("bluesky", 60, False, ("sent", 1)),
            ("mastodon", 60, True, ("sent", 1)),  # within the Idempotency-Key's hour
            ("mastodon", 7_200, True, ("unknown", 1)),  # past it: a retry could post twice
            ("x", 1, False, ("unknown", 0)),  # no idempotency at all
        ],
    )
    def test_a_post_a_killed_run_left_sending(self, tmp_path, servers, run, platform, age, landed, expected):
        """A run killed between its intent and the answer; the next run decides by the platform's API."""
        path = records(tmp_path, 1)
        state = tmp_path / "state.db"
        import time  # noqa: PLC0415

        with Ledger(state) as ledger:
            [entry] = ledger.plan(
                platform,
                ArticleKey("", "r1"),
                [Planned(_payload(platform), None, {"label": "x"})],
            )
            entry = ledger.intent(entry, "2026-01-01T00:00:00.000Z", now=time.time() - age)
        if landed:
            servers[platform].posts.append({"id": "1", "token": entry.token, "payload": entry.payload})
        done = run([path], platform)

        [(_, _, _, status)] = ledger_statuses(state)
        assert expected == (status, len(servers[platform].posts))
        assert done.summary.ok is (status == "sent")


def _payload(platform: str) -> dict[str, Any]:
    return {"text": "Story 1"} if platform != "mastodon" else {"status": "Story 1", "visibility": "public"}


class TestBeforeAnythingIsSent:
    def test_a_missing_variable_is_named(self, tmp_path, servers, run):
        with pytest.raises(ConfigError, match="X_FAKE_TOKEN is not set"):
            run([records(tmp_path)], "bluesky,x", env={"BLUESKY_FAKE_TOKEN": "t"})
        assert ([], False) == (servers["bluesky"].posts, (tmp_path / "state.db").exists())

    def test_a_missing_sdk_names_the_extra(self, tmp_path):
        def opener(_values: Any, _transport: Any) -> Any:
            raise ModuleNotFoundError(name="atproto")

        missing = Connector("bluesky", "bluesky", (), opener)
        with pytest.raises(ConfigError, match=r"needs atproto.*pip install 'postkit-teasers\[bluesky\]'"):
            publish(
                [records(tmp_path)], [get_platform("bluesky")], state=tmp_path / "s.db", connectors={"bluesky": missing}
            )

    def test_a_platform_without_a_sender(self, tmp_path):
        with pytest.raises(ConfigError, match="cannot publish to 'linkedin'"):
            publish([records(tmp_path)], [get_platform("linkedin")], state=tmp_path / "s.db", env={})

    def test_a_dry_run_needs_no_account_and_writes_nothing(self, tmp_path, servers, run):
        state = tmp_path / "state.db"
        dry = run([records(tmp_path, 2)], "bluesky,x", env={}, dry_run=True)

        assert (4, 0) == (dry.summary.would_send, dry.summary.sent)
        assert "# would send · " in dry.out
        assert "Story 1" in dry.out
        assert not state.exists()
        run([records(tmp_path, 2)], "bluesky,x")
        assert 0 == run([records(tmp_path, 3)], "bluesky,x", env={}, dry_run=True).summary.would_send - 2


class TestImages:
    def test_an_image_beside_the_record_goes_with_the_post_that_has_the_link(self, tmp_path, servers, run):
        (tmp_path / "img").mkdir()
        (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        seen: list[Any] = []
        original = FakeChannel.send

        def send(self: FakeChannel, out: Outgoing) -> Remote:
            seen.append(out.image and load_image(out.image, cap=10_000))
            return original(self, out)

        FakeChannel.send = send  # type: ignore[method-assign]
        try:
            run([records(tmp_path, 1, image="img/a.png", image_alt="The berth")], "bluesky", thread=True, max_posts=3)
        finally:
            FakeChannel.send = original  # type: ignore[method-assign]
        assert ["image/png", None, None] == [image.mime if image else None for image in seen]


class TestCli:
    def postkit(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "postkit", *args],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", **(env or {})},
            check=False,
            timeout=120,
        )

    def test_nothing_is_sent_without_a_state(self, tmp_path):
        result = self.postkit("publish", str(records(tmp_path)), "-p", "bluesky")

        assert 2 == result.returncode
        assert "--state" in result.stderr

    def test_a_missing_variable_is_one_line_exit_2(self, tmp_path):
        result = self.postkit(
            "publish",
            str(records(tmp_path)),
            "-p",
            "bluesky",
            "--state",
            str(tmp_path / "s.db"),
            env={"BLUESKY_HANDLE": "news.example"},
        )

        assert (2, "") == (result.returncode, result.stdout)
        expected = (
            "postkit: error: BLUESKY_APP_PASSWORD is not set (an app password made under Settings → App passwords); "
            "publishing to bluesky needs it (set it in the environment)"
        )
        assert [expected] == result.stderr.splitlines()
        assert not (tmp_path / "s.db").exists()

    def test_every_missing_variable_at_once(self, tmp_path):
        """Not one per run: every variable every platform lacks, in one line, before anything is sent."""
        result = self.postkit("publish", str(records(tmp_path)), "-p", "bluesky,x", "--state", str(tmp_path / "s.db"))

        assert 2 == result.returncode
        (line,) = result.stderr.splitlines()
        names = ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD", "X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN")
        assert all(f"{name} (" in line for name in names), line
        assert "are not set; publishing to bluesky, x needs them" in line
        assert "BLUESKY_SERVICE" not in line  # it has a default
        assert not (tmp_path / "s.db").exists()

    def test_a_platform_is_required(self, tmp_path):
        result = self.postkit("publish", str(records(tmp_path)), "--state", str(tmp_path / "s.db"))

        assert 2 == result.returncode
        assert "publish needs --platform (or `targets` in the configuration)" in result.stderr

    def test_forget_after(self, tmp_path):
        """``--forget-after DAYS`` as compose has it: a number of days >= 0, else a usage error naming it."""
        path, state = str(records(tmp_path, 1)), str(tmp_path / "s.db")
        bad = self.postkit("publish", path, "-p", "bluesky", "--state", state, "--forget-after", "-1", "--dry-run")
        good = self.postkit("publish", path, "-p", "bluesky", "--state", state, "--forget-after", "30", "--dry-run")

        assert (2, "--forget-after needs a number of days >= 0") == (bad.returncode, bad.stderr.strip()[-42:])
        assert 0 == good.returncode, good.stderr

    def test_dry_run(self, tmp_path):
        result = self.postkit(
            "publish", str(records(tmp_path, 2)), "-p", "bluesky,x", "--state", str(tmp_path / "s.db"), "--dry-run"
        )

        assert 0 == result.returncode, result.stderr
        assert 4 == result.stdout.count("# would send · ")
        assert "postkit: 4 posts would be sent (dry run: nothing sent)" in result.stderr
        assert not (tmp_path / "s.db").exists()


class Killed(BaseException):
    """The process dies here: nothing after it runs but ``finally`` blocks, and only committed steps remain."""


class TestExactlyOnceProperty:
    """The guarantee, over any sequence of runs, each dying at any request or answering with any failure."""

    @given(
        st.sampled_from(["bluesky", "mastodon", "x"]),
        st.lists(
            st.lists(st.sampled_from(["ok", "refuse", "429:1", "down", "lost", "die-before", "die-after"]), max_size=6),
            min_size=1,
            max_size=6,
        ),
        st.booleans(),
    )
    def test_each_post_at_most_once_and_all_but_unknown_sent(self, platform, runs, thread) -> None:
        import tempfile  # noqa: PLC0415

        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            server = Server(keyed=platform == "bluesky")
            window = {"bluesky": math.inf, "mastodon": 3000.0, "x": 0.0}[platform]

            class Dying(FakeChannel):
                def send(self, out: Outgoing) -> Remote:
                    what = self.server.script[0] if self.server.script else "ok"
                    if what == "die-before":
                        self.server.script.pop(0)
                        raise Killed
                    if what == "die-after":  # the server made it; the answer never came back
                        self.server.script[0] = "ok"
                        super().send(out)
                        raise Killed
                    return super().send(out)

            connectors = {platform: Connector(platform, platform, (), lambda _v, _t: Dying(server, window), window)}
            path = records(tmp, 2)
            state = tmp / "s.db"

            def run(script: list[str]) -> PublishSummary | None:
                server.script = list(script)
                try:
                    return publish(
                        [path],
                        [get_platform(platform)],
                        state=state,
                        thread=thread,
                        max_posts=3,
                        env={},
                        output=io.StringIO(),
                        note=lambda _line: None,
                        connectors=connectors,
                        sleep=lambda _s: None,
                    )
                except Killed:
                    return None

            for script in runs:
                run(script)
            final = run([])
            assert final is not None

            with sqlite3.connect(state) as db:
                entries = list(db.execute("SELECT token, status FROM published"))
            made = Counter(post["token"] for post in server.posts)
            status = dict(entries)
            assert all(count == 1 for count in made.values())  # never twice
            assert set(made) <= set(status)  # nothing posted that the ledger does not know
            for token, state_ in status.items():
                if state_ == "sent":
                    assert made[token] == 1
                elif state_ != "unknown":  # waiting behind an unknown post of its thread, or refused again
                    assert made[token] == 0
            if platform != "x":  # a retry cannot post twice: nothing is unknown, everything is out
                assert {"sent"} == set(status.values())
                assert final.ok


SITE_CONFIG = """\
[tool.postkit]
targets = ["bluesky", "mastodon"]
utm-campaign = "spring"
utm-medium = "newsletter"
base-url = "https://blog.example/posts/"

[tool.postkit.fields]
web_title = "title"

[tool.postkit.emoji]
local = ":round_pushpin:"

[tool.postkit.cta.en]
read-more = "Read on"
"""


def site(tmp_path: Path) -> Path:
    """A project whose configuration changes every post: mapping, base URL, emoji, CTA, utm_medium."""
    (tmp_path / "pyproject.toml").write_text(SITE_CONFIG, "utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    line = {"web_title": "Harbour opens a new berth", "url": "https://blog.example/b/", "topics": ["local"]}
    (folder / "a.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    (folder / "2024-05-01-market.md").write_text(
        "---\ntitle: The market moves indoors\ntopics: [local]\n---\nStalls open at eight.\n", "utf-8"
    )
    return folder


def _sent_payloads(jsonl: str) -> dict[tuple[str, str, Any], dict[str, Any]]:
    """(platform, path, record) -> payload, without Bluesky's createdAt (the time of the call)."""
    found = {}
    for line in jsonl.splitlines():
        data = json.loads(line)
        payload = {k: v for k, v in data["payload"].items() if k != "createdAt"}
        found[data["platform"], Path(data["path"]).name, data.get("record")] = payload
    return found


class TestPublishComposesAsComposeDoes:
    """publish goes through the same Recipe as compose: a dry run shows exactly compose's posts."""

    def cli(self, tmp_path: Path, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "postkit", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr  # no "no emoji", no unknown web_title
        return result.stdout

    @pytest.mark.parametrize("options", [(), ("--utm-medium", "email", "--base-url", "https://other.example/")])
    def test_the_cli(self, tmp_path: Path, options: tuple[str, ...]) -> None:
        site(tmp_path)
        composed = self.cli(tmp_path, "compose", "records", "-f", "jsonl", "--payload", *options)
        published = self.cli(tmp_path, "publish", "records", "--state", "s.db", "--dry-run", "-f", "jsonl", *options)

        assert _sent_payloads(composed) == _sent_payloads(published)
        statuses = [p["status"] for (name, *_), p in _sent_payloads(published).items() if name == "mastodon"]
        assert len(statuses) == 2
        for status in statuses:
            assert "📝📍🔗 Read on: " in status
            assert f"utm_medium={'email' if options else 'newsletter'}" in status
        base = "https://other.example/" if options else "https://blog.example/posts/"
        assert any(f"{base}2024/05/01/market.html?" in status for status in statuses)
        assert not (tmp_path / "s.db").exists()

    def test_python(self, tmp_path: Path) -> None:
        from postkit.config import load_config  # noqa: PLC0415
        from postkit.pipeline import Recipe, compose_records  # noqa: PLC0415

        folder = site(tmp_path)
        config = load_config(str(tmp_path / "pyproject.toml"))
        recipe = Recipe.from_config(config, campaign="summer")
        platforms = list(config.target_platforms())
        composed, published, notes = io.StringIO(), io.StringIO(), []
        compose_records([folder], platforms, composed, recipe, fmt="jsonl", payload=True, note=notes.append)
        summary = publish(
            [folder],
            platforms,
            state=tmp_path / "s.db",
            recipe=recipe,
            dry_run=True,
            fmt="jsonl",
            output=published,
            note=notes.append,
        )

        assert notes == []
        assert summary.would_send == 4
        assert _sent_payloads(composed.getvalue()) == _sent_payloads(published.getvalue())
        assert "utm_campaign=summer" in published.getvalue()
        assert "📝📍🔗 Read on: " in published.getvalue()

    def test_settings_as_keywords_over_the_recipe(self, tmp_path: Path) -> None:
        """Publisher(..., base_url=...) is Recipe(base_url=...): the keywords compose_records takes."""
        from postkit.publishing import Publisher  # noqa: PLC0415

        folder = site(tmp_path)
        out = io.StringIO()
        publish(
            [folder / "2024-05-01-market.md"],
            [get_platform("mastodon")],
            state=tmp_path / "s.db",
            base_url="https://k.example/",
            dry_run=True,
            output=out,
        )
        assert "https://k.example/2024/05/01/market.html?utm_source=mastodon" in out.getvalue()
        with pytest.raises(TypeError, match="nonsense"):
            Publisher([get_platform("mastodon")], state=tmp_path / "s.db", nonsense=1)


def test_a_library_dry_run_prints_nothing_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The new user's review: ``publish(..., dry_run=True)`` printed the whole report to stdout from library code.

    Without ``output=`` nothing is written (the summary is the result); with a stream, the report goes there.
    """
    folder = records(tmp_path, 2)
    summary = publish([folder], [get_platform("bluesky")], state=tmp_path / "s.db", dry_run=True, env={})
    assert (2, "", "") == (summary.would_send, *capsys.readouterr())

    out = io.StringIO()
    again = publish([folder], [get_platform("bluesky")], state=tmp_path / "s.db", dry_run=True, env={}, output=out)
    assert 2 == again.would_send
    assert 2 == out.getvalue().count("https://")
    assert ("", "") == tuple(capsys.readouterr())
