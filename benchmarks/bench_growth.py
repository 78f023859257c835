"""Growth: the time ratio between inputs of size n and 10n, on adversarial shapes.

Linear work shows a ratio near 10; a ratio near 100 is quadratic. Each shape is built
fresh for each size (fixed seed), and each figure is the best of a few CPU-time runs (three at n, two at
10n: on a shared machine a single run can be disturbed).

    python benchmarks/bench_growth.py [--n 20000]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from postkit import check
from postkit.article import Article
from postkit.platforms.counting import measure
from postkit.posts.composer import compose

WORDS = ("border", "crossing", "trade", "minister", "markets", "rally", "Iraq", "Syria", "talks")
PIECES = {
    "prose": lambda r: r.choice(WORDS) + r.choice((" ", " ", ", ", ". ")),
    "urls": lambda r: f"https://e{r.randrange(99)}.example.com/{r.choice(WORDS)} ",
    "bare-urls": lambda r: f"{r.choice(WORDS)}.com/{r.choice(WORDS)} ",
    "dots": lambda r: r.choice(("a.", "b.", "co.", "x-", "ä.")),
    "emoji": lambda r: r.choice(("👩‍👩‍👧‍👦", "🇮🇶", "👍🏽", "1️⃣", "❤️ ", "x")),
    "hashtags": lambda r: f"#{r.choice(WORDS)} ",
    "mentions": lambda r: f"@{r.choice(WORDS)}@social.example ",
    "bangs": lambda r: r.choice(("Wow!! ", "!!! ", "OK? ", "BIG NEWS ")),
    "phrases": lambda r: r.choice(("you won't believe ", "shocking ", "folks ", "gonna ", "news ")),
    "mixed": lambda r: r.choice(("https://news.example/a ", "Wow!! ", "BIG ", "shocking ", "#Tag ", "<b> ")),
    "cjk": lambda r: r.choice(("伊拉克和叙利亚", "日本語の", "한국어 ")),
}


def shape(kind: str, size: int, seed: int = 1) -> str:
    """About ``size`` characters made of ``kind``'s pieces."""
    rng = random.Random(seed)
    piece = PIECES[kind]
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(piece(rng))
        total += len(parts[-1])
    return "".join(parts)[:size]


def best(func: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times)


def ratio(label: str, make: Callable[[int], Callable[[], object]], n: int) -> None:
    small, large = best(make(n)), best(make(10 * n), runs=2)  # the best of each: the least disturbed runs
    verdict = "linear" if large / small < 20 else "SUPER-LINEAR"
    print(
        f"growth {label:<28} n={n:,}: {small * 1e3:8.1f} ms  10n: {large * 1e3:9.1f} ms  "
        f"ratio {large / small:5.1f}  ({verdict})"
    )


def counting(kind: str, platform: str) -> Callable[[int], Callable[[], object]]:
    def make(size: int) -> Callable[[], object]:
        text = shape(kind, size)
        return lambda: measure(text, platform)

    return make


def checking(kind: str) -> Callable[[int], Callable[[], object]]:
    def make(size: int) -> Callable[[], object]:
        text = shape(kind, size)
        return lambda: check(text, "mastodon")

    return make


def fitting(kind: str, part: str, platform: str) -> Callable[[int], Callable[[], object]]:
    """Compose an article whose title or summary has ``size`` characters of ``kind``."""

    def make(size: int) -> Callable[[], object]:
        long = shape(kind, size)
        article = (
            Article(title=long, url="https://news.example/a")
            if part == "title"
            else Article(title="Border talks resume", url="https://news.example/a", summary=long)
        )
        return lambda: compose(article, platform)

    return make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    n = args.n
    check("warm-up https://example.com #tag", "x")
    for platform in ("x", "mastodon", "bluesky"):
        for kind in ("urls", "bare-urls", "dots", "emoji", "mentions", "cjk"):
            ratio(f"count {platform} {kind}", counting(kind, platform), n)
    for kind in ("prose", "urls", "bare-urls", "hashtags", "bangs", "phrases", "emoji", "mixed"):
        ratio(f"check(text) {kind}", checking(kind), n)
    for kind in ("prose", "urls", "dots", "emoji", "cjk"):
        ratio(f"fit {kind} summary (mastodon)", fitting(kind, "summary", "mastodon"), n)
        ratio(f"fit {kind} title (x)", fitting(kind, "title", "x"), n)


if __name__ == "__main__":
    main()
