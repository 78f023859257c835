"""compose + check throughput, against a bare Jinja2 render of the same template.

For each repetition a fresh, fixed-seed batch of example-like articles is generated (so
no call benefits from an earlier one's result), composed for all eight platforms and
checked. The floor is a plain ``jinja2.Environment`` rendering the shipped
``teaser.txt.j2`` with the same values: what any templating tool must pay. It is timed two
ways in the same run: with the link and hashtags worked out in the loop by postkit's
helpers (``track_url``, ``hashtags_from_tags``, as the issue defined it), and as the render
alone, the values made before the clock starts. Every figure is timed as a whole loop, with
no clock read inside it (a clock read costs ~1 µs of CPU, a tenth of a render):

* compose + check with the default rules;
* compose + check with the learned score selected (CLK003, opt-in);
* compose alone, so the share of check is the difference.

The configurations take turns within each repetition, so the machine's load falls on all alike.

    python benchmarks/bench_compose.py [--articles 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import jinja2
from _corpus import articles

from postkit import RuleSet
from postkit.article import Article
from postkit.platforms.registry import Platform, builtin_platforms
from postkit.posts.composer import compose
from postkit.posts.filters import hashtags_from_tags
from postkit.posts.loader import DEFAULT_TEMPLATES
from postkit.posts.tracking import track_url


def _rate(batch: list[Article], profiles: list[Platform], work: Callable[[Article, Platform], object]) -> float:
    """Posts per CPU second of ``work`` over every article x platform."""
    start = time.process_time()
    for article in batch:
        for p in profiles:
            work(article, p)
    return len(batch) * len(profiles) / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    profiles = list(builtin_platforms().values())
    bare_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)), trim_blocks=True, lstrip_blocks=True
    )
    bare = bare_env.get_template("teaser.txt.j2")
    default = RuleSet().check
    scored = RuleSet(select=("ALL", "CLK003")).check
    # Warm up: compile templates and tables once, as any long-running job would.
    for p in profiles:
        scored(compose(articles(1, seed=0)[0], p))

    def bare_render(article: Article, p: Platform) -> object:
        return bare.render(
            title=article.title,
            summary=article.summary,
            emoji="📝🌍🔗",
            cta="Read More",
            link=track_url(article.url, p.name),
            hashtags=hashtags_from_tags(article.tags, 3),
        )

    rates: dict[str, list[float]] = {"default": [], "scored": [], "compose": [], "bare": [], "pure": []}
    for rep in range(args.repeat):
        rates["default"].append(
            _rate(articles(args.articles, seed=100 + rep), profiles, lambda a, p: default(compose(a, p)))
        )
        rates["scored"].append(
            _rate(articles(args.articles, seed=400 + rep), profiles, lambda a, p: scored(compose(a, p)))
        )
        rates["compose"].append(_rate(articles(args.articles, seed=500 + rep), profiles, compose))
        rates["bare"].append(_rate(articles(args.articles, seed=200 + rep), profiles, bare_render))
        values = [
            {
                "title": article.title,
                "summary": article.summary,
                "emoji": "📝🌍🔗",
                "cta": "Read More",
                "link": track_url(article.url, p.name),
                "hashtags": hashtags_from_tags(article.tags, 3),
            }
            for article in articles(args.articles, seed=300 + rep)
            for p in profiles
        ]
        start = time.process_time()
        for value in values:
            bare.render(**value)
        rates["pure"].append(len(values) / (time.process_time() - start))
    median = {key: statistics.median(found) for key, found in rates.items()}
    floor, pure, alone = median["bare"], median["pure"], median["compose"]
    print(f"bench_compose posts={args.articles}x{len(profiles)} repeat={args.repeat} (CPU time, medians)")
    for label, key in (("compose+check", "default"), ("compose+check with CLK003 selected", "scored")):
        speed = median[key]
        share = 1 - speed / alone
        print(
            f"{label}: {speed:,.0f} posts/s ({1e6 / speed:.1f} µs/post; check about {share:.0%} of it) | "
            f"bare jinja2 render with link+hashtags: {floor:,.0f}/s, {floor / speed:.1f}x | "
            f"render alone: {pure:,.0f}/s, {pure / speed:.1f}x (targets: >= 15,000 posts/s, <= 8x)"
        )
    print(f"compose alone: {alone:,.0f} posts/s ({1e6 / alone:.1f} µs/post)")


if __name__ == "__main__":
    main()
