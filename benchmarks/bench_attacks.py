"""Time and peak memory of `postkit compose` on the red team's inputs (issue 23), each in a fresh child process.

The bound the issue sets for every attack is the reference printed beside each: it ends as output or a one-line
error within 5 s and 300 MB. The inputs are made in a temporary folder:

- a feed date outside Python's range (`9999-12-31T23:59:59-23:00`; `0000-00-00T00:00:00Z` in RSS);
- a CSV quoting error (`"B"x`) followed by 1,877 good rows;
- Shift_JIS bytes in a feed declared as UTF-8;
- a 20 MB body threaded with `--max-posts 6` (JSON Lines, and a Markdown file);
- front matter with a million keys (one a line, and all in one YAML flow mapping and one TOML inline table).

    python benchmarks/bench_attacks.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40 + "\n\n"
BOUND_SECONDS, BOUND_MIB = 5.0, 300


def _dates(folder: Path) -> list[str]:
    atom = folder / "dates.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><title>One</title><link href="https://e.example/1"/><id>1</id>'
        "<updated>9999-12-31T23:59:59-23:00</updated></entry>"
        '<entry><title>Two</title><link href="https://e.example/2"/><id>2</id></entry></feed>',
        "utf-8",
    )
    return [str(atom), "-p", "x"]


def _csv(folder: Path) -> list[str]:
    path = folder / "quote.csv"
    rows = "".join(f"Good {i},https://e.example/{i}\n" for i in range(1877))
    path.write_text('title,url\n"B"x,https://e.example/b\n' + rows, "utf-8")
    return [str(path), "-p", "x", "-f", "jsonl"]


def _shift_jis(folder: Path) -> list[str]:
    path = folder / "sjis.rss"
    items = "".join(f"<item><title>東京の天気 {i}</title><link>https://e.example/{i}</link></item>" for i in range(50))
    body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    path.write_bytes(body.encode("shift_jis"))
    return [str(path), "-p", "x"]


def _body_jsonl(folder: Path) -> list[str]:
    path = folder / "big.jsonl"
    path.write_text(json.dumps({"title": "Big", "url": "https://e.example/b", "body": LOREM * 8500}) + "\n", "utf-8")
    return [str(path), "-p", "mastodon", "--thread", "--max-posts", "6"]


def _body_markdown(folder: Path) -> list[str]:
    path = folder / "big.md"
    path.write_text("---\ntitle: Big\nurl: https://e.example/b\n---\n" + LOREM * 8500, "utf-8")
    return [str(path), "-p", "mastodon", "--thread", "--max-posts", "6"]


def _keys(folder: Path) -> list[str]:
    path = folder / "keys.md"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("---\ntitle: T\nurl: https://e.example/a\n")
        fh.writelines(f"k{i}: {i}\n" for i in range(1_000_000))
        fh.write("---\nBody.\n")
    return [str(path), "-p", "x"]


def _keys_yaml_flow(folder: Path) -> list[str]:
    path = folder / "flow.md"
    table = "{" + ", ".join(f"k{i}: {i}" for i in range(1_000_000)) + "}"
    path.write_text(f"---\ntitle: T\nurl: https://e.example/a\nextra: {table}\n---\nBody.\n", "utf-8")
    return [str(path), "-p", "x"]


def _keys_toml_inline(folder: Path) -> list[str]:
    path = folder / "inline.md"
    table = "{" + ", ".join(f"k{i} = {i}" for i in range(1_000_000)) + "}"
    path.write_text(f'+++\ntitle = "T"\nurl = "https://e.example/a"\nextra = {table}\n+++\nBody.\n', "utf-8")
    return [str(path), "-p", "x"]


ATTACKS: dict[str, Callable[[Path], list[str]]] = {
    "feed date outside Python's range": _dates,
    "CSV quoting error, 1,877 rows after": _csv,
    "Shift_JIS declared as UTF-8": _shift_jis,
    "20 MB body, --max-posts 6 (JSON Lines)": _body_jsonl,
    "20 MB body, --max-posts 6 (Markdown)": _body_markdown,
    "front matter, a million keys": _keys,
    "front matter, a million keys in a YAML flow mapping": _keys_yaml_flow,
    "front matter, a million keys in a TOML inline table": _keys_toml_inline,
}


def _run(argv: list[str]) -> tuple[float, float, int, str]:
    """``(wall s, peak MiB, exit code, last stderr line)`` of ``python -m postkit compose ARGV`` in a child."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n"
        "print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else '')\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-m", "postkit", "compose", *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    first, last = [*done.stdout.splitlines(), ""][:2]
    peak, code = first.split()
    return wall, int(peak) / 1024, int(code), last


def main() -> None:
    print(f"bench_attacks: each attack in a fresh process; bound {BOUND_SECONDS:.0f} s and {BOUND_MIB} MiB")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in ATTACKS.items():
            wall, peak, code, last = _run(make(Path(folder)))
            held = "holds" if wall <= BOUND_SECONDS and peak <= BOUND_MIB else "OVER"
            print(f"{name:55} {wall:5.2f} s {peak:6.1f} MiB exit {code} {held} | {last[:70]}")


if __name__ == "__main__":
    main()
