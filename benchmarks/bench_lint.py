"""Linting many post files in one process: postkit against proselint, on the same files.

Each repetition writes a fresh set of post files (composed posts, a quarter with tone
problems; fixed seed per repetition), then times, each in a fresh process, postkit's
linting of every file and ``proselint check`` on the same folder. When ``postkit lint``
takes many paths it is the command timed (``postkit lint FOLDER``); otherwise a
one-process loop over the files with the API (``RuleSet().check(text, "x")``), and the
line says so.

    python benchmarks/bench_lint.py [--files 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _child import installed_env, run
from bench_check import corpus

_API_LOOP = (
    "import sys\n"
    "from pathlib import Path\n"
    "from postkit import RuleSet\n"
    "check = RuleSet().check\n"
    "found = 0\n"
    "for name in sorted(Path(sys.argv[1]).iterdir()):\n"
    "    found += len(check(name.read_text('utf-8'), 'x'))\n"
    "print(found)\n"
)


def write_posts(folder: Path, n: int, seed: int) -> None:
    for i, post in enumerate(corpus(n, seed)):
        (folder / f"post-{i:05d}.txt").write_text(post.text + "\n", "utf-8")


def cli_takes_many(folder: Path) -> bool:
    """Whether ``postkit lint`` accepts several paths (the CLI helper's change)."""
    names = sorted(str(p) for p in folder.iterdir())[:2]
    _, _, done = run([sys.executable, "-m", "postkit", "lint", *names], env=installed_env())
    return done.returncode != 2 or "unrecognized arguments" not in done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    proselint = shutil.which("proselint") or str(Path(sys.executable).with_name("proselint"))
    if not Path(proselint).exists():
        print("proselint: not installed (pip install proselint), comparison skipped")
        return
    env = installed_env()
    ours_wall, ours_cpu, theirs_wall, theirs_cpu = [], [], [], []
    mode = ""
    for rep in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_posts(folder, args.files, seed=300 + rep)
            if not mode:
                mode = "postkit lint FOLDER" if cli_takes_many(folder) else "API loop in one process"
            if mode.startswith("postkit lint"):
                argv = [sys.executable, "-m", "postkit", "lint", str(folder)]
            else:
                argv = [sys.executable, "-c", _API_LOOP, str(folder)]
            wall, cpu, _ = run(argv, env=env)
            ours_wall.append(wall)
            ours_cpu.append(cpu)
            wall, cpu, _ = run([proselint, "check", str(folder)], env=env)
            theirs_wall.append(wall)
            theirs_cpu.append(cpu)
    ours, theirs = statistics.median(ours_cpu), statistics.median(theirs_cpu)
    print(
        f"lint {args.files:,} post files, one process ({mode}): postkit {ours:.2f} s CPU "
        f"({statistics.median(ours_wall):.2f} s wall) vs proselint {theirs:.2f} s CPU "
        f"({statistics.median(theirs_wall):.2f} s wall): {theirs / ours:.1f}x faster "
        f"(median of {args.repeat}, fresh files each)"
    )


if __name__ == "__main__":
    main()
