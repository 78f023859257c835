"""Kill a publishing process at random moments, many times, then let one run finish: the kill tests' engine.

Each run is a child process (``fake_apis.DRIVER``) that imports everything, says ``ready``, and starts
publishing when told ``go``; it is killed with SIGKILL (no clean-up of any kind) at a moment drawn with a
fixed seed, one of three kinds in turn:

- ``time``: after a random delay from ``go`` (start-up, reading, composing, planning, sending: anything);
- ``sending``: as soon as the ledger shows a post ``sending`` (its intent on disk, its request in flight),
  after 0-3 more posts went out, plus 0-30 ms (the request may or may not have reached the server yet);
- ``sent``: just after the ledger shows 1-3 more posts ``sent`` (between one post and the next).

The test watches the state file read-only; after a kill it notes the posts left ``sending`` (``probe`` may
say whether each reached the server). Then a last run goes to the end, and one more must send nothing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from fake_apis import DRIVER

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("time", "sending", "sent")


@attrs.define
class Figures:
    """What the kill test did and found."""

    runs: int = 0
    kills: int = 0
    mid_send: int = 0  # kills that left a post "sending" (between its intent and the answer)
    landed: int | None = None  # of those posts, how many the server had made (when a ``probe`` can tell)
    finished_early: int = 0  # runs that ended before their kill came
    posts: int = 0
    duplicates: int = 0
    lost: int = 0
    unknown: int = 0
    seconds: float = 0.0

    def line(self, what: str) -> str:
        landed = f", {self.landed} of whose posts had reached the server" if self.landed is not None else ""
        return (
            f"{what}: {self.runs} runs, {self.kills} killed ({self.mid_send} mid-send{landed}), {self.posts} posts, "
            f"{self.duplicates} duplicates, {self.lost} lost, {self.unknown} unknown, {self.seconds:.0f} s"
        )


def statuses(state: Path) -> dict[str, int]:
    """How many ledger entries have each status (read-only; empty while the ledger does not exist)."""
    if not state.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=5) as db:
            return dict(db.execute("SELECT status, count(*) FROM published GROUP BY status").fetchall())
    except sqlite3.OperationalError:  # created but not yet committed (no table yet)
        return {}


def sending_tokens(state: Path) -> list[str]:
    """The posts a killed run left "sending" (read-write: a killed writer's hot journal is rolled back first)."""
    with sqlite3.connect(state, timeout=5) as db:
        return [row[0] for row in db.execute("SELECT token FROM published WHERE status = 'sending'")]


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "POSTKIT_TEST_WAIT_GO": "1", **env},
    )


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdin is not None
    ready = process.stdout.readline()
    assert "ready" == ready.strip(), process.stderr.read() if process.stderr else ready
    process.stdin.write("go\n")
    process.stdin.flush()


def _wait_for(process: subprocess.Popen[str], ready: Callable[[], bool], deadline: float) -> bool:
    """Poll until ``ready()`` (True) or the process ends or the deadline passes (False)."""
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.003)
    return False


def kill_and_rerun(
    args: list[str],
    env: dict[str, str],
    *,
    state: Path,
    runs: int,
    max_delay: float,
    seed: int,
    probe: Callable[[list[str]], int] | None = None,
) -> tuple[Figures, list[subprocess.CompletedProcess[str]]]:
    """``runs`` killed runs, then two to the end; returns the figures so far and the two last runs."""
    rng = random.Random(seed)
    figures = Figures(landed=0 if probe is not None else None)
    started = time.monotonic()
    for number in range(runs):
        kind = KINDS[number % len(KINDS)]
        before = statuses(state).get("sent", 0)
        process = start(args, env)
        go(process)
        deadline = time.monotonic() + 60
        if kind == "time":
            time.sleep(rng.uniform(0.0, max_delay))
            due = process.poll() is None
        elif kind == "sending":
            more = rng.randint(0, 3)
            due = _wait_for(
                process,
                lambda more=more, before=before: (
                    statuses(state).get("sending", 0) > 0 and statuses(state).get("sent", 0) >= before + more
                ),
                deadline,
            )
            time.sleep(rng.uniform(0.0, 0.03))
        else:
            more = rng.randint(1, 3)
            due = _wait_for(
                process, lambda more=more, before=before: statuses(state).get("sent", 0) >= before + more, deadline
            )
        figures.runs += 1
        if due and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            figures.kills += 1
        else:
            figures.finished_early += 1
        process.communicate(timeout=60)
        left = sending_tokens(state) if state.exists() else []
        figures.mid_send += bool(left)
        if probe is not None and left:
            figures.landed = (figures.landed or 0) + probe(left)
    finals = []
    for _ in range(2):
        process = start(args, env)
        go(process)
        out, err = process.communicate(timeout=300)
        figures.runs += 1
        finals.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    figures.seconds = time.monotonic() - started
    return figures, finals
