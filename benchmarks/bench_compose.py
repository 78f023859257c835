"""compose + check throughput, against a bare Jinja2 render of the same template.

For each repetition a fresh, fixed-seed batch of example-like articles is generated (so
no call benefits from an earlier one's result), composed for all eight platforms and
checked with the default rules. The floor is a plain ``jinja2.Environment`` rendering
the shipped ``teaser.txt.j2`` with the same values: what any templating tool must pay.
It is timed two ways in the same run: with the link and hashtags worked out in the loop
by postkit's helpers (``track_url``, ``hashtags_from_tags``, as the issue defined it),
and as the render alone, the values made before the clock starts. compose + check is
also timed without the learned clickbait score (CLK003), which the tone rules added.

    python benchmarks/bench_compose.py [--articles 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import jinja2
from _corpus import articles

from postkit import RuleSet, check
from postkit.platforms.registry import builtin_platforms
from postkit.posts.composer import compose
from postkit.posts.filters import hashtags_from_tags
from postkit.posts.loader import DEFAULT_TEMPLATES
from postkit.posts.tracking import track_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    profiles = builtin_platforms().values()
    bare_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)), trim_blocks=True, lstrip_blocks=True
    )
    bare = bare_env.get_template("teaser.txt.j2")
    # Warm up: compile templates and tables once, as any long-running job would.
    for p in profiles:
        check(compose(articles(1, seed=0)[0], p))
    # The learned clickbait score (CLK003) came with the tone issue: measured apart as well.
    without_score = RuleSet(ignore=("CLK003",)).check
    compose_rates, without_rates, bare_rates, pure_rates, check_share = [], [], [], [], []
    for rep in range(args.repeat):
        batch = articles(args.articles, seed=100 + rep)
        start = time.process_time()
        checked = 0.0
        for article in batch:
            for p in profiles:
                post = compose(article, p)
                t = time.process_time()
                check(post)
                checked += time.process_time() - t
        elapsed = time.process_time() - start
        n = len(batch) * len(profiles)
        compose_rates.append(n / elapsed)
        check_share.append(checked / elapsed)
        batch = articles(args.articles, seed=400 + rep)
        start = time.process_time()
        for article in batch:
            for p in profiles:
                without_score(compose(article, p))
        without_rates.append(n / (time.process_time() - start))
        batch = articles(args.articles, seed=200 + rep)
        start = time.process_time()
        for article in batch:
            for p in profiles:
                bare.render(
                    title=article.title,
                    summary=article.summary,
                    emoji="📝🌍🔗",
                    cta="Read More",
                    link=track_url(article.url, p.name),
                    hashtags=hashtags_from_tags(article.tags, 3),
                )
        bare_rates.append(n / (time.process_time() - start))
        batch = articles(args.articles, seed=300 + rep)
        values = [
            {
                "title": article.title,
                "summary": article.summary,
                "emoji": "📝🌍🔗",
                "cta": "Read More",
                "link": track_url(article.url, p.name),
                "hashtags": hashtags_from_tags(article.tags, 3),
            }
            for article in batch
            for p in profiles
        ]
        start = time.process_time()
        for value in values:
            bare.render(**value)
        pure_rates.append(n / (time.process_time() - start))
    rate, floor = statistics.median(compose_rates), statistics.median(bare_rates)
    pure = statistics.median(pure_rates)
    print(f"bench_compose posts={args.articles}x{len(profiles)} repeat={args.repeat} (CPU time, medians)")
    for label, speed in (("compose+check", rate), ("compose+check without CLK003", statistics.median(without_rates))):
        share = f" (check is {statistics.median(check_share):.0%} of it)" if speed is rate else ""
        print(
            f"{label}: {speed:,.0f} posts/s{share} | "
            f"bare jinja2 render with link+hashtags: {floor:,.0f}/s, {floor / speed:.1f}x | "
            f"render alone: {pure:,.0f}/s, {pure / speed:.1f}x (targets: >= 12,000 posts/s, <= 5x)"
        )


if __name__ == "__main__":
    main()
