"""Benchmark: growth on adversarial input (issue 13): time at n and at 10n, and their ratio.

    python benchmarks/bench_hostile.py [--n 2000] [--repeat 3]

Linear work gives a ratio near 10; quadratic work near 100. The shapes are the ones that
were quadratic before: a title of repeated "a." (the X URL matcher), long dotted runs,
thousands of tags (fitting dropped one hashtag per re-render), and a long post for
``lint`` with thousands of links and findings. Each figure is the best of the
repetitions, on a fresh string each time (nothing cached between them).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from postkit import RuleSet
from postkit.article import Article
from postkit.platforms.counting import measure
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.report import locate

URL = "https://news.example/a"
RULES = RuleSet()


def _measure(unit: str, platform: str) -> Callable[[int, int], None]:
    def run(n: int, rep: int) -> None:
        measure(unit * n + f" {rep}", get_platform(platform))

    return run


def _tags(platform: str) -> Callable[[int, int], None]:
    def run(n: int, rep: int) -> None:
        article = Article.from_dict(
            {"title": f"Kaim crossing {rep}", "url": URL, "tags": [f"tag{rep}x{i}" for i in range(n)]}
        )
        compose(article, platform)

    return run


def _lint(n: int, rep: int) -> None:
    text = f"{rep} " + "Kaim reopens... see https://news.example/a and news.example, AMAZING!! " * (n // 10)
    for violation in RULES.check(text, get_platform("x")):
        locate(violation, text, "<bench>")


FIGURES: dict[str, Callable[[int, int], None]] = {
    'measure x, "a." * n': _measure("a.", "x"),
    'measure x, "a.co." * n': _measure("a.co.", "x"),
    'measure x, "foo.bar " * n': _measure("foo.bar ", "x"),
    'measure x, "x-.x-." * n': _measure("x-.x-.", "x"),
    'measure bluesky, "a." * n': _measure("a.", "bluesky"),
    'measure mastodon, "a." * n': _measure("a.", "mastodon"),
    "compose telegram, n tags": _tags("telegram"),
    "compose x, n tags": _tags("x"),
    "lint x, n/10 sentences with links": _lint,
}


def _best(run: Callable[[int, int], None], n: int, repeat: int) -> float:
    times = []
    for rep in range(repeat):
        start = time.perf_counter()
        run(n, rep)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _best(_measure("warm.up", "x"), 10, 1)
    for name, run in FIGURES.items():
        small, large = _best(run, args.n, args.repeat), _best(run, 10 * args.n, args.repeat)
        print(
            f"{name}: n={args.n:,} {small * 1000:.1f} ms, 10n {large * 1000:.1f} ms, "
            f"ratio {large / max(small, 1e-9):.1f} (linear ~10, quadratic ~100)"
        )


if __name__ == "__main__":
    main()
