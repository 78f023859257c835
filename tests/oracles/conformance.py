"""Makes the per-family conformance data, tests/platforms/conformance/<family>.yml.

twitter-text's advice, taken: test a counter through data, not through its private patterns.
Each file holds cases (text -> count, the links the app makes and how it shows them, facets,
payloads, reply fields) that tests/platforms/test_conformance.py runs through postkit's public
calls (``measure``, ``measurements``, ``find_links``, ``shown_url``, ``build_payload``,
``reply_to``). The inputs are below; every expected value comes from the platforms' own code
where there is some to run, and is a fact restated from the platform's source or
documentation where there is none (each file's ``sources`` says which is which):

* X: npm twitter-text 3.1.0 (``parseTweet().weightedLength``, ``extractUrlsWithIndices``);
* Bluesky: @atproto/api ``RichText``/``detectFacets`` and social-app's ``toShortUrl`` (oracle.mjs);
* Mastodon: the server's ``StatusLengthValidator`` counts in tests/oracles/mastodon/status_length.json;
* UTF-16 and the generic counters: JavaScript's string length and node's ``Intl.Segmenter``.

Run from the repository root (needs node and ``npm ci --prefix tests/oracles``)::

    python tests/oracles/conformance.py           # rewrite the files
    python tests/oracles/conformance.py --check   # exit 1 if a file is not what it would write
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex
import yaml

if __package__ in (None, ""):  # run as a script: make ``oracles`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oracles import client
from oracles.corpus import edge_cases

OUT = Path(__file__).resolve().parent.parent / "platforms" / "conformance"
MASTODON_FIXTURE = Path(__file__).resolve().parent / "mastodon" / "status_length.json"

FAMILY = "👩\u200d👩\u200d👧\u200d👦"
TECHNOLOGIST = "🧑\u200d💻"  # Emoji 12.1: newer than twitter-text's emoji data

#: Texts every family counts: scripts, emoji of every shape, URLs with and without scheme, newlines.
COMMON_TEXTS = [
    "Kaim crossing reopens",
    "日本語",
    "한국어",
    "\u1100\u1161\u11a8",
    "नमस्ते",
    "café",
    "cafe\u0301",
    "e\u0301\u0323",
    "😀",
    "a😀b",
    "👍🏽",
    "👍🏽👍🏿",
    FAMILY,
    TECHNOLOGIST,
    "❤️\u200d🔥",
    "🇮🇶",
    "🇮🇶🇸🇾",
    "1️⃣",
    "1️⃣#️⃣",
    "©",
    "é😀" + FAMILY + "a",
    "a" + FAMILY + "🇮🇶",
    "news.example",
    "news.example.com",
    "Read: bbc.co.uk/news",
    "📝🌍🔗 Read More: https://news.example/world/kaim-crossing",
    "Read More: https://news.example.com/world/kaim-crossing?utm_source=x",
    "see example.com/a/long/path/here",
    "cc @editor@news.social.example",
    "a\r\nb",
]
#: Short edge cases of the oracle corpus (tests/oracles/corpus.py), also counted by every family with an oracle.
EDGE_TEXTS = [text for text in edge_cases() if len(text) <= 80]

X_LINK_TEXTS = [
    "read bbc.co.uk now",
    "read news.example now",
    "read news.example.com now",
    "https://news.example/world",
    "go to bit.ly",
    "www.example.com.evil",
    "see example.com/a/b?x=1#top.",
    "example.com?q=1",
    "https://t.co/abc123/more",
    "https://t.co/" + "a" * 41,
    "a@example.com $example.com #example.com",
    "-example.com _example.com /example.com .example.com",
    "/https://example.com",
    "日本.jp and https://日本.jp",
    "a.com日本.example.com",
    "(see https://en.wikipedia.org/wiki/Kaim_(town))",
    "Read More: https://news.example.com/world/kaim-crossing?utm_source=x&utm_medium=social",
    "https://dev.twitter.com/blog/twitter-certified-products",
    "see https://example.com/a and example.org",
    "a.рф.com/path",
]

BLUESKY_TEXTS = [
    "See example.com/a and https://bsky.app/x.",
    "(https://x.com) and HTTPS://y.com",
    "news.example and Example.COM",
    "a.com\nb.org",
    "x(example.com)",
    "x-example.com",
    "https://news.example.com/world/kaim-crossing?utm_source=bluesky",
    "Read: https://example.com/",
    "see news.example/a",
    "Café 🌍: https://news.example.com/world/kaim-crossing?utm_source=bluesky !",
    "#Kaim reopens, #Iraq! $aapl up",
    "#MiddleEast Kaim https://news.example/a #日本語 #" + "a" * 70,
    "＃全角 and #tag1 #tag2 #tag1",
]
BLUESKY_URLS = [
    "https://example.com/",
    "https://example.com",
    "https://Example.COM/a",
    "https://example.com/fifteen-chars!",
    "https://example.com/sixteen-chars!!",
    "https://news.example.com/world/kaim-crossing?utm_source=bluesky",
    "https://example.com?a=1",
    "https://example.com/#",
    "https://example.com:443/a",
    "http://example.com:8080/a",
    "https://user:pass@example.com/a",
    "https://例え.jp/",
    "https://example.com/café",
    "https://example.com/a/./b/../c",
    "http://0x7f.1/",
    "https://[0:0::1]/",
    "example.com/a/long/path/here",
    "ftp://example.com/file",
    "https://example.com:99999/",
    "https:///",
]

# Mastodon's URL rules (config/initializers/twitter_regex.rb: a scheme is required, its own
# path and query characters, t.co ends after the slug) as hand-checked cases: no Ruby runs here.
MASTODON_LINKS = {
    "see example.com": [],
    "see https://example.com/a.": ["https://example.com/a"],
    "Bericht https://example.de/wärme/日本?x=ä done": ["https://example.de/wärme/日本?x=ä"],
    "gemini://example.org/a": ["gemini://example.org/a"],
    "https://news.example/x": [],
    "(https://example.com/a)": ["https://example.com/a"],
    "https://www.example.com/world/2025/kaim-crossing-reopens": [
        "https://www.example.com/world/2025/kaim-crossing-reopens"
    ],
    "https://example.com/abcdefghijklmnopqrstuvwxyz1234": ["https://example.com/abcdefghijklmnopqrstuvwxyz1234"],
}

# Links on platforms without a grammar of their own: every http(s):// and www. URL, trailing
# sentence punctuation left out (postkit's rule: these apps publish none).
PLAIN_LINKS = {
    "Read More: https://news.example/a. Or www.example.org!": ["https://news.example/a", "www.example.org"],
    "no link in example.com": [],
    "(see https://news.example/a)": ["https://news.example/a"],
    "HTTPS://EXAMPLE.COM/A and http://x.example/?q=1#f,": ["HTTPS://EXAMPLE.COM/A", "http://x.example/?q=1#f"],
}

# Threads: Meta's rule restated (no oracle runs here): code points, each emoji sequence its UTF-8 bytes.
THREADS_COUNTS = {
    "Kaim": 4,
    "日本語": 3,
    "😀": 4,
    "a😀b": 6,
    "👍🏽": 8,
    FAMILY: 25,
    "🇮🇶": 8,
    "1️⃣": 7,
    "©": 2,
}

PARTS = {"text": "Kaim crossing reopens", "link": None, "hashtags": [], "language": "en"}
#: Hand-written payloads, each from the API's documentation (the ``sources`` of each file).
PAYLOADS: dict[str, list[dict[str, Any]]] = {
    "x": [{"parts": PARTS, "payload": {"text": "Kaim crossing reopens"}}],
    "mastodon": [
        {
            "parts": {**PARTS, "language": "pt-BR"},
            "payload": {"status": "Kaim crossing reopens", "visibility": "public", "language": "pt"},
        }
    ],
    "threads": [{"parts": PARTS, "payload": {"media_type": "TEXT", "text": "Kaim crossing reopens"}}],
    "linkedin": [
        {
            "parts": {
                **PARTS,
                "text": "Q&A (live): Kaim_crossing https://a.example/x_(y) #Iraq #not_a_tag",
                "link": "https://a.example/x_(y)",
                "hashtags": ["#Iraq"],
            },
            "payload": {
                "commentary": "Q&A \\(live\\): Kaim\\_crossing https://a.example/x_(y) #Iraq \\#not\\_a\\_tag",
                "visibility": "PUBLIC",
                "lifecycleState": "PUBLISHED",
                "distribution": {"feedDistribution": "MAIN_FEED"},
            },
        }
    ],
    "facebook": [
        {
            "parts": {**PARTS, "link": "https://news.example/a"},
            "payload": {"message": "Kaim crossing reopens", "link": "https://news.example/a"},
        },
        {"parts": PARTS, "payload": {"message": "Kaim crossing reopens"}},
    ],
    "instagram": [
        {
            "parts": {
                **PARTS,
                "link": "https://news.example/a",
                "image": "https://news.example/i.jpg",
                "image_alt": "Trucks at the crossing",
            },
            "payload": {
                "caption": "Kaim crossing reopens",
                "image_url": "https://news.example/i.jpg",
                "alt_text": "Trucks at the crossing",
                "link": "https://news.example/a",
            },
        }
    ],
    "telegram": [
        {
            "parts": {**PARTS, "image": "https://news.example/i.jpg"},
            "payload": {"photo": "https://news.example/i.jpg", "caption": "Kaim crossing reopens"},
        },
        {
            "parts": {**PARTS, "text": "ü" * 1025, "image": "https://news.example/i.jpg"},
            "payload": {
                "text": "ü" * 1025,
                "link_preview_options": {
                    "url": "https://news.example/i.jpg",
                    "prefer_large_media": True,
                    "show_above_text": True,
                },
            },
        },
        {"parts": PARTS, "payload": {"text": "Kaim crossing reopens"}},
    ],
    "text": [{"parts": PARTS, "payload": {"text": "Kaim crossing reopens"}}],
}
STRONG_REF = {"uri": "at://did:plc:a/app.bsky.feed.post/2", "cid": "bafyparent"}
ROOT_REF = {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafyroot"}
#: Reply fields, from each API's reference (``sources``); a family without replies has none.
REPLIES: dict[str, list[dict[str, Any]]] = {
    "x": [{"parent": "1", "fields": {"in_reply_to_tweet_id": "1"}}],
    "bluesky": [
        {"parent": STRONG_REF, "root": ROOT_REF, "fields": {"reply": {"root": ROOT_REF, "parent": STRONG_REF}}},
        {"parent": STRONG_REF, "fields": {"reply": {"root": STRONG_REF, "parent": STRONG_REF}}},
    ],
    "mastodon": [{"parent": 9, "fields": {"in_reply_to_id": "9"}}],
    "threads": [{"parent": "7", "fields": {"reply_to_id": "7"}}],
}

X_SHOWN = "X's display_url: scheme removed, the first 30 characters, then '…' (the API's URL entities)"
MASTODON_SHOWN = (
    "Mastodon TextFormatter.shortened_link: https://, http:// and www. (or xmpp:) hidden, 30 characters shown, "
    "'…' when more is left (one more character is shown instead)"
)
PLAIN = "every http(s):// and www. URL, trailing sentence punctuation left out; shown as written (no rule published)"


def _href(url: str) -> str | None:
    """Where a written link opens: http(s) as written, a bare domain with https://, other schemes nowhere."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", url):
        return url if url.lower().startswith(("http://", "https://")) else None
    return "https://" + url


def _shortened(url: str, strip: str, *, one_more: bool) -> str:
    rest = re.sub(strip, "", url)
    if len(rest) <= 30 or (one_more and len(rest) == 31):
        return rest
    return rest[:30] + "…"


def _x_shown(url: str) -> str:
    return _shortened(url, r"^https?://", one_more=False)


def _mastodon_shown(url: str) -> str:
    return _shortened(url, r"^(?:https?://(?:www\.)?|xmpp:)", one_more=True)


def _links(found: Sequence[str], shown: Callable[[str], str | None]) -> list[dict[str, Any]]:
    return [{"url": url, "href": _href(url), "shown": shown(url)} for url in found]


def _plain_links() -> list[dict[str, Any]]:
    return [{"text": text, "links": _links(urls, lambda _url: None)} for text, urls in PLAIN_LINKS.items()]


def _x(oracle: client.Oracle) -> dict[str, Any]:
    texts = list(dict.fromkeys([*COMMON_TEXTS, *EDGE_TEXTS, *X_LINK_TEXTS]))
    counts = oracle.count(texts)
    found = oracle.x_urls(X_LINK_TEXTS)
    return {
        "family": "x",
        "platform": "x",
        "sources": {
            "count": "npm twitter-text 3.1.0 parseTweet(text).weightedLength (tests/oracles/oracle.mjs)",
            "links": "npm twitter-text 3.1.0 extractUrlsWithIndices (the text at its indices); href: a bare domain opens with https://",
            "shown": X_SHOWN,
            "payload": "X API v2 POST /2/tweets: text",
            "replies": "tweepy Client.create_tweet(in_reply_to_tweet_id=...), sent as X API v2 POST /2/tweets' reply.in_reply_to_tweet_id",
        },
        "count": [{"text": text, "count": answer["x"]} for text, answer in zip(texts, counts, strict=True)],
        "links": [
            {"text": text, "links": _links([text[start:end] for start, end, _ in urls], _x_shown)}
            for text, urls in zip(X_LINK_TEXTS, found, strict=True)
        ],
        "payload": PAYLOADS["x"],
        "replies": REPLIES["x"],
    }


def _utf8_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-8")[start:end].decode("utf-8")


def _bluesky(oracle: client.Oracle) -> dict[str, Any]:
    texts = list(dict.fromkeys([*COMMON_TEXTS, *EDGE_TEXTS, *BLUESKY_TEXTS]))
    cases = []
    for text, answer in zip(texts, oracle.count(texts), strict=True):
        sent = answer["sent"]
        case: dict[str, Any] = {"text": text, "count": answer["bsky"], "bytes": len(sent["text"].encode("utf-8"))}
        if sent["text"] != text:
            case["sent"] = sent["text"]
        if answer["links"]:
            case["links"] = [
                {"url": _utf8_slice(text, start, end), "href": uri, "shown": _utf8_slice(sent["text"], s, e)}
                for (start, end, uri), (s, e, _) in zip(answer["links"], sent["links"], strict=True)
            ]
        if sent["links"] or sent["tags"]:
            case["facets"] = {"links": sent["links"], "tags": sent["tags"]}
        cases.append(case)
    return {
        "family": "bluesky",
        "platform": "bluesky",
        "sources": {
            "count": "the app's count of the text it sends (oracle.mjs bsky: detectFacets, toShortUrl, graphemes)",
            "bytes": "UTF-8 bytes of that text (the record's 3,000-byte limit)",
            "links": "@atproto/api detectFacets link facets; shown: social-app toShortUrl, as the app sends it",
            "facets": "link and tag facets of the text as sent, UTF-8 byte offsets (oracle.mjs sent)",
            "omitted": "sent: the text itself; links, facets: none",
            "shown": "social-app toShortUrl on node's WHATWG URL parser",
            "replies": "app.bsky.feed.post#replyRef: root and parent strong refs",
        },
        "cases": cases,
        "shown": [
            {"url": url, "shown": shown}
            for url, shown in zip(BLUESKY_URLS, oracle.short_urls(BLUESKY_URLS), strict=True)
        ],
        "replies": REPLIES["bluesky"],
    }


def _mastodon() -> dict[str, Any]:
    counted = dict(json.loads(MASTODON_FIXTURE.read_text(encoding="utf-8"))["counts"])
    texts = [text for text in dict.fromkeys([*COMMON_TEXTS, *EDGE_TEXTS]) if text in counted]
    cases: list[dict[str, Any]] = []
    for text in texts:
        case: dict[str, Any] = {"text": text, "count": counted[text]}
        if not text.strip():
            case["higher"] = "blank text: the validator counts 0 (str.blank?), postkit its characters"
        cases.append(case)
    return {
        "family": "mastodon",
        "platform": "mastodon",
        "sources": {
            "count": "Mastodon StatusLengthValidator on Ruby 3.4, tests/oracles/mastodon/status_length.json",
            "higher": "where postkit counts more by design (docs/counting.md, 'Where postkit counts higher')",
            "links": "Mastodon config/initializers/twitter_regex.rb (a scheme is required), hand-checked cases",
            "shown": MASTODON_SHOWN,
            "payload": "Mastodon API POST /api/v1/statuses: status, visibility, language (ISO 639-1)",
            "replies": "Mastodon API POST /api/v1/statuses: in_reply_to_id",
        },
        "count": cases,
        "links": [{"text": text, "links": _links(urls, _mastodon_shown)} for text, urls in MASTODON_LINKS.items()],
        "payload": PAYLOADS["mastodon"],
        "replies": REPLIES["mastodon"],
    }


def _threads() -> dict[str, Any]:
    return {
        "family": "threads",
        "platform": "threads",
        "sources": {
            "count": "Meta Threads API, Posts: 500 characters, an emoji counts its UTF-8 bytes (restated by hand)",
            "links": PLAIN,
            "payload": "Threads API POST /{user-id}/threads: media_type TEXT, text",
            "replies": "Threads API: reply_to_id",
        },
        "count": [{"text": text, "count": count} for text, count in THREADS_COUNTS.items()],
        "links": _plain_links(),
        "payload": PAYLOADS["threads"],
        "replies": REPLIES["threads"],
    }


_UTF16_SOURCES = {
    "linkedin": "LinkedIn Posts API (commentary in the little text format, Microsoft Learn little-text-format)",
    "facebook": "Graph API POST /{page-id}/feed: message, link",
    "instagram": "Instagram Content Publishing API: caption, image_url, alt_text (link: for the bio, not an API field)",
    "telegram": "Bot API sendPhoto (photo, caption up to 1,024) and sendMessage (text, link_preview_options)",
}


def _utf16(name: str, units: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    return {
        "family": name,
        "platform": name,
        "sources": {
            "count": "UTF-16 code units: JavaScript's String length (node)",
            "links": PLAIN,
            "payload": _UTF16_SOURCES[name],
        },
        "count": [{"text": text, "count": units[text]["utf16"]} for text in COMMON_TEXTS],
        "links": _plain_links(),
        "payload": PAYLOADS[name],
        "replies": [],
    }


def _text(units: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    return {
        "family": "text",
        "platform": None,
        "sources": {
            "count": "utf16: JavaScript's String length; codepoints: [...text].length; graphemes: Intl.Segmenter (node)",
            "links": PLAIN,
            "payload": "the text alone",
        },
        "count": [
            {"text": text, "counts": {c: units[text][c] for c in ("utf16", "graphemes", "codepoints")}}
            for text in COMMON_TEXTS
        ],
        "links": _plain_links(),
        "payload": PAYLOADS["text"],
        "replies": [],
    }


def build(oracle: client.Oracle) -> dict[str, dict[str, Any]]:
    """Every family's conformance data, by family name."""
    units = dict(zip(COMMON_TEXTS, oracle.units(COMMON_TEXTS), strict=True))
    files = {"x": _x(oracle), "bluesky": _bluesky(oracle), "mastodon": _mastodon(), "threads": _threads()}
    files |= {name: _utf16(name, units) for name in ("linkedin", "facebook", "instagram", "telegram")}
    files["text"] = _text(units)
    return files


HEADER = (
    "# Conformance data for the {family} family: made by tests/oracles/conformance.py (do not edit by hand),\n"
    "# run through postkit's public calls by tests/platforms/test_conformance.py. `sources` says where\n"
    "# each expected value comes from.\n"
)


# What a reader cannot see or tell apart: marks, controls, format characters, odd spaces, variation
# selectors. A string holding one is written double-quoted with every non-ASCII character escaped.
_HIDDEN = regex.compile(
    r"[\p{M}\p{C}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
    r"\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]"  # and conjoining jamo, which look like one syllable
)


class _Dumper(yaml.SafeDumper):
    def write_double_quoted(self, text: str, split: bool = True) -> None:
        saved = self.allow_unicode
        self.allow_unicode = saved and _HIDDEN.search(text) is None
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = saved


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if _HIDDEN.search(value) else None)


_Dumper.add_representer(str, _string)


def dump(data: Mapping[str, Any]) -> str:
    """One file's text: the header, then the data as YAML (text as written, hidden characters escaped)."""
    body = yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    return HEADER.format(family=data["family"]) + body


def main(argv: Sequence[str]) -> int:
    reason = client.missing()
    if reason is not None:
        sys.stderr.write(f"conformance: {reason}\n")
        return 2
    oracle = client.Oracle()
    try:
        files = build(oracle)
    finally:
        oracle.close()
    stale = []
    for name, data in files.items():
        path = OUT / f"{name}.yml"
        text = dump(data)
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        sys.stderr.write(f"conformance: not what the oracles say now: {', '.join(stale)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
