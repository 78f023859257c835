"""Cold start of the CLI in fresh processes, beside importing what each command needs.

Each command runs in a fresh process several times, the commands taking turns so the
machine's load falls on all alike, after one run that writes the bytecode and regex caches
(as ``pip install`` leaves the first, and the first run leaves the second); the median CPU
time (user + system) and wall time are printed. The references, in the same run:

* ``python -c pass``: Python's own start-up;
* importing what ``postkit check`` needs for the shipped examples (JSON, Markdown with YAML
  front matter, feeds; templates to render): attrs, regex, Jinja2, PyYAML, markdown-it,
  feedparser; ``postkit check`` is given as a multiple of it (target: at most 2x);
* importing what ``postkit lint`` needs: attrs and regex (target for lint itself: 150 ms).

Then the import time of postkit's modules and its dependencies, from ``python -X importtime``.

    python benchmarks/bench_cli.py [--repeat 7]
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
CHECK_NEEDS = ("attrs", "regex", "jinja2", "yaml", "markdown_it", "feedparser")
LINT_NEEDS = ("attrs", "regex")


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
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "postkit"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import what check needs": [sys.executable, "-c", f"import {', '.join(CHECK_NEEDS)}"],
        "import what lint needs": [sys.executable, "-c", f"import {', '.join(LINT_NEEDS)}"],
        "postkit --version": [*cli, "--version"],
        "postkit lint --text x": [*cli, "lint", "--text", "x"],
        "postkit lint --text (a post)": [
            *cli,
            "lint",
            "--text",
            "Kaim crossing reopens, folks! Trucks roll again. 📝🌍🔗 Read More: https://news.example/world/kaim",
        ],
        "postkit check (shipped templates x examples x 8 platforms)": [*cli, "check", "--platform", "all"],
    }
    env = installed_env()
    cpu: dict[str, list[float]] = {label: [] for label in commands}
    wall: dict[str, list[float]] = {label: [] for label in commands}
    for argv in commands.values():
        run(argv, cwd=str(ROOT), env=env)  # bytecode and regex caches written, as after a first run
    for _ in range(args.repeat):
        for label, argv in commands.items():
            w, c, _ = run(argv, cwd=str(ROOT), env=env)
            cpu[label].append(c * 1000)
            wall[label].append(w * 1000)
    median = {label: statistics.median(found) for label, found in cpu.items()}
    for label in commands:
        print(
            f"bench_cli {label}: {median[label]:.0f} ms CPU, {statistics.median(wall[label]):.0f} ms wall "
            f"(median of {args.repeat} fresh processes)"
        )
    check = median["postkit check (shipped templates x examples x 8 platforms)"]
    needs = median["import what check needs"]
    print(f"bench_cli postkit check / importing what it needs: {check / needs:.2f}x (target: <= 2x)")
    lint = median["postkit lint --text x"]
    print(
        f"bench_cli postkit lint --text x: {lint:.0f} ms (target: <= 150 ms); {lint / median['import what lint needs']:.2f}x its imports"
    )
    deps = sum(_import_us(m) for m in CHECK_NEEDS)
    full = _import_us("postkit.ci")
    print(
        f"bench_cli import: what check needs {deps / 1000:.0f} ms (each alone); postkit.ci "
        f"{full / 1000:.0f} ms (in a fresh interpreter, dependencies included)"
    )


if __name__ == "__main__":
    main()
