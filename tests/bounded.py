"""Run postkit as a user would, bounded: an attack must end as output or a one-line error in 5 s and 300 MB.

``run_bounded`` starts ``python -m postkit`` in a child process with its address space capped
at 300 MB (``RLIMIT_AS``) and waits at most 5 s; a hang fails the test with
``subprocess.TimeoutExpired`` (the child is killed), a run that needs more memory fails with
a ``MemoryError`` exit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

MEMORY = 300 << 20  # bytes of address space
SECONDS = 5.0


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_bounded(*argv: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``postkit ARGV`` in ``cwd``, stdin given, within the bounds; returns the finished process."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-m", "postkit", *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit,
        env=env,
        check=False,
    )


def one_line_error(process: subprocess.CompletedProcess[str]) -> str:
    """The one error line of a run that failed as it should: exit 2, no traceback."""
    assert process.returncode == 2, (process.returncode, process.stderr[-500:])
    lines = process.stderr.strip().splitlines()
    assert "Traceback" not in process.stderr
    errors = [line for line in lines if line.startswith("postkit: error:")]
    assert len(errors) == 1, lines
    return errors[0]
