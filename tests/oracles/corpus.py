"""A fixed-seed corpus for the differential tests against the platforms' own code.

Three parts, always in this order:

* ``edge_cases()``: hand-written strings at the boundaries where counters have differed.
* ``generated(n)``: ``n`` strings from a seeded generator: teasers like postkit composes
  and random mixes of tokens (words of many scripts, emoji of every qualification status,
  URLs with and without scheme, queries, fragments, parentheses, IDN and punycode hosts,
  t.co, mentions of both forms, hashtags of every script) joined by spaces, CRLF, other
  separators or nothing.
* ``emoji_sequences()``: every emoji sequence the ``emoji`` package knows, one a string.

Run as a script, it prints the corpus as JSON lines (what the Mastodon generator reads)::

    python tests/oracles/corpus.py > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys

import emoji

SEED = 20261130
SIZE = 6_000  # generated strings in the full corpus (with the edge cases: over 6,000)
QUICK = 2_500  # generated strings in the default (fast) test run

WORDS = [
    # English and Latin with diacritics
    "Kaim",
    "crossing",
    "reopens",
    "after",
    "talks",
    "Read",
    "More",
    "news",
    "The",
    "world",
    "café",
    "naïve",
    "Zürich",
    "São",
    "Paulo",
    "Ærø",
    "Łódź",
    "façade",
    "ſtraße",
    "İstanbul",
    "ıi",
    "K",
    "straße",
    # Greek, Cyrillic
    "Αθήνα",
    "ειδήσεις",
    "Москва",
    "новости",
    "Київ",
    # Arabic, Hebrew, Persian, with and without marks
    "مرحبا",
    "الأخبار",
    "عربي",
    "שלום",
    "חדשות",
    "فارسی",
    "د",
    "\u200fשלום\u200f",
    "\u202bمرحبا\u202c",
    # CJK, kana, Hangul
    "日本語",
    "東京",
    "ニュース",
    "ひらがな",
    "中文新闻",
    "한국어",
    "뉴스",
    "ｆｕｌｌ",
    "ﾊﾝｶｸ",
    # Indic conjuncts and other complex scripts
    "क्षत्रिय",
    "श्री",
    "हिन्दी",
    "समाचार",
    "ক্ষমা",
    "বাংলা",
    "தமிழ்",
    "ಕನ್ನಡ",
    "ഗ്ര",
    "ข่าว",
    "ພາສາ",
    "မြန်မာ",
    "ཀྵ",
    "ᄀᄀᄀ각ᆨᆨ",
    "e\u0301",
    "a\u0308\u0301",
    # Symbols and marks postkit has counted differently before
    "©",
    "®",
    "™",
    "♾",
    "↔",
    "‼",
    "#️⃣",
    "1️⃣",
    "½",
    "€",
    "—",
    "…",
    "“quoted”",
    "'",
    "(",
    ")",
    "[x]",
    "!",
    "?",
    "\u200b",
    "\u00ad",
    "\u2060",
    "\ufeff",
]

TLDS = ["com", "org", "net", "co", "co.uk", "de", "jp", "io", "app", "news", "example", "local", "рф", "中国", "xyz"]
HOSTS = [
    "example",
    "news.example",
    "www.bbc",
    "sub.domain.example",
    "bsky",
    "t",
    "a-b",
    "x_y.example",
    "münchen",
    "bücher.example",
    "例え",
    "пример",
    "مثال",
    "xn--mnchen-3ya",
    "xn--r8jz45g",
    "EXAMPLE",
    "Ex-Ample",
]
PATHS = [
    "",
    "/",
    "/a",
    "/world/kaim-crossing",
    "/2026/11/30/story.html",
    "/wiki/Foo_(bar)",
    "/a/(b)/c",
    "/ü/ñ",
    "/%E2%9C%93",
    "/path.",
    "/path,",
    "/path!",
    "/路径",
    "/a/../b",
    "/./x",
    "/very/long/path/with/many/segments",
    "/x)",
    "/((a))",
    "/a#frag",
    "/~user",
    "/a:b",
    "/@handle",
]
QUERIES = ["", "", "?utm_source=x", "?a=1&b=2", "?q=(x)", "?x=1.", "?ü=ö", "?", "?a=b#c", "#section", "#"]
SCHEMES = ["https://", "http://", "", "", "HTTPS://", "Http://", "ftp://", "gemini://", "//"]
TCO = [
    "https://t.co/abc123",
    "http://t.co/Ab1",
    "t.co/xyz",
    "https://t.co/abc123?x=1",
    "https://t.co/abc123/x",
    "https://t.co/" + "a" * 41,
]

MENTIONS = [
    "@user",
    "@user_name",
    "@user@mastodon.social",
    "@alice@example.com",
    "@handle.bsky.social",
    "＠fullwidth",
    "@u@ü.example",
    "@1234",
    "email@example.com",
    "@user@sub.domain.example/path",
]
HASHTAGS = [
    "#Tag",
    "#MiddleEast",
    "#日本語",
    "#हिन्दी",
    "#عربي",
    "#עברית",
    "#한국어",
    "#Ελλάδα",
    "#Москва",
    "#123",
    "#1a",
    "#tag_with_under",
    "＃fullwidth",
    "#tag.",
    "#tag!",
    "#tag…",
    "#tag)",
    "#😀",
    "#a😀b",
    "#",
    "##double",
    "#İstanbul",
    "#ſtraße",
    "#café",
    "#e\u0301",
    "#" + "long" * 17,
    "#" + "ü" * 70,
    "#" + "क्ष" * 40,
    "#a\u200bb",
    "#\ufe0f",
    "#tag#tag",
    "$AAPL",
    "$aapl",
    "$TOOLONG",
    "#2026",
    "#日本語。",
]
SEPARATORS = [
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r\n\r\n",
    "\t",
    "",
    "\u00a0",
    "\u3000",
    "\u200b",
    "(",
    ")",
    ", ",
    ". ",
    " — ",
    ": ",
]
TITLES = [
    "Kaim crossing reopens after talks",
    "Storm closes schools across the north",
    "東京で新しい駅が開業",
    "दिल्ली में बारिश से यातायात प्रभावित",
    "افتتاح معبر كايم بعد المحادثات",
    "שיחות השלום התחדשו",
    "Les négociations reprennent à Genève",
    "Новый мост открыт для движения",
    "서울 지하철 연장 개통",
    "ক্ষমতার লড়াই শুরু",
    "Zürich: Straßenbahn fährt wieder",
    "Why the 'quiet' budget matters (analysis)",
]
CTAS = ["Read More:", "Read more →", "More:", "Weiterlesen:", "続きを読む:", "और पढ़ें:", "اقرأ المزيد:", ""]


def _emoji_pool() -> list[str]:
    """Emoji of every status: fully-, minimally- and unqualified, components; all versions."""
    return sorted(emoji.EMOJI_DATA)


def _url(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return rng.choice(TCO)
    host = rng.choice(HOSTS)
    tld = rng.choice(TLDS)
    port = rng.choice(["", "", "", ":8080", ":443", ":99999"])
    return rng.choice(SCHEMES) + f"{host}.{tld}" + port + rng.choice(PATHS) + rng.choice(QUERIES)


def _token(rng: random.Random, emojis: list[str]) -> str:
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(WORDS)
    if kind < 0.55:
        return rng.choice(emojis)
    if kind < 0.72:
        return _url(rng)
    if kind < 0.84:
        return rng.choice(HASHTAGS)
    if kind < 0.92:
        return rng.choice(MENTIONS)
    return str(rng.randint(0, 10_000))


def _mix(rng: random.Random, emojis: list[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 12)):
        parts.extend((_token(rng, emojis), rng.choice(SEPARATORS)))
    return "".join(parts[:-1])


def _teaser(rng: random.Random, emojis: list[str]) -> str:
    title = rng.choice(TITLES)
    lines = [title + (" " + rng.choice(emojis) if rng.random() < 0.6 else "")]
    if rng.random() < 0.5:
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30))))
    lines.append(f"{rng.choice(CTAS)} {_url(rng)}".strip())
    if rng.random() < 0.6:
        lines.append(" ".join(rng.sample(HASHTAGS, rng.randint(1, 4))))
    return rng.choice(["\n\n", "\n", "\r\n", " "]).join(lines)


def generated(n: int = SIZE) -> list[str]:
    """``n`` strings from the seeded generator (the same strings on every run)."""
    rng = random.Random(SEED)
    emojis = _emoji_pool()
    return [(_teaser if rng.random() < 0.3 else _mix)(rng, emojis) for _ in range(n)]


def edge_cases() -> list[str]:
    """Strings at known boundaries between counters (issue 11's table and more)."""
    return [
        "👁️‍🗨️",
        "🏃‍♀",
        "🏃‍♀️",
        "👫🏻",
        "♾️",
        "♾",
        "©",
        "© Reuters",
        "®",
        "™️",
        "🧑‍💻",
        "👩‍👩‍👧‍👦",
        "🏳️‍🌈",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "🇺🇳",
        "🇦",
        "1️⃣",
        "#️⃣",
        "*⃣",
        "🫠",
        "🐦‍🔥",
        "🏃🏽‍➡️",
        "🫱🏻‍🫲🏿",
        "❤️‍🔥",
        "☺",
        "☺️",
        "abc دexample.co",
        "abc د example.co",
        "שלוםexample.com",
        "ſexample.com",
        "İexample.com",
        "x ſ https://a.com",
        "https://example.com#İstanbul",
        "https://example.com/#İstanbul",
        "example.com/#İstanbul",
        "https://t.co/abc123?x=1",
        "https://t.co/abc123",
        "t.co/abc123?x=1",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://example.com/a_(b)_c",
        "https://example.com/((a))",
        "https://example.com/(a(b)c)d",
        "https://example.com\u200b/x",
        "https://münchen.de/ü",
        "https://xn--mnchen-3ya.de/",
        "https://EXAMPLE.com/A",
        "https://example.com:443/",
        "http://example.com:80/a",
        "https://user:pw@example.com/",
        "https://1.2.3.4/x",
        "https://[::1]/x",
        "https://0x7f.1/",
        "https://example.com/a/../b",
        "https://example.com/%7e",
        "क्ष",
        "क्षक्षक्ष",
        "श्री",
        "ক্ষ",
        "e\u0301",
        "\r\n",
        "a\r\nb",
        "\r\n\r\n",
        "\n",
        "a\rb",
        "@user@mastodon.social hi",
        "@user hi",
        "hi @alice@example.com.",
        "#tag https://example.com",
        "https://example.com/" + "a" * 4100,
        "x" * 500,
        "é" * 280,
        "日" * 140,
        "🙂" * 140,
        "www.example.com",
        "example.com",
        "news.example",
        "bbc.co.uk/news",
        "http://localhost/x",
        "https://example.com/path?q=1#frag",
        "Read More: https://news.example.com/world/kaim-crossing?utm_source=x",
        "#" + "a" * 64,
        "#" + "a" * 65,
        "#" + "é" * 65,
        "#tag1 #tag2 #tag1",
        "＃全角",
        "http://。bit.ly",
        "x。bit.ly",
        "例え。jp/x",
        "https://a．b.com",
        "bücher｡example.com",
    ]


def emoji_sequences() -> list[str]:
    """Every emoji sequence the ``emoji`` package knows, in a fixed order."""
    return _emoji_pool()


def corpus(n: int = SIZE) -> list[str]:
    """Edge cases, then ``n`` generated strings (no emoji sequences)."""
    return [*edge_cases(), *generated(n)]


if __name__ == "__main__":
    for text in [*corpus(), *emoji_sequences()]:
        sys.stdout.write(json.dumps(text, ensure_ascii=False) + "\n")
