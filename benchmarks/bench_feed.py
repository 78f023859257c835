"""Peak memory and time of `postkit compose` over a large RSS feed, in a child process.

feedparser parses a document whole; postkit hands it a well-formed feed in batches of
entries (postkit.records._feed_stream). This measures a run at 1,000 and 10,000 entries
(and 50,000, a 20 MiB feed, with ``--big``): peak memory should not grow with the count.

    python benchmarks/bench_feed.py            # 1,000 and 10,000 entries
    python benchmarks/bench_feed.py --big      # also 50,000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ITEM = """<item><title>Story {i}: Iraq and Syria reopen the Kaim border crossing after months</title>
<link>https://news.example.com/world/{i}</link><guid isPermaLink="false">story-{i}</guid>
<description>&lt;p&gt;Trucks and civilians can cross again, &lt;b&gt;officials said&lt;/b&gt; on Saturday.&lt;/p&gt;</description>
<pubDate>Sat, 19 Apr 2025 08:00:00 GMT</pubDate><category>Iraq</category><category>Syria</category></item>
"""


def write_feed(path: str, n: int) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Wire</title>'
            "<link>https://news.example.com/</link><language>en</language>\n"
        )
        fh.writelines(_ITEM.format(i=i) for i in range(n))
        fh.write("</channel></rss>\n")


_WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(path: str) -> tuple[int, float]:
    cmd = [sys.executable, "-m", "postkit", "compose", path, "-p", "mastodon", "-f", "jsonl"]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true")
    args = parser.parse_args()
    sizes = [1_000, 10_000, *([50_000] if args.big else [])]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"feed-{n}.rss")  # noqa: PTH118
            write_feed(path, n)
            rss, seconds = measure(path)
            size = Path(path).stat().st_size / 2**20
            print(f"{n:>7,} entries ({size:5.1f} MiB): peak RSS {rss / 1024:6.1f} MiB, {seconds:5.1f} s")


if __name__ == "__main__":
    main()
