"""Peak memory of a postkit command in a child process: the red team's bound is 300 MB (issue 23)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The most a hostile input may cost (issue 23: every attack ends within 5 s and 300 MB).
BOUND_KIB = 300 * 1024


def peak_rss_kib(*argv: str) -> tuple[int, subprocess.CompletedProcess[str]]:
    """The peak RSS (KiB) of ``python -m postkit ARGV`` and its result (a wrapper process whose only child it is)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n"
    )
    cmd = [sys.executable, "-c", wrapper, sys.executable, "-m", "postkit", *argv]
    done = subprocess.run(
        cmd, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}
    )
    peak, code = done.stdout.split()
    return int(peak), subprocess.CompletedProcess(argv, int(code), "", done.stderr)
