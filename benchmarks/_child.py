"""Run a command in a child process and report its wall time and CPU time (user + system)."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from collections.abc import Sequence


def run(
    argv: Sequence[str], *, cwd: str | None = None, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """``(wall seconds, CPU seconds, result)`` of one run of ``argv``.

    CPU time is what the child and its children used (``RUSAGE_CHILDREN`` before and
    after): on a shared machine it varies much less than wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(list(argv), cwd=cwd, env=env, input=stdin, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def installed_env() -> dict[str, str]:
    """The environment with bytecode caching on, as a pip-installed package runs.

    Some shells set PYTHONDONTWRITEBYTECODE; then every process would compile postkit's
    modules from source, which no installed copy does (pip writes the .pyc files).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
