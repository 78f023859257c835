"""Peak memory and CPU rate of `postkit compose --format jsonl` (or `postkit check`) over a large JSONL file.

Generates N records (default 1,000,000) into a temporary file, streams them through the
CLI in a child process for one platform, and reports the child's peak RSS and its
records per CPU second (user + system; wall time varies with the machine's load). It
runs at two sizes so a reader can see that memory does not grow with the record count.

    python benchmarks/bench_memory.py            # 100,000 and 1,000,000 records
    python benchmarks/bench_memory.py --quick    # 10,000 and 100,000
    python benchmarks/bench_memory.py --check    # postkit check, the shipped templates: 2,000 and 20,000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _write(path: str, n: int) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        fh.writelines(
            json.dumps(
                {
                    "id": f"r{i}",
                    "title": f"Record {i}: Iraq and Syria reopen the Kaim border crossing after months",
                    "url": f"https://news.example.com/world/{i}",
                    "summary": "Trucks and civilians can cross again, officials said on Saturday.",
                    "tags": ["Iraq", "Syria", "Middle East"],
                    "topics": ["world"],
                }
            )
            + "\n"
            for i in range(n)
        )


_WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
)


def _run(path: str, platform: str, *, check: bool = False) -> tuple[float, float, float]:
    """Run the CLI under a fresh wrapper process, whose only child is the CLI: its
    RUSAGE_CHILDREN high-water mark is the CLI's own peak RSS (KiB on Linux)."""
    command = ["check", "--examples", path] if check else ["compose", path, "--format", "jsonl"]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "postkit", *command, "--platform", platform],
        check=True,
        capture_output=True,
        text=True,
    )
    peak, cpu = out.stdout.split()
    return time.perf_counter() - start, float(cpu), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k records")
    parser.add_argument("--check", action="store_true", help="postkit check over 2,000 and 20,000 records")
    parser.add_argument("--platform", default="x")
    args = parser.parse_args()
    sizes = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    if args.check:
        sizes = (2_000, 20_000)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = str(Path(tmp) / f"records-{n}.jsonl")
            _write(path, n)
            seconds, cpu, peak = _run(path, args.platform, check=args.check)
            command = "check" if args.check else "compose"
            print(
                f"bench_memory {command} records={n:,} platform={args.platform}: peak RSS {peak:.1f} MB, "
                f"{n / cpu:,.0f} records per CPU second ({cpu:.1f} s CPU, {seconds:.1f} s wall)"
            )


if __name__ == "__main__":
    main()
