"""Wall time of the CLI: `postkit --version`, and `postkit check` on the shipped templates/examples.

Each command runs in a fresh process several times; the median is printed. Also prints the
import time of `postkit` next to its dependencies', from `python -X importtime`.

    python benchmarks/bench_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _wall(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _import_us(module: str) -> int:
    """Cumulative import time of ``module`` (µs) in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
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
    print(f"bench_cli python -c pass: {_wall([sys.executable, '-c', 'pass'], args.repeat) * 1000:.0f} ms")
    print(f"bench_cli postkit --version: {_wall([*cli, '--version'], args.repeat) * 1000:.0f} ms")
    print(f"bench_cli postkit check (shipped templates x examples x 8 platforms): "
          f"{_wall([*cli, 'check', '--platform', 'all'], args.repeat) * 1000:.0f} ms")
    deps = sum(_import_us(m) for m in ("attrs", "jinja2", "emoji", "regex"))
    full = _import_us("postkit.compose") + _import_us("postkit.rules")
    print(f"bench_cli import: dependencies {deps / 1000:.0f} ms; postkit.compose + postkit.rules "
          f"{full / 1000:.0f} ms (each in a fresh interpreter, dependencies included)")


if __name__ == "__main__":
    main()
