"""Tests for postkit.preview: the page's content, escaping, direction, highlights, counters."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit import Severity, Violation
from postkit.article import Article
from postkit.errors import RecordError, SkippedRecord
from postkit.pipeline import Card, Row, rows
from postkit.platforms.bluesky import shorten_links
from postkit.platforms.counting import Measurement
from postkit.platforms.registry import builtin_platforms, configured_platforms, get_platform, make_platform
from postkit.posts.composer import compose
from postkit.posts.post import Post
from postkit.preview.page import PreviewSummary, is_rtl, render_preview, summarize, write_preview
from postkit.records.reading import iter_records
from postkit.text import INVISIBLE_CHARS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOSTILE = ROOT / "tests" / "hostile"
SEED = Article(
    title="Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing",
    url="https://news.example/world/kaim-crossing",
    social="📝🌍🔗 Read More",
    summary="The Kaim crossing reopens after a decade.",
    tags=("Iraq", "Syria"),
)
ARABIC = Article(
    title="الأردن يبدأ بناء محطة لتحلية مياه البحر في العقبة",
    url="https://news.example/ar/world/aqaba-desalination",
    language="ar",
)
_HIDDEN = regex.compile(f"[{INVISIBLE_CHARS}]")


# --- a small DOM, from the standard library's HTML parser --------------------------------

_VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "base", "col", "embed"}


@attrs.define
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = attrs.field(factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Node]:
        out = [self]
        for child in self.children:
            if isinstance(child, Node):
                out.extend(child.iter())
        return out

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes)]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


class _Builder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert [builder.root] == builder.stack, "unclosed elements"
    return builder.root


# --- helpers --------------------------------------------------------------------------------


def card(article: Article, platform: str, violations: Sequence[Violation] = (), **changes: object) -> Card:
    post = compose(article, platform)
    if changes:
        post = attrs.evolve(post, **changes)
    return Card(post.platform, post, tuple(violations))


def page_of(*cards: Card, article: Article = SEED) -> Node:
    return parse(render_preview([Row(article, cards, source="test")]))


def warning(code: str, start: int, end: int, severity: Severity = Severity.WARNING) -> Violation:
    return Violation(code, severity, f"{code} message", start, end, hint=f"{code} hint")


def marks(doc: Node) -> list[tuple[str, str, str]]:
    """(text, codes, severity class) of every highlight in the post texts."""
    out = []
    for mark in doc.find_all("mark"):
        severity = next(c for c in mark.classes if c.startswith("sev-"))
        out.append((mark.text, mark.attrs["data-codes"], severity))
    return out


def app_shown(url: str, family: str) -> str:
    """A link as X and Mastodon show it (Mastodon's TextFormatter.shortened_link; X's display_url)."""
    rest = re.sub(r"^https?://(www\.)?" if family == "mastodon" else r"^https?://", "", url)
    if len(rest) <= 30 or (family == "mastodon" and len(rest) == 31):
        return rest
    return rest[:30] + "…"


def shown(post: Post) -> str:
    """The text a card should show: links as the app shows them (Bluesky, X, Mastodon)."""
    family = post.platform.family.name
    if family == "bluesky":
        return shorten_links(post.text)[0]
    if family in ("x", "mastodon") and post.link:
        return post.text.replace(post.link, app_shown(post.link, family))
    return post.text


def no_findings(post: Post) -> Sequence[Violation]:
    del post
    return []


def first_word_finding(post: Post) -> Sequence[Violation]:
    """A warning on the first word and an error on the whole post: countable findings."""
    word = post.text.split(" ", 1)[0]
    return [warning("CAP001", 0, len(word)), Violation("LEN002", Severity.ERROR, "whole post")]


# --- tests ----------------------------------------------------------------------------------


class TestRenderPreview:
    """Tests for render_preview."""

    def test_every_post_is_on_the_page(self) -> None:
        """Each platform's card shows that platform's post text, whole."""
        cards = [card(SEED, p.name) for p in builtin_platforms().values()]
        doc = page_of(*cards)

        texts = {c.attrs["data-platform"]: c.find("p", "text").text for c in doc.find_all("article", "card")}

        assert {c.platform.name: shown(c.post) for c in cards if c.post} == texts

    def test_is_a_parseable_html_document(self) -> None:
        """The page parses with every element closed, and declares UTF-8."""
        doc = page_of(card(SEED, "x"))

        assert "utf-8" == doc.find("meta").attrs["charset"]

    def test_is_self_contained(self) -> None:
        """No external font, script, image, stylesheet or frame; the CSP forbids fetching."""
        page = render_preview([Row(SEED, [card(SEED, p.name) for p in builtin_platforms().values()])])
        doc = parse(page)

        assert [] == [n.tag for n in doc.iter() if n.tag in {"script", "img", "link", "iframe", "object", "embed"}]
        assert [] == [n.tag for n in doc.iter() if "src" in n.attrs]
        assert "@import" not in page
        assert "url(" not in page
        csp = next(m for m in doc.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy")
        assert csp.attrs["content"].startswith("default-src 'none'")

    def test_title_is_escaped(self) -> None:
        """The page title given by a caller is text, not markup."""
        doc = parse(render_preview([], title="<script>alert(1)</script>"))

        assert "<script>alert(1)</script>" == doc.find("title").text
        assert [] == doc.find_all("script")

    @pytest.mark.parametrize(
        "title",
        [
            "<script>document.title='pwned'</script> Headline",
            "<img src=x onerror=alert(1)> Headline",
            'Headline "onmouseover="alert(1)" x="',
            "Headline ' onfocus='alert(1)' autofocus '",
            "Headline </p></article><script>alert(1)</script>",
            "Headline {{ 7*7 }} {% raw %}",
        ],
        ids=["script", "img-onerror", "double-quote-attr", "single-quote-attr", "close-tags", "jinja"],
    )
    def test_record_text_cannot_inject_markup(self, title: str) -> None:
        """A hostile title, summary and tag stay text everywhere they appear."""
        article = Article(
            title=title, url='https://news.example/a?q="onmouseover="alert(1)', summary=title, tags=(title,)
        )
        cards = [card(article, p.name) for p in builtin_platforms().values()]
        doc = parse(render_preview([Row(article, cards, source=title)], title=title))

        assert [] == [n.tag for n in doc.iter() if n.tag in {"script", "img", "iframe"}]
        assert [] == [(n.tag, k) for n in doc.iter() for k in n.attrs if k.startswith("on") or k == "autofocus"]
        assert all(n.attrs["href"].startswith(("https://", "#")) for n in doc.find_all("a") if "href" in n.attrs)
        raw = [d.text for d in doc.find_all("div", "raw-title")]
        assert title == doc.find("h2").text or [f"title in the record: {title}"] == raw
        assert title == doc.find("title").text

    def test_template_text_is_escaped(self) -> None:
        """Markup written by a template is shown as the characters it is."""
        post = compose(SEED, "mastodon", template="<b>{{ title }}</b> <i>{{ emoji }} {{ cta }}: {{ link }}</i>")
        doc = page_of(Card(post.platform, post))

        text = doc.find("p", "text")
        assert shown(post) == text.text
        assert [] == [n.tag for n in text.iter() if n.tag in {"b", "i"}]

    def test_violation_text_is_escaped(self) -> None:
        """A finding's message and hint are text, never markup."""
        violation = Violation("HTM001", Severity.WARNING, "<b>tag</b> left", 0, 3, hint="<i>drop</i> it")
        doc = page_of(card(SEED, "x", [violation]))

        item = doc.find("li", "sev-warning")
        assert [] == [n.tag for n in item.iter() if n.tag in {"b", "i"}]
        assert "<b>tag</b> left" in item.text
        assert "<i>drop</i> it" in item.text

    def test_rtl_article_renders_right_to_left(self) -> None:
        """An Arabic article's section and cards say dir="rtl"; its text blocks dir="auto"."""
        rows = [Row(SEED, [card(SEED, "x")]), Row(ARABIC, [card(ARABIC, "x")])]
        doc = parse(render_preview(rows))

        sections = doc.find_all("section", "article")
        assert [("ltr", "en"), ("rtl", "ar")] == [(s.attrs["dir"], s.attrs["lang"]) for s in sections]
        assert ["ltr", "rtl"] == [s.find("article", "card").attrs["dir"] for s in sections]
        assert {"auto"} == {p.attrs["dir"] for p in doc.find_all("p", "text")}
        assert {"auto"} == {h.attrs["dir"] for h in doc.find_all("h2")}

    def test_highlights_the_span_of_a_violation(self) -> None:
        """A violation's span is a <mark> around exactly that text, with its code and message."""
        post = compose(SEED, "x")
        start = post.text.index("Boosting")
        doc = page_of(Card(post.platform, post, (warning("CLK001", start, start + len("Boosting")),)))

        mark = doc.find("mark")
        assert ("Boosting", "CLK001", "sev-warning") == marks(doc)[0]
        assert "CLK001 warning: CLK001 message" == mark.attrs["title"]

    def test_overlapping_spans_split_into_pieces(self) -> None:
        """Overlapping findings mark each piece with every code over it, coloured by the worst."""
        post = compose(SEED, "x")  # "Iraq and Syria Cross..."
        violations = (warning("CAP001", 0, 8), warning("URL001", 5, 14, Severity.ERROR))
        doc = page_of(Card(post.platform, post, violations))

        assert [
            ("Iraq ", "CAP001", "sev-warning"),
            ("and", "CAP001 URL001", "sev-error"),
            (" Syria", "URL001", "sev-error"),
        ] == marks(doc)

    def test_nested_spans(self) -> None:
        """A span inside another keeps the outer one on both sides."""
        post = compose(SEED, "x")
        violations = (warning("HYP001", 0, 14, Severity.INFO), warning("CAP001", 5, 8))
        doc = page_of(Card(post.platform, post, violations))

        assert [
            ("Iraq ", "HYP001", "sev-info"),
            ("and", "HYP001 CAP001", "sev-warning"),
            (" Syria", "HYP001", "sev-info"),
        ] == marks(doc)

    def test_highlight_never_splits_an_emoji(self) -> None:
        """A span on the ZWJ inside 👩‍💻 highlights the whole emoji, which stays one piece."""
        article = Article(title="Coders 👩‍💻 meet", url="https://news.example/a", social="📝 Read More")
        post = compose(article, "x")
        zwj = post.text.index("\u200d")
        doc = page_of(Card(post.platform, post, (warning("UNI002", zwj, zwj + 1),)), article=article)

        assert [("👩\u200d💻", "UNI002", "sev-warning")] == marks(doc)

    def test_bluesky_link_is_shortened_and_highlighted_whole(self) -> None:
        """On Bluesky the link shows as the app shows it, its href full, a finding in it marks it all."""
        post = compose(SEED, "bluesky")
        assert post.link is not None
        start = post.text.index("utm_source")
        doc = page_of(Card(post.platform, post, (warning("URL001", start, start + 3),)))

        link = doc.find("a", "link")
        assert post.link == link.attrs["href"]
        assert "news.example/world/kaim-c..." == link.text  # path cut to 13 characters + "..."
        assert [("news.example/world/kaim-c...", "URL001", "sev-warning")] == marks(doc)

    @pytest.mark.parametrize(
        ("platform", "url", "display"),
        [
            ("x", "https://www.example.com/world/2025/kaim-crossing-reopens", "www.example.com/world/2025/kai…"),
            ("mastodon", "https://www.example.com/world/2025/kaim-crossing-reopens", "example.com/world/2025/kaim-cr…"),
            ("mastodon", "https://example.com/world/2025/kaim-cro", "example.com/world/2025/kaim-cro"),
            ("x", "https://example.com/a", "example.com/a"),
            (
                "linkedin",
                "https://example.com/world/2025/kaim-crossing-reopens",
                "https://example.com/world/2025/kaim-crossing-reopens",
            ),
        ],
        ids=["x-long", "mastodon-long", "mastodon-one-more", "x-short", "linkedin-as-written"],
    )
    def test_links_shown_as_the_app_shows_them(self, platform: str, url: str, display: str) -> None:
        """X and Mastodon show a link without its scheme, cut to 30 characters with "…"; the href stays whole."""
        post = compose(Article(title="Kaim crossing reopens", url=url), platform, template="{{ title }} {{ link }}")
        tracked = post.link
        doc = page_of(Card(post.platform, post))
        [link] = doc.find_all("a", "link")

        assert tracked == link.attrs["href"]
        assert (app_shown(tracked, platform) if platform != "linkedin" else tracked) == link.text
        assert display == app_shown(url, platform) if platform != "linkedin" else display == url

    @pytest.mark.parametrize("platform", ["x", "mastodon", "threads", "linkedin", "facebook", "telegram"])
    def test_link_and_hashtags_are_links(self, platform: str) -> None:
        """The tracked link is an <a> to itself; each hashtag is styled as a link."""
        post = compose(SEED, platform)
        doc = page_of(Card(post.platform, post))

        assert [post.link] == [a.attrs["href"] for a in doc.find_all("a", "link")]
        assert list(post.hashtags) == [a.text for a in doc.find_all("a", "tag")]

    def test_instagram_says_link_in_bio(self) -> None:
        """Instagram's caption has no link; the bio box shows the post's tracked link (not the article URL)."""
        post = compose(attrs.evolve(SEED, url=SEED.url + "?utm_source=cms&id=7"), "instagram")
        doc = page_of(Card(post.platform, post))

        assert [] == doc.find_all("a", "link")
        assert post.link == doc.find("div", "bio").find("a").attrs["href"]
        assert "utm_source=instagram" in (post.link or "")
        assert "utm_source=cms" not in (post.link or "")
        assert "Link in bio" in doc.find("p", "text").text

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (100, ("ok", "35.7%", "180 left")),
            (224, ("near", "80.0%", "56 left")),
            (280, ("near", "100.0%", "0 left")),
            (290, ("over", "100.0%", "10 over")),
        ],
        ids=["green", "amber-at-80%", "amber-at-limit", "red-over"],
    )
    def test_gauge_colour_follows_the_share_of_the_limit(self, value: int, expected: tuple[str, str, str]) -> None:
        """Green below 80 %, amber up to the limit, red over it; the bar and numbers agree."""
        measurement = Measurement(value, 280, "weighted characters")
        doc = page_of(card(SEED, "x", measurements=(measurement,)))

        gauge = doc.find("div", "gauge")
        state = next(c for c in gauge.classes if c != "gauge")
        width = gauge.find("div", "fill").attrs["style"].removeprefix("width: ")
        assert expected == (state, width, gauge.find("span", "left").text)
        assert f"{value} / 280 weighted characters" == gauge.find("span", "count").text

    @pytest.mark.parametrize(
        ("value", "violations", "expected"),
        [
            (100, (), "ready"),
            (100, (Violation("HYP001", Severity.INFO, "m"),), "ready"),
            (100, (Violation("CAP001", Severity.WARNING, "m"),), "review"),
            (100, (Violation("URL001", Severity.ERROR, "m"),), "blocked"),
            (290, (), "blocked"),
        ],
        ids=["clean", "info", "warning", "error", "over-the-limit"],
    )
    def test_card_status(self, value: int, violations: tuple[Violation, ...], expected: str) -> None:
        """Ready, review (warnings) or blocked (errors, or over a limit whatever the checker said)."""
        doc = page_of(card(SEED, "x", violations, measurements=(Measurement(value, 280, "weighted characters"),)))

        assert expected == doc.find("article", "card").attrs["data-status"]
        assert expected == doc.find("section", "article").attrs["data-status"]

    def test_bluesky_shows_both_limits(self) -> None:
        """Bluesky's card has a gauge for graphemes and one for UTF-8 bytes."""
        doc = page_of(card(SEED, "bluesky"))

        units = [g.find("span", "count").text.split(" ", 3)[-1] for g in doc.find_all("div", "gauge")]
        assert ["graphemes", "UTF-8 bytes"] == units

    def test_shows_what_fitting_shortened(self) -> None:
        """Post.truncated is spelled out on the card."""
        doc = page_of(card(SEED, "x", truncated=("hashtags", "summary dropped", "title")))

        assert (
            "✂ Shortened to fit: hashtags dropped, summary dropped, title shortened"
            == doc.find("div", "shortened").text
        )

    def test_lists_every_violation(self) -> None:
        """Each finding shows code, severity and message, worst first; whole-post ones included."""
        violations = (
            warning("CAP001", 0, 4),
            Violation("LEN001", Severity.ERROR, "over the limit"),
            warning("HYP001", 5, 8, Severity.INFO),
        )
        doc = page_of(card(SEED, "x", violations))

        items = doc.find_all("li", None)
        found = [(li.attrs["data-code"], li.attrs["data-severity"]) for li in items if "data-code" in li.attrs]
        assert [("LEN001", "error"), ("CAP001", "warning"), ("HYP001", "info")] == found
        assert "blocked" == doc.find("article", "card").attrs["data-status"]

    def test_invisible_characters_are_shown(self) -> None:
        """A zero-width space or bidi override in a post appears as a visible ⟨U+…⟩ token."""
        post = compose(SEED, "x", template="{{ title }}\u200b\u202e {{ link }}")
        doc = page_of(Card(post.platform, post))

        assert ["U+200B", "U+202E"] == [s.attrs["title"].split()[-1] for s in doc.find_all("span", "hidden-char")]

    @pytest.mark.parametrize(
        ("values", "style", "handle"),
        [
            ({"base": "linkedin"}, "linkedin", "Company page"),
            ({"base": "mastodon"}, "mastodon", "@yournewsroom@mastodon.social"),
            ({"counter": "graphemes"}, "generic", "@yournewsroom"),
        ],
        ids=["based-on-linkedin", "based-on-mastodon", "text-family"],
    )
    def test_card_style_is_the_familys(self, values: dict[str, str], style: str, handle: str) -> None:
        """A configured platform's card looks like its family's app (the generic card for the text family)."""
        base = get_platform(values["base"]) if "base" in values else None
        platform = make_platform("intranet", {"limit": 5000, **values}, base=base)
        doc = page_of(Card(platform, compose(SEED, platform)))

        card = doc.find("article", "card")
        assert f"card-{style}" in card.classes
        assert handle in card.text

    def test_lone_surrogate_does_not_break_the_page(self) -> None:
        """Broken text (UNI002) becomes a visible token; the page still encodes as UTF-8."""
        post = attrs.evolve(compose(SEED, "x"), text="Broken \ud800 text")
        page = render_preview([Row(SEED, [Card(post.platform, post)])])

        assert page.encode("utf-8")
        assert "⟨U+D800⟩" in parse(page).find("p", "text").text

    def test_summary_counts(self) -> None:
        """The summary counts articles, posts, errors (incl. failures), warnings and notes."""
        rows = [
            Row(
                SEED,
                [
                    card(SEED, "x", [warning("A", 0, 1), warning("B", 0, 1, Severity.ERROR)]),
                    card(SEED, "mastodon", [warning("C", 0, 1, Severity.INFO)]),
                    Card(get_platform("bluesky"), error="nothing fits"),
                ],
            ),
            Row(ARABIC, [card(ARABIC, "x", [warning("D", 0, 1)])]),
            Row(None, source="bad.json, record 2", error=RecordError("field 'url': is required")),
        ]
        doc = parse(render_preview(rows))

        counts = {li.attrs["data-count"]: int(li.find("b").text) for li in doc.find("ul", "summary").find_all("li")}
        assert {
            "articles": 2,
            "posts": 3,
            "errors": 3,
            "warnings": 2,
            "infos": 1,
            "failed-records": 1,
            "failed-posts": 1,
        } == counts  # no record warnings: not listed

    def test_failed_post_and_record_are_shown(self) -> None:
        """A post that could not be composed and a record that could not be read say why."""
        rows = [
            Row(SEED, [Card(get_platform("x"), error="nothing fits on x")]),
            Row(None, source="bad.json, record 2", error=RecordError("field 'url': is required")),
        ]
        doc = parse(render_preview(rows))

        assert "not composed nothing fits on x" == doc.find("p", "compose-error").text
        assert "bad.json, record 2: field 'url': is required" == doc.find("p", "record-error").text

    def test_failed_records_are_listed_at_the_top(self) -> None:
        """The new user's review: record errors were only counted on stderr; now listed, linked to their place."""
        rows = [
            Row(SEED, [card(SEED, "x")]),
            Row(None, source="bad.json, record 2", error=RecordError("field 'url': is required")),
        ]
        doc = parse(render_preview(rows))

        listed = doc.find("section", "record-errors").find_all("li")
        assert ["bad.json, record 2: field 'url': is required"] == [li.text for li in listed]
        assert "#article-2" == listed[0].find("a").attrs["href"]
        assert "article-2" in {s.attrs.get("id") for s in doc.find_all("section", "article")}
        assert not parse(render_preview(rows[:1])).find_all("section", "record-errors")

    def test_drafts_are_skipped_not_unreadable(self) -> None:
        """The new user's review: drafts were listed among the unreadable records, labelled by page row ("record 3").

        Now a draft is shown as skipped, with why, and counted apart; an unreadable record is labelled by its own
        file and line.
        """
        draft = SkippedRecord("skipped: status: draft", path="export.csv", line=4, field="status")
        rows = [
            Row(SEED, [card(SEED, "x")]),
            Row(None, source="export.csv, line 3", error=RecordError("field 'url': is required")),
            Row(None, source="export.csv, line 4", error=draft),
        ]
        doc = parse(render_preview(rows))
        summary = summarize(rows)

        listed = doc.find("section", "record-errors").find_all("li")
        assert ["export.csv, line 3: field 'url': is required"] == [li.text for li in listed]
        assert (1, 1, 1) == (summary.errors, summary.failed_records, summary.skipped)
        assert "skipped: status: draft" == doc.find("p", "record-skipped").text
        [third] = [section for section in doc.find_all("section", "article") if section.attrs["id"] == "article-3"]
        assert "export.csv, line 4: skipped" == third.find("h2").text
        counts = {li.attrs["data-count"]: int(li.find("b").text) for li in doc.find("ul", "summary").find_all("li")}
        assert (1, 1) == (counts["skipped"], counts["failed-records"])

    def test_record_warnings_beside_the_records_cards(self) -> None:
        """A record's warnings (an unreadable date, a synonym) in its own section, and counted."""
        said = (
            RecordError("expected an ISO 8601 date, got 'yesterday'", path="a.jsonl", line=2, field="published"),
            RecordError("read as 'title' (a name other tools give it)", path="a.jsonl", line=1, field="headline"),
        )
        rows = [Row(SEED, [card(SEED, "x")], warnings=said), Row(ARABIC, [card(ARABIC, "x")])]
        doc = parse(render_preview(rows))

        first, second = doc.find_all("section", "article")
        items = first.find("ul", "record-warnings").find_all("li")
        assert ["published", "headline"] == [li.attrs["data-field"] for li in items]
        assert "warning a.jsonl, line 2, field 'published': expected an ISO 8601 date, got 'yesterday'" == items[0].text
        assert not second.find_all("ul", "record-warnings")
        counts = {li.attrs["data-count"]: int(li.find("b").text) for li in doc.find("ul", "summary").find_all("li")}
        assert 2 == counts["record-warnings"]

    def test_a_platform_based_on_another_is_shown_by_its_name(self) -> None:
        """The new user's review: ``base = "mastodon"`` was labelled MASTODON and merged in the table."""
        social = configured_platforms({"social-example": {"base": "mastodon", "limit": 5000}}, None)["social-example"]
        mastodon = get_platform("mastodon")
        doc = page_of(Card(mastodon, compose(SEED, mastodon)), Card(social, compose(SEED, social)))

        labels = {c.attrs["data-platform"]: c.find("span", "platform").text for c in doc.find_all("article", "card")}
        assert {"mastodon": "Mastodon", "social-example": "social-example"} == labels
        table = {
            tr.attrs["data-platform"]: tr.find("td").text for tr in doc.find("table", "platforms").find_all("tr")[1:]
        }
        assert {"mastodon": "Mastodon", "social-example": "social-example"} == table
        titled = configured_platforms({"s": {"base": "mastodon", "title": "Our Social"}}, None)["s"]
        assert (
            "Our Social s"
            == page_of(Card(titled, compose(SEED, titled))).find("table", "platforms").find_all("tr")[1].find("td").text
        )

    def test_heading_shows_the_title_as_posts_do(self) -> None:
        """HTML entities in a record's title are decoded in the heading; the raw title follows."""
        article = Article(title="Rotterdam&#8217;s rail &amp; barge terminal", url="https://news.example/r")
        doc = page_of(card(article, "x"), article=article)

        assert "Rotterdam’s rail & barge terminal" == doc.find("h2").text
        assert "title in the record: Rotterdam&#8217;s rail &amp; barge terminal" == doc.find("div", "raw-title").text

    @settings(max_examples=60, deadline=None)
    @given(
        text=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60),
        spans=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=5),
    )
    def test_card_shows_exactly_the_text_and_every_span(self, text: str, spans: list[tuple[int, int]]) -> None:
        """Whatever the text and spans, the card shows the text and highlights each span's characters."""
        base = compose(SEED, "mastodon")
        post = attrs.evolve(base, text=text)
        violations = tuple(warning(f"R{i:03}", min(a, b), max(a, b)) for i, (a, b) in enumerate(spans))
        doc = page_of(Card(post.platform, post, violations))

        body = doc.find("p", "text")
        expected = _HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)
        assert expected.replace("\r\n", "\n").replace("\r", "\n") == body.text.replace("\r\n", "\n").replace("\r", "\n")
        highlighted = "".join(m.text for m in body.find_all("mark"))
        for v in violations:
            piece = text[v.start : min(v.end, len(text))]
            if piece and not _HIDDEN.search(piece):
                assert piece in highlighted


class TestSummarize:
    """Tests for summarize."""

    def test_empty(self) -> None:
        """No rows, nothing counted."""
        assert PreviewSummary() == summarize([])

    def test_counts_by_severity_and_failure(self) -> None:
        """Error findings, failed records and failed posts are all errors."""
        rows = [
            Row(
                SEED,
                [
                    card(SEED, "x", [warning("A", 0, 1, Severity.ERROR), warning("B", 0, 1)]),
                    Card(get_platform("x"), error="nothing fits"),
                ],
            ),
            Row(None, error=RecordError("bad")),
        ]

        assert PreviewSummary(
            articles=1, posts=1, errors=3, warnings=1, infos=0, failed_records=1, failed_posts=1
        ) == summarize(rows)


class TestIsRtl:
    """Tests for is_rtl."""

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("ar", True),
            ("he", True),
            ("fa", True),
            ("ur-PK", True),
            ("az-Arab", True),
            ("ug-Latn", False),
            ("en", False),
            ("de-DE", False),
            ("ku", False),
            ("pa-Arab-PK", True),
        ],
        ids=[
            "arabic",
            "hebrew",
            "persian",
            "urdu-region",
            "script-rtl",
            "script-ltr",
            "english",
            "german",
            "kurmanji",
            "script-and-region",
        ],
    )
    def test_direction(self, language: str, expected: bool) -> None:
        """The script subtag decides when present, else the language."""
        assert expected == is_rtl(language)


def preview_rows(paths: Sequence[Path], names: Sequence[str] | None = None, **options: object) -> list[Row]:
    """The rows a page shows: every record on ``names`` (default: every platform), checked."""
    platforms = [get_platform(n) for n in names] if names else list(builtin_platforms().values())
    return list(rows(paths, platforms, **options))  # type: ignore[arg-type]


class TestRows:
    """The pipeline's rows, as the page gets them."""

    def test_examples_every_record_every_platform(self) -> None:
        """One row per example record, one card per platform, each checked."""
        found = preview_rows([EXAMPLES], ["x", "bluesky", "instagram"], check=first_word_finding)
        records = list(iter_records(EXAMPLES))

        assert [r.label for r in records] == [row.source for row in found]
        assert {("x", "bluesky", "instagram")} == {tuple(c.platform.name for c in row.cards) for row in found}
        assert all(len(c.violations) == 2 for row in found for c in row.cards if c.post is not None)

    def test_bad_records_become_error_rows(self) -> None:
        """The hostile corpus loads without raising; each bad record is a row naming where it is."""
        found = preview_rows([HOSTILE], ["x"], check=no_findings)
        failed = [row for row in found if row.error is not None]

        assert failed
        assert all(row.article is None and row.source for row in failed)

    def test_template_error_becomes_a_card_error(self, tmp_path: Path) -> None:
        """A broken template is a card that says so, not an exception."""
        (tmp_path / "teaser.txt.j2").write_text("{{ title ", encoding="utf-8")
        found = preview_rows([EXAMPLES / "kaim-crossing.json"], ["x"], templates=tmp_path, check=no_findings)

        assert [None] == [c.post for row in found for c in row.cards]
        assert all(c.error for row in found for c in row.cards)

    def test_campaign_reaches_the_links(self) -> None:
        """utm_campaign is set on every link."""
        found = preview_rows([EXAMPLES / "kaim-crossing.json"], ["x"], campaign="spring", check=no_findings)

        assert all("utm_campaign=spring" in (c.post.link or "") for row in found for c in row.cards if c.post)


class TestWritePreview:
    """Tests for write_preview."""

    def test_page_for_the_examples(self, tmp_path: Path) -> None:
        """Every example post appears in the page, on every platform."""
        out = tmp_path / "preview.html"
        write_preview(preview_rows([EXAMPLES], check=no_findings), out)
        found = preview_rows([EXAMPLES], check=no_findings)
        doc = parse(out.read_text("utf-8"))

        expected = [shown(c.post) for row in found for c in row.cards if c.post is not None]
        assert expected == [p.text for p in doc.find_all("p", "text")]
        assert len(list(builtin_platforms().values())) * len(found) == len(doc.find_all("article", "card"))

    def test_writes_the_page_and_counts(self, tmp_path: Path) -> None:
        """The page is written; posts and errors (error findings) are returned."""
        out = tmp_path / "preview.html"
        summary = write_preview(
            rows(
                [EXAMPLES / "kaim-crossing.json"],
                [get_platform("x"), get_platform("mastodon")],
                check=first_word_finding,
            ),
            out,
        )

        assert (2, 2) == (summary.posts, summary.errors)
        assert 2 == len(parse(out.read_text("utf-8")).find_all("article", "card"))

    def test_failures_count_as_errors(self, tmp_path: Path) -> None:
        """Records that cannot be read count as errors."""
        out = tmp_path / "preview.html"
        bad = tmp_path / "bad.jsonl"
        bad.write_text('{"title": "ok", "url": "https://news.example/a"}\n{"title": "no url"}\n', encoding="utf-8")
        summary = write_preview(rows([bad], [get_platform("x")], check=no_findings), out)

        assert (1, 1) == (summary.posts, summary.errors)

    def test_replaces_the_file_whole(self, tmp_path: Path) -> None:
        """An existing file is replaced, and no temporary file is left behind."""
        out = tmp_path / "preview.html"
        out.write_text("old", encoding="utf-8")
        write_preview([], out, title="new")

        assert "<title>new</title>" in out.read_text("utf-8")
        assert ["preview.html"] == [p.name for p in tmp_path.iterdir()]

    def test_dash_is_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``-`` writes the page to stdout, as render_preview renders it."""
        write_preview([], "-")

        assert render_preview([]) == capsys.readouterr().out


def test_preview_says_drafts_as_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``postkit preview``: a draft is a warning on stderr and counted as skipped, not an error (as compose says it)."""
    from postkit.cli.main import main  # noqa: PLC0415

    records = tmp_path / "a.jsonl"
    lines = [
        '{"title": "Kaim crossing reopens", "url": "https://news.example/a"}',
        '{"title": "Plans", "url": "https://news.example/b", "status": "draft"}',
    ]
    records.write_text("\n".join(lines) + "\n", "utf-8")

    assert 0 == main(["preview", str(records), "-p", "x", "-o", str(tmp_path / "p.html")])
    err = capsys.readouterr().err
    assert "error:" not in err
    assert "warning: " in err
    assert "line 2, field 'status': skipped" in err
    assert err.rstrip().endswith("1 post, 0 errors, 1 skipped")
