"""Benchmark: postkit.check() over example-like posts, in posts per second.

    python benchmarks/bench_check.py [--posts 10000] [--repeat 5] [--seed 7] [--per-rule]

Every repetition builds a fresh corpus (seed + repetition): example-like articles
(benchmarks/_corpus.py) composed for the eight platforms in turn, and one post in four
given something for the tone rules to find (a clickbait phrase, a hype word, a casual
word, "!!", a word in capitals, extra emoji or hashtags). Composing happens before the
clock starts; only check() is timed. The figures:

* check(post): a composed Post, checked on its own platform (compose's measurements of
  its length are reused, as postkit check and publishing scripts do);
* check(text, platform): the same posts as plain text, so LEN001 measures them itself;
* check(post) per platform (X posts are title + blurb, ~200 characters; others add a summary);
* check(post) without the learned clickbait score (CLK003 ignored), and with it selected (it is
  opt-in: off in every tone), and what the score adds.

Prints one summary line per figure (median and best of the repetitions).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import timeit
from collections import Counter
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from _corpus import articles

from postkit import RuleSet
from postkit.platforms.registry import builtin_platforms
from postkit.posts.composer import compose
from postkit.posts.post import Post

EXTRAS = (
    "You won't believe what happens next",
    "Shocking scenes",
    "folks, this is gonna matter",
    "BREAKING",
    "Wow!! Big news",
    "🎉🚚🇮🇶🇸🇾",
    "#Trade #Energy #Markets",
    "Here's why it matters.",
)


def corpus(n: int, seed: int) -> list[Post]:
    """``n`` composed posts, platforms in turn, a quarter with something to find."""
    rng = random.Random(seed)
    names = [p.name for p in builtin_platforms().values()]
    posts = []
    for i, article in enumerate(articles(n, seed)):
        if rng.random() < 0.25:
            extra = rng.choice(EXTRAS)
            article = attrs.evolve(article, title=f"{extra} {article.title}")  # noqa: PLW2901
        posts.append(compose(article, names[i % len(names)]))
    return posts


def timed(posts: list[Post], rules: RuleSet, *, as_text: bool) -> float:
    """CPU seconds to check every post once (wall time varies with the machine's load)."""
    check = rules.check
    start = time.process_time()
    if as_text:
        for post in posts:
            check(post.text, post.platform)
    else:
        for post in posts:
            check(post)
    return time.process_time() - start


def main() -> None:
    """Run the benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-rule", action="store_true", help="also time each rule alone (slower)")
    args = parser.parse_args()

    start = time.perf_counter()
    rules = RuleSet()
    build = time.perf_counter() - start
    warm = corpus(50, args.seed - 1)
    for post in warm:
        rules.check(post)
        rules.check(post.text, post.platform)

    without = RuleSet(ignore=("CLK003",))
    scored = RuleSet(select=("ALL", "CLK003"))
    for post in warm:
        without.check(post)
        scored.check(post)
    rates: dict[str, list[float]] = {"post": [], "text": [], "without": [], "scored": []}
    found: Counter[str] = Counter()
    chars = 0
    for rep in range(args.repeat):
        posts = corpus(args.posts, args.seed + rep)
        chars += sum(len(p.text) for p in posts)
        rates["post"].append(len(posts) / timed(posts, rules, as_text=False))
        rates["text"].append(len(posts) / timed(posts, rules, as_text=True))
        rates["without"].append(len(posts) / timed(posts, without, as_text=False))
        rates["scored"].append(len(posts) / timed(posts, scored, as_text=False))
        if rep == 0:
            found.update(v.code for p in posts for v in rules.check(p))
    n = args.posts
    mean_chars = chars / (n * args.repeat)
    for label, key in (("check(post)", "post"), ("check(text, platform)", "text")):
        median, best = statistics.median(rates[key]), max(rates[key])
        print(
            f"{label}: {median:,.0f} posts/s median ({1e6 / median:.1f} µs/post), best {best:,.0f} posts/s; "
            f"{n:,} posts x {args.repeat} fresh corpora, {mean_chars:.0f} characters on average, 8 platforms"
        )
    with_score, without_score = max(rates["scored"]), max(rates["without"])
    print(
        f"check(post) without CLK003: {statistics.median(rates['without']):,.0f} posts/s median, best "
        f"{without_score:,.0f} posts/s; with CLK003 selected: {statistics.median(rates['scored']):,.0f} posts/s "
        f"median ({1e6 / statistics.median(rates['scored']):.1f} µs/post); the learned score adds "
        f"{1e6 / with_score - 1e6 / without_score:.1f} µs/post (best against best: the least disturbed runs)"
    )
    by_platform = {}
    posts = corpus(min(n, 4_000), args.seed + 50)
    for name in dict.fromkeys(p.platform.name for p in posts):
        some = [p for p in posts if p.platform.name == name]
        best = min(timed(some, rules, as_text=False) for _ in range(3))
        by_platform[name] = (best / len(some) * 1e6, sum(len(p.text) for p in some) / len(some))
    print(
        "check(post) by platform, µs/post (best of 3; mean characters): "
        + ", ".join(f"{name} {us:.1f} ({chars:.0f})" for name, (us, chars) in by_platform.items())
    )
    reference = min(timeit.repeat("sum(range(1000))", number=2_000, repeat=5, timer=time.process_time)) / 2_000 * 1e6
    print(
        f"machine reference: sum(range(1000)) takes {reference:.1f} µs of CPU here (compare figures across runs by it)"
    )
    print(f"RuleSet(): built in {build * 1e3:.1f} ms (once; includes compiling patterns and loading phrase lists)")
    top = ", ".join(f"{code} {count:,}" for code, count in found.most_common(6))
    print(f"findings: {sum(found.values()) / n:.2f} per post on the first corpus ({top})")
    if args.per_rule:
        posts = corpus(min(n, 2_000), args.seed + 100)
        for code in rules.codes():
            alone = RuleSet(select=(code,))
            alone.check(posts[0])
            seconds = timed(posts, alone, as_text=False)
            print(f"  {code}: {len(posts) / seconds:,.0f} posts/s alone ({seconds / len(posts) * 1e6:.1f} µs/post)")


if __name__ == "__main__":
    main()
