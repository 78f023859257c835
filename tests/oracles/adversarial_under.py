"""Write adversarial_under.json: where postkit counts under the platforms on the adversarial set, and why.

``tests/platforms/test_adversarial.py`` asserts never under on every (text, platform) pair
and that this list is empty; when a change makes postkit count under, this script says where
and, by the rules below, why. Run from the repository root, with node_modules in place
(``npm ci --prefix tests/oracles``)::

    python tests/oracles/adversarial_under.py

The causes are found by rules written for the causes known when the set was made (see
``CAUSES``); a pair no rule explains is listed as ``UNEXPLAINED``, to be looked into.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for oracles.*

from oracles import adversarial, client  # noqa: E402
from postkit import measure  # noqa: E402
from postkit.platforms import bluesky  # noqa: E402
from postkit.platforms.counting import measurements  # noqa: E402
from postkit.platforms.registry import get_platform  # noqa: E402

OUT = HERE / "adversarial_under.json"
MASTODON_FIXTURE = HERE / "mastodon" / "adversarial.json"

CAUSES = {
    "mastodon-mention-word": "Mastodon's Account::MENTION_RE has (?<![=/[:word:]]) before @, and Ruby's [[:word:]] "
    "(Onigmo: Alphabetic, marks, decimal digits, connector punctuation, joiners) takes letter numbers (Ⅰ ⅷ 〇 ᛮ) and "
    "other alphabetics (Ⓐ 🅐 🄰) that \\p{L}\\p{M}\\p{Nd}\\p{Pc} leaves out: after one, @user@domain is no mention "
    "and counts whole, where postkit counts it as @user.",
    "mastodon-unicode-15": "Ruby 3.4 has Unicode 15.0: a letter of a newer script (Garay, Unicode 16.0) is no "
    "[[:word:]] there, so the mention's domain ends before it and the rest counts whole; postkit's regex (newer "
    "Unicode) takes the letter into the domain.",
    "mastodon-url-parens": "Mastodon's config/initializers/twitter_regex.rb builds valid_url_path_ending_chars from "
    "REGEXEN[:valid_url_balanced_parens] before it redefines that pattern, so the gem's own one is used there: it "
    "takes only ASCII, Latin accents and Cyrillic inside (...). A path that ends in (東京) therefore ends the URL "
    "before the parenthesis (https://ja.wikipedia.org/wiki/東京_ counts 23, the (曖昧さ回避) after it in full); "
    "postkit counts the whole URL as 23.",
    "mastodon-mention-domain-253": "Mastodon's Extractor skips a mention whose domain is over MAX_DOMAIN_LENGTH (253 "
    "characters): @user@<long domain> counts whole, where postkit counts @user.",
    "virama-without-consonant": "A virama (or Khmer coeng, Myanmar virama) with no consonant before it: the regex "
    "module's \\X joins it to the next consonant (a्क, ্ক, कः्क are one cluster), but ICU (Intl.Segmenter: the "
    "Bluesky app and server count with it) joins only consonant + linker + consonant (GB9c), and Ruby 3.4 (Unicode "
    "15.0, no GB9c: Mastodon) does not join at all: two clusters. postkit must count as ICU (and, for Mastodon, as "
    "Unicode 15.0).",
    "bluesky-url-rejected": "detectFacets makes a link of it, but the app's toShortUrl parses it with new URL() "
    "(WHATWG, node's ICU UTS #46), which rejects the host (…, ⒈, ․, bidi controls, unassigned or newest emoji such "
    "as 🫆, bad punycode such as xn--a, a leading combining mark), so the app shows, counts and sends the link whole; "
    "postkit shortens it to host + path.",
}

_POSTKIT_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}\p{Pc}]")
_RUBY_WORD_EXTRA = regex.compile(r"[\p{Alphabetic}\p{Join_Control}]")
_GARAY = range(0x10D40, 0x10D90)

Cause = tuple[str, str] | None


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '?')}"


def _is_linker(char: str) -> bool:
    return unicodedata.combining(char) == 9 or char == "\u17d2"  # viramas; KHMER SIGN COENG


def _virama(text: str, oracle: client.Oracle) -> Cause:
    """The first ``regex`` cluster holding a virama that ICU splits."""
    clusters = [m.group() for m in regex.finditer(r"\X", text) if any(map(_is_linker, m.group()))]
    if not clusters:
        return None
    for cluster, answer in zip(clusters, oracle.count(clusters), strict=True):
        if answer["graphemes"] > 1:
            return (
                "virama-without-consonant",
                f"regex's \\X keeps {cluster!r} one cluster, ICU makes {answer['graphemes']}",
            )
    return ("virama-without-consonant", "regex's \\X and ICU split a virama sequence differently")


def _mention(text: str, oracle: client.Oracle) -> Cause:
    del oracle
    for match in regex.finditer(r"(.)@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*@", text, regex.IGNORECASE):
        char = match.group(1)
        if not _POSTKIT_WORD.match(char) and _RUBY_WORD_EXTRA.match(char):
            return ("mastodon-mention-word", f"Ruby's [[:word:]] takes {_name(char)} before @")
    match = regex.search(r"@[a-z0-9_]+@([\p{L}\p{M}\p{Nd}\p{Pc}.-]+)", text, regex.IGNORECASE)
    if match is not None:
        domain = match.group(1)
        if len(domain) > 253:
            return ("mastodon-mention-domain-253", f"a mention's domain of {len(domain)} characters")
        for char in domain:
            if ord(char) in _GARAY:
                return ("mastodon-unicode-15", f"U+{ord(char):04X} (Garay, Unicode 16.0) in a mention's domain")
    return None


def _parens(text: str, oracle: client.Oracle) -> Cause:
    del oracle
    for match in regex.finditer(r"https?://\S*?\(([^()\s]*)\)", text):
        inner = match.group(1)
        if any(ord(c) > 0x24F and not 0x400 <= ord(c) <= 0x4FF for c in inner):
            return ("mastodon-url-parens", f"a URL path with ({inner})")
    if regex.search(r"https?://\S*\(\(", text):
        return ("mastodon-url-parens", "a URL path with nested parentheses")
    return None


def _url(text: str, oracle: client.Oracle) -> Cause:
    links = bluesky.detect_links(text)
    if not links:
        return None
    rejected = [
        text[link.start : link.end]
        for link, shown in zip(links, oracle.short_urls([link.url for link in links]), strict=True)
        if shown == link.url == text[link.start : link.end] and link.display != link.url
    ]
    if not rejected:
        return None
    return ("bluesky-url-rejected", "the app's URL parser rejects " + ", ".join(repr(r[:40]) for r in rejected[:2]))


FINDERS: dict[str, list[Callable[[str, client.Oracle], Cause]]] = {
    "x": [],
    "bluesky": [_url, _virama],
    "bluesky-bytes": [_url],
    "graphemes": [_virama],
    "mastodon": [_mention, _parens, _virama],
}


def counts(platform: str, text: str, answer: dict[str, Any], mastodon: int) -> tuple[int, int]:
    """(postkit's count, the platform's count), as tests/platforms/test_adversarial.py compares them."""
    if platform == "x":
        return measure(text, "x"), answer["x"]
    if platform == "bluesky":
        return measure(text, "bluesky"), answer["bsky"]
    if platform == "bluesky-bytes":
        return measurements(text, "bluesky")[1].value, len(answer["sent"]["text"].encode("utf-8", "surrogatepass"))
    if platform == "graphemes":
        return measure(text, attrs.evolve(get_platform("bluesky"), counter="graphemes")), answer["graphemes"]
    return measure(text, "mastodon"), mastodon


def main() -> None:
    rows = adversarial.load()
    texts = [text for _, text in rows]
    fixture = json.loads(MASTODON_FIXTURE.read_text(encoding="utf-8"))
    if [text for text, _ in fixture["counts"]] != texts:
        raise SystemExit("mastodon/adversarial.json is not for this set: remake it (see mastodon/README.md)")
    oracle = client.Oracle()
    try:
        about = oracle.about()
        answers = oracle.count(texts)
        under: dict[str, list[dict[str, Any]]] = {}
        for platform, finders in FINDERS.items():
            items = []
            for (category, text), answer, (_, mastodon) in zip(rows, answers, fixture["counts"], strict=True):
                ours, theirs = counts(platform, text, answer, mastodon)
                if ours >= theirs:
                    continue
                found = [cause for cause in (find(text, oracle) for find in finders) if cause is not None]
                found = found or [("UNEXPLAINED", "")]
                items.append(
                    {
                        "category": category,
                        "text": text,
                        "postkit": ours,
                        "platform": theirs,
                        "causes": [key for key, _ in found],
                        "detail": "; ".join(detail for _, detail in found),
                    }
                )
            under[platform] = items
    finally:
        oracle.close()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    document = {
        "about": "Where postkit counted under the platform on the adversarial set (adversarial.jsonl) when this "
        "file was written by adversarial_under.py, with the causes known (the 370 pairs of 2026-12-05 were fixed "
        "in issue 23: see docs/counting.md). tests/platforms/test_adversarial.py asserts it lists none.",
        "measured": f"postkit @ {head.stdout.strip()}; "
        + ", ".join(f"{key} {value}" for key, value in about.items())
        + f"; Mastodon: mastodon/adversarial.json ({fixture['ruby']})",
        "causes": CAUSES,
        "under": under,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for platform, items in under.items():
        unexplained = sum("UNEXPLAINED" in item["causes"] for item in items)
        sys.stdout.write(f"{platform}: {len(items)} under, {unexplained} unexplained\n")


if __name__ == "__main__":
    main()
