"""Kill a publishing process at random moments, many times, then let one run finish: the kill tests' engine.

Each run is a child process (``fake_apis.DRIVER``) that imports everything, says ``ready``, and starts
publishing when told ``go``; it is killed (SIGKILL: no clean-up of any kind) after a random delay from
``go``, drawn with a fixed seed. After each kill the ledger is read: a post left ``sending`` means the kill
came between the intent and the answer, the moment exactly-once is about. Then a last run goes to the end,
and one more must send nothing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import attrs

from fake_apis import DRIVER

ROOT = Path(__file__).resolve().parent.parent


@attrs.define
class Figures:
    """What the kill test did and found."""

    runs: int = 0
    kills: int = 0
    mid_send: int = 0  # kills that left a post "sending" (between its intent and the answer)
    finished_early: int = 0  # runs that ended before their kill came
    posts: int = 0
    duplicates: int = 0
    lost: int = 0
    unknown: int = 0
    seconds: float = 0.0

    def line(self, what: str) -> str:
        return (
            f"{what}: {self.runs} runs, {self.kills} killed ({self.mid_send} mid-send), {self.posts} posts, "
            f"{self.duplicates} duplicates, {self.lost} lost, {self.unknown} unknown, {self.seconds:.0f} s"
        )


def statuses(state: Path) -> dict[str, int]:
    if not state.exists():
        return {}
    with sqlite3.connect(state) as db:
        return dict(db.execute("SELECT status, count(*) FROM published GROUP BY status").fetchall())


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


def kill_and_rerun(
    args: list[str], env: dict[str, str], *, state: Path, runs: int, max_delay: float, seed: int
) -> tuple[Figures, list[subprocess.CompletedProcess[str]]]:
    """``runs`` killed runs, then two to the end; returns the figures so far and the two last runs."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    for _ in range(runs):
        process = start(args, env)
        go(process)
        time.sleep(rng.uniform(0.0, max_delay))
        figures.runs += 1
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            figures.kills += 1
        else:
            figures.finished_early += 1
        process.communicate(timeout=60)
        figures.mid_send += statuses(state).get("sending", 0) > 0
    finals = []
    for _ in range(2):
        process = start(args, env)
        go(process)
        out, err = process.communicate(timeout=300)
        figures.runs += 1
        finals.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    figures.seconds = time.monotonic() - started
    return figures, finals
