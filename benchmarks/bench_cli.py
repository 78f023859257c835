"""Time of the CLI in a fresh process: `postkit --version`, and `postkit check` on the shipped templates/examples.

Each command runs in a fresh process several times (after one run that writes the
bytecode caches, as ``pip install`` leaves them); the median CPU time (user + system)
and wall time are printed, next to Python's own start-up in the same run. Also prints
the import time of postkit next to its dependencies', from ``python -X importtime``.

    python benchmarks/bench_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _child import installed_env, run

ROOT = Path(__file__).resolve().parent.parent


def _times(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median (CPU, wall) in ms of ``repeat`` fresh runs, after one warm-up run."""
    env = installed_env()
    run(argv, cwd=str(ROOT), env=env)
    cpu, wall = [], []
    for _ in range(repeat):
        w, c, _ = run(argv, cwd=str(ROOT), env=env)
        cpu.append(c * 1000)
        wall.append(w * 1000)
    return statistics.median(cpu), statistics.median(wall)


def _import_us(module: str) -> int:
    """Cumulative import time of ``module`` (µs) in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        env=installed_env(),
    )
    for line in reversed(out.stderr.splitlines()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "postkit"]
    for label, argv in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("postkit --version", [*cli, "--version"]),
        ("postkit check (shipped templates x examples x 8 platforms)", [*cli, "check", "--platform", "all"]),
    ):
        cpu, wall = _times(argv, args.repeat)
        print(f"bench_cli {label}: {cpu:.0f} ms CPU, {wall:.0f} ms wall (median of {args.repeat} fresh processes)")
    deps = sum(_import_us(m) for m in ("attrs", "jinja2", "emoji", "regex"))
    full = _import_us("postkit.posts.composer") + _import_us("postkit.rules")
    print(
        f"bench_cli import: dependencies {deps / 1000:.0f} ms; postkit.posts.composer + postkit.rules "
        f"{full / 1000:.0f} ms (each in a fresh interpreter, dependencies included)"
    )


if __name__ == "__main__":
    main()
