"""Fixed-seed generators of example-like articles for the benchmarks."""

from __future__ import annotations

import random

from postkit.article import Article

WORDS = [
    "Iraq",
    "Syria",
    "border",
    "crossing",
    "reopens",
    "trade",
    "talks",
    "minister",
    "visit",
    "economy",
    "markets",
    "rally",
    "central",
    "bank",
    "rates",
    "climate",
    "summit",
    "agreement",
    "football",
    "final",
    "league",
    "record",
    "science",
    "telescope",
    "discovery",
    "vaccine",
    "trial",
    "results",
    "election",
    "campaign",
    "parliament",
    "vote",
    "budget",
    "energy",
    "prices",
    "storm",
    "coast",
    "rescue",
    "teams",
    "city",
    "council",
    "housing",
    "plan",
    "rail",
    "strike",
]
TAGS = ("Middle East", "Iraq", "Syria", "Economy", "Climate", "Sport", "Science", "Tech", "Politics")
TOPICS = ("world", "business", "sport", "science", "tech", "politics", "climate", "health")


def articles(n: int, seed: int) -> list[Article]:
    """``n`` distinct articles: titles 6-16 words, summaries of 1-3 sentences, 0-4 tags."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize()
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
            for _ in range(rng.randint(1, 3))
        ]
        out.append(
            Article(
                title=f"{title} {seed}-{i}",
                url=f"https://news.example.com/{seed}/{i}/{rng.choice(WORDS)}?ref=feed",
                summary=" ".join(sentences),
                tags=rng.sample(TAGS, rng.randint(0, 4)),
                topics=[rng.choice(TOPICS)],
                language="en",
                id=f"{seed}-{i}",
            )
        )
    return out
