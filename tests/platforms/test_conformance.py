"""Per-family conformance data (tests/platforms/conformance/<family>.yml) through the public calls.

Each file is made by tests/oracles/conformance.py from the platforms' own code (npm twitter-text,
@atproto/api and social-app's toShortUrl, Mastodon's server counts, JavaScript's string
length and node's grapheme segmenter) or, where nothing runs here, from facts restated
from the platform's documentation (each file's ``sources``). postkit is asked only through
what a user calls: ``measure``, ``measurements``, ``find_links``, ``shown_url``,
``build_payload``, ``reply_to``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from oracles import client, conformance
from postkit import measure
from postkit.platforms.counting import measurements
from postkit.platforms.families import FAMILIES
from postkit.platforms.links import find_links, shown_url
from postkit.platforms.payloads import PostParts, build_payload
from postkit.platforms.registry import Platform, get_platform, make_platform
from postkit.posts.thread import reply_to

HERE = Path(__file__).parent / "conformance"


@functools.cache
def data(family: str) -> dict[str, Any]:
    return dict(yaml.safe_load((HERE / f"{family}.yml").read_text(encoding="utf-8")))


def platforms(family: str) -> list[Platform]:
    """The platforms a family's cases run on: its built-in one, or one per counter (``text``)."""
    name = data(family)["platform"]
    if name is not None:
        return [get_platform(name)]
    return [make_platform(f"custom-{c}", {"limit": 10, "counter": c}) for c in ("utf16", "graphemes", "codepoints")]


def cases(section: str) -> list[Any]:
    return [
        pytest.param(family, case, id=f"{family}-{i}")
        for family in FAMILIES
        for i, case in enumerate(data(family).get(section, []))
    ]


def test_one_file_per_family() -> None:
    """Every family has its data file, and no file names a family postkit does not have."""
    assert sorted(FAMILIES) == sorted(path.stem for path in HERE.glob("*.yml"))
    assert all(data(name)["family"] == name for name in FAMILIES)


@pytest.mark.parametrize(("family", "case"), cases("count"))
def test_count(family: str, case: dict[str, Any]) -> None:
    """The text counts what the platform's own code counts (more only where a case says why)."""
    for platform in platforms(family):
        expected = case["counts"][platform.counting.name] if "counts" in case else case["count"]
        counted = measure(case["text"], platform)
        assert (expected <= counted) if "higher" in case else (expected == counted)


@pytest.mark.parametrize(("family", "case"), cases("links"))
def test_links(family: str, case: dict[str, Any]) -> None:
    """The links the app makes: what of the text, where each opens, how the app shows it."""
    text = case["text"]
    for platform in platforms(family):
        found = [{"url": text[x.start : x.end], "href": x.href, "shown": x.display} for x in find_links(text, platform)]
        assert case["links"] == found


@pytest.mark.parametrize(("family", "case"), cases("cases"))
def test_bluesky_cases(family: str, case: dict[str, Any]) -> None:
    """Bluesky: the count and bytes of the text as sent, its links, and the record's text and facets."""
    (platform,) = platforms(family)
    text = case["text"]
    links = [{"url": text[x.start : x.end], "href": x.href, "shown": x.display} for x in find_links(text, platform)]
    record = build_payload(PostParts(text, None, (), "en"), platform)
    facets: dict[str, list[list[Any]]] = {"links": [], "tags": []}
    for facet in record.get("facets", []):
        feature = facet["features"][0]
        kind, value = ("links", feature["uri"]) if feature["$type"].endswith("#link") else ("tags", feature["tag"])
        facets[kind].append([facet["index"]["byteStart"], facet["index"]["byteEnd"], value])

    assert [case["count"], case["bytes"]] == [m.value for m in measurements(text, platform)]
    assert case.get("links", []) == links
    assert case.get("sent", text) == record["text"]
    assert case.get("facets", {"links": [], "tags": []}) == facets


@pytest.mark.parametrize(("family", "case"), cases("shown"))
def test_shown(family: str, case: dict[str, Any]) -> None:
    """One URL as the app shows it."""
    (platform,) = platforms(family)
    assert case["shown"] == shown_url(case["url"], platform).display


@pytest.mark.parametrize(("family", "case"), cases("payload"))
def test_payload(family: str, case: dict[str, Any]) -> None:
    """The API payload of a post with these parts."""
    parts = case["parts"]
    for platform in platforms(family):
        built = build_payload(PostParts(**{**parts, "hashtags": tuple(parts["hashtags"])}), platform)
        assert case["payload"] == built


@pytest.mark.parametrize(("family", "case"), cases("replies"))
def test_replies(family: str, case: dict[str, Any]) -> None:
    """The fields that make a payload a reply in a thread."""
    (platform,) = platforms(family)
    replied = reply_to({"text": "s"}, platform, case["parent"], case.get("root"))
    assert {"text": "s", **case["fields"]} == replied


def test_files_are_what_the_oracles_say() -> None:
    """The committed data is what tests/oracles/conformance.py makes from the platforms' code today."""
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    oracle = client.Oracle()
    try:
        made = conformance.build(oracle)
    finally:
        oracle.close()
    stale = [name for name, file in made.items() if conformance.dump(file) != (HERE / f"{name}.yml").read_text("utf-8")]
    assert [] == stale, "run python tests/oracles/conformance.py"
