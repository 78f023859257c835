"""Benchmark: measure() for X, Bluesky and Mastodon, against twitter-text-parser.

    python benchmarks/bench_count.py [--strings 20000] [--repeat 5] [--seed 6]

Generates a fixed-seed corpus of post-like strings (ASCII, CJK, emoji with ZWJ
sequences, skin tones and flags, URLs with and without scheme, and mixes of all; 20-280
characters). Every repetition gets a freshly generated corpus (seed + repetition), so
nothing can be answered from the results of earlier calls. When twitter-text-parser is
importable, its ``parse_tweet`` (v3 options) is timed on the first corpus in the same
run and every string whose emoji the port finds as npm twitter-text does is compared with
``measure(text, "x")`` (npm twitter-text itself is the oracle in tests/platforms/test_oracles.py).
Prints one line per figure.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable

from postkit.platforms.counting import measure

ASCII_WORDS = (
    "Iraq",
    "and",
    "Syria",
    "reopen",
    "the",
    "Kaim",
    "crossing",
    "boosting",
    "trade",
    "ties",
    "after",
    "years",
    "of",
    "closure",
    "ministers",
    "met",
    "on",
    "Monday",
    "to",
    "sign",
    "agreement",
    "markets",
    "rallied",
    "news",
    "officials",
    "said",
)
CJK = "伊拉克和叙利亚重新开放边境口岸贸易关系部长周一签署协议市场上涨官员表示日本語のテキストです한국어문장입니다"
ARABIC = "العراق وسوريا تعيدان فتح معبر القائم الحدودي لتعزيز العلاقات التجارية"
EMOJI = (
    "😀",
    "📝",
    "🌍",
    "🔗",
    "👍🏽",
    "👩‍👩‍👧‍👦",
    "👨‍💻",
    "🧑‍💻",
    "❤️",
    "❤️‍🔥",
    "🇮🇶",
    "🇸🇾",
    "🇺🇸",
    "🏳️‍🌈",
    "1️⃣",
    "✅",
    "🎉",
    "🙋🏾‍♀️",
)
URLS = (
    "https://news.example.com/world/kaim-crossing?utm_source=x&utm_medium=social",
    "http://bbc.co.uk/news/world-middle-east-123",
    "example.org/a/b",
    "www.reuters.com/world/",
    "https://t.co/AbCdEf123",
    "news.example/plain-text-not-a-url",
    "https://例え.jp/パス",
)
KINDS = ("ascii", "cjk", "emoji", "url", "mixed")
MIN_CHARS, MAX_CHARS = 20, 280


def _words(rng: random.Random, kind: str) -> str:
    """One word-sized piece of text of ``kind``."""
    if kind == "cjk":
        start = rng.randrange(len(CJK) - 6)
        return CJK[start : start + rng.randint(2, 6)] + rng.choice(("", "", "、", "。"))
    if kind == "arabic":
        return rng.choice(ARABIC.split())
    word = rng.choice(ASCII_WORDS)
    return word + rng.choice(("",) * 8 + (",", ".", "!", ":"))


def post(rng: random.Random, kind: str, target: int) -> str:
    """A post-like string of ``kind`` and about ``target`` characters.

    ascii: English words and punctuation. cjk: Chinese, Japanese and Korean runs.
    emoji: words with an emoji after about every third one (ZWJ sequences, skin tones,
    flags, keycaps, Emoji 12.1+ sequences). url: words with one or two URLs (with and
    without scheme, t.co, an IDN host, and a non-URL "news.example/…"). mixed: all of
    those and Arabic, with a URL in about half of them.
    """
    parts: list[str] = []
    size = 0
    links = 0
    if kind == "url":
        links = rng.randint(1, 2)
    elif kind == "mixed":
        links = rng.randint(0, 1)
    while size < target:
        piece_kind = kind
        if kind in {"emoji", "url"}:
            piece_kind = "ascii"
        elif kind == "mixed":
            piece_kind = rng.choice(("ascii", "cjk", "arabic"))
        piece = _words(rng, piece_kind)
        if kind in {"emoji", "mixed"} and rng.random() < 0.3:
            piece += rng.choice(("", " ")) + rng.choice(EMOJI)
        parts.append(piece)
        size += len(piece) + 1
    for _ in range(links):
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(URLS))
    text = " ".join(parts)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rstrip()
    return text if len(text) >= MIN_CHARS else (text + " " + "x" * MIN_CHARS)[:MIN_CHARS]


def corpus(n: int, seed: int) -> list[str]:
    """``n`` strings of 20-280 characters, an equal share of each kind."""
    rng = random.Random(seed)
    return [post(rng, KINDS[i % len(KINDS)], rng.randint(MIN_CHARS, MAX_CHARS - 40)) for i in range(n)]


def rate(func: Callable[[str], object], texts: list[str]) -> float:
    """Strings per CPU second for one pass of ``func`` over ``texts``.

    CPU time of this process, not wall time: the machine is shared, and both sides
    are measured the same way.
    """
    start = time.process_time()
    for text in texts:
        func(text)
    return len(texts) / (time.process_time() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)

    corpora = [corpus(args.strings, args.seed + rep) for rep in range(args.repeat)]
    sizes = [len(t) for t in corpora[0]]
    print(
        f"corpus: {args.strings} strings x {args.repeat} fresh repetitions, "
        f"{min(sizes)}-{max(sizes)} chars (mean {statistics.mean(sizes):.0f}), "
        f"kinds {'/'.join(KINDS)}, seed {args.seed}"
    )
    for name in ("x", "bluesky", "mastodon"):
        measure("warm-up: build tables 😀 https://example.com @a@b.c", name)  # one-time setup
    rates: dict[str, float] = {}
    for name in ("x", "bluesky", "mastodon"):
        runs = [rate(functools.partial(measure, platform=name), texts) for texts in corpora]
        rates[name] = statistics.median(runs)
        print(f"measure {name}: {rates[name]:,.0f} strings/s (median of {len(runs)}, best {max(runs):,.0f})")

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from twitter_text import parse_tweet  # noqa: PLC0415
            from twitter_text.config import config  # noqa: PLC0415
    except ImportError:
        print("twitter-text-parser: not installed, comparison skipped")
        return 0
    options = dict(config["version3"])
    texts = corpora[0]
    start = time.process_time()
    expected = [parse_tweet(text, options).weightedLength for text in texts]
    theirs = len(texts) / (time.process_time() - start)
    print(f"twitter-text-parser parse_tweet: {theirs:,.0f} strings/s (1 pass, same corpus)")
    print(f"x speed-up over twitter-text-parser: {rates['x'] / theirs:.1f}x (target >= 50x)")
    from twitter_text.extract_emojis import extract_emojis_with_indices  # noqa: PLC0415

    from postkit.platforms import _twemoji  # noqa: PLC0415

    divergent = []
    compared = 0
    for text, their_length in zip(texts, expected, strict=True):
        normalized = unicodedata.normalize("NFC", text)
        # postkit weighs emoji as npm twitter-text does (twemoji-parser; tested against it in
        # tests/platforms/test_oracles.py); the port's emoji data differs, so texts where
        # the two find different emoji are not compared.
        if [tuple(e["indices"]) for e in extract_emojis_with_indices(normalized)] != _twemoji.spans(normalized):
            continue
        compared += 1
        ours = measure(text, "x")
        # The one named difference: CRLF counts 2 for postkit (the JS count), 1 for the port.
        if ours != their_length + normalized.count("\r\n"):
            divergent.append((text, ours, their_length))
    print(
        f"x agreement with twitter-text-parser: {compared - len(divergent)}/{compared} identical "
        f"({len(texts) - compared} with emoji the port finds differently from npm twitter-text not compared)"
    )
    for text, ours, their_length in divergent[:20]:
        print(f"  divergence: {text!r}: postkit {ours}, twitter-text-parser {their_length}")
    return 1 if divergent else 0


if __name__ == "__main__":
    sys.exit(main())
