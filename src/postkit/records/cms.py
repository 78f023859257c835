"""JSON documents as CMSs and feed publishers serve them: JSON Feed, WordPress REST, Ghost.

A ``.json`` document (or JSON on stdin) is read as it comes from the source, without a
conversion step:

- **JSON Feed** 1.0 and 1.1 (``{"version": "https://jsonfeed.org/version/1.1", "items": [...]}``):
  one record per item: ``id``, ``url`` (else ``external_url``; a relative one resolved against
  the feed's ``home_page_url``), ``title``, ``summary`` (else the first paragraph of the
  content), ``content_html`` (as paragraphs) or ``content_text`` as ``body``,
  ``date_published`` (else ``date_modified``), ``authors``/``author`` names, ``tags``,
  ``language`` (the item's, else the feed's), ``image`` (else ``banner_image``). An item
  without a title takes its lead from the first sentence of its text (micro-blogs publish
  them by design).
- **WordPress REST API** (``/wp-json/wp/v2/posts``: a post object or a list of them): ``link``,
  ``title.rendered``, ``excerpt.rendered`` (HTML cleaned, WordPress's "[…]" replaced by "…" where it cut a sentence,
  a theme's "Continue reading"/"Read more" link text at its end dropped),
  ``content.rendered`` as ``body``, ``date_gmt`` (UTC) or ``date``, ``id``; with ``_embed``,
  the author's name, the tag names (``post_tag``) as tags, the category names as topics and
  the featured image with its alt text. Without ``_embed`` tags and categories are numbers,
  which postkit cannot name: they are left out.
- **Ghost Content API** (``{"posts": [...], "meta": ...}``): ``url`` (or ``canonical_url``),
  ``title``, ``custom_excerpt`` or ``excerpt``, ``html`` as body, ``published_at``,
  ``primary_author``/``authors``, public ``tags`` (Ghost's internal ``#tags`` left out),
  ``feature_image`` and its alt; and a **Ghost export** (``{"db": [{"data": {"posts": ...}}]}``),
  whose posts have no url: give a base URL and each gets ``base/<slug>/``, as Ghost serves them.

Any other ``{"posts": [...]}`` document is a list of records (read with the synonyms and
value shapes of :mod:`postkit.records.fields`).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import regex

from postkit.cut_points import cut_at, cut_graphemes, ends_sentence, sentence_cuts
from postkit.records.fields import resolve_url
from postkit.text import ELLIPSIS, clean_html, html_paragraphs

__all__ = ["Shaped", "feed_identity", "give_lead", "is_wordpress", "lead_sentence", "shape"]

_JSON_FEED = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
# WordPress's excerpt ends "[&hellip;]" (or a theme's "Continue reading" link: _WP_READ_MORE).
_WP_MORE = regex.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")
# A theme's "more" link at the end of an excerpt, as text once cleaned: "Continue reading “Title”",
# "Continue reading →", "Read more", "Read More »" (WordPress's own themes, excerpt_more filters).
_WP_READ_MORE = regex.compile(
    r"\s*(?<![\p{L}\p{N}])(?:Continue [Rr]eading|CONTINUE READING|Read [Mm]ore|READ MORE|Keep [Rr]eading)"
    r"(?:\s*(?:“[^”]*”|\"[^\"]*\"))?"
    r"\s*[→»›…]?\s*$"
)
#: The longest lead taken from an entry's text when it has no title (graphemes, cut at a word).
LEAD_GRAPHEMES = 120


@attrs.frozen
class Shaped:
    """A recognised document: what it is (``"JSON Feed"``…) and its records as plain mappings."""

    kind: str
    records: tuple[Mapping[str, Any], ...]
    no_link: str = "it has no url"  # why an item has no link, in the format's words


def shape(document: Any) -> Shaped | None:
    """The records of a CMS document, or None for a document of plain records."""
    if isinstance(document, list):
        if document and all(is_wordpress(item) for item in document):
            return Shaped("WordPress REST", tuple(wordpress_post(item) for item in document), "it has no 'link'")
        return None
    if not isinstance(document, Mapping):
        return None
    if str(document.get("version", "")).startswith(_JSON_FEED):
        return Shaped("JSON Feed", tuple(json_feed_items(document)), "it has neither url nor external_url")
    if is_wordpress(document):
        return Shaped("WordPress REST", (wordpress_post(document),), "it has no 'link'")
    posts = document.get("posts")
    if isinstance(posts, list) and all(isinstance(post, Mapping) for post in posts):
        if any(_is_ghost(post) for post in posts):
            found = tuple(ghost_post(post) for post in posts)
            return Shaped("Ghost Content API", found, "it has neither url nor canonical_url")
        flat = tuple(_flat(post) for post in posts)
        return Shaped("posts", flat, "it has neither url nor link; with a base URL, a slug makes one")
    export = _ghost_export(document)
    if export is not None:
        return Shaped(
            "Ghost export", export, "an export holds no urls: give a base URL, each post becomes BASE/<slug>/"
        )
    return None


def _flat(post: Mapping[str, Any]) -> Mapping[str, Any]:
    """A post whose fields sit under ``data`` (Ghost's migration JSON: ``{"url": ..., "data": {...}}``), flattened."""
    data = post.get("data")
    if isinstance(data, Mapping) and "title" not in post:
        return {**{k: v for k, v in post.items() if k != "data"}, **data}
    return post


def is_wordpress(item: Any) -> bool:
    """Whether ``item`` is a WordPress REST API post (its ``title`` is ``{"rendered": ...}``)."""
    return isinstance(item, Mapping) and isinstance(item.get("title"), Mapping) and "rendered" in item["title"]


def _is_ghost(post: Mapping[str, Any]) -> bool:
    return "uuid" in post and any(key in post for key in ("html", "lexical", "mobiledoc", "custom_excerpt"))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _given(value: Any) -> Any:
    """A text field's value: a non-blank string, else None; a value of another type is kept as it is.

    A list or a number where the format has a string is the record's mistake: kept, the record
    check says so ("field 'title': expected a string, got list"), not "is required".
    """
    return value if value is not None and not isinstance(value, str) else _text(value)


def _first(*values: Any) -> Any:
    """The first of ``values`` given (:func:`_given`): a value of the wrong type counts as given."""
    return next((found for value in values if (found := _given(value)) is not None), None)


def _names(items: Any, *, skip_internal: bool = False) -> list[str]:
    """The names of a list of objects (``[{"name": ...}]``), internal Ghost tags (``#…``) left out."""
    found: list[str] = []
    for item in items if isinstance(items, list) else ():
        name = item.get("name") if isinstance(item, Mapping) else item if isinstance(item, str) else None
        if isinstance(name, str) and name.strip() and not (skip_internal and name.startswith("#")):
            found.append(name)
    return found


def feed_identity(*names: Any) -> str | None:
    """What names a feed or site wherever it was fetched from: the first of ``names`` given, best first.

    An entry's id is only unique within its feed (an RSS ``guid``, a JSON Feed item's ``id``,
    a WordPress post's number), so ids are checked for duplicates, and the state file keys an
    entry, within it (``Article.feed``). An RSS or Atom feed is named by its ``atom:id``, else
    its link, else its title; a JSON Feed by its ``feed_url``, else ``home_page_url``, else
    its title; a WordPress post by its site. The file's path is no identity (a cron job may
    fetch to a temporary file).
    """
    for value in names:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def lead_sentence(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` (at most :data:`LEAD_GRAPHEMES`, cut at a word) and the rest.

    What a title-less entry (a micro-blog post) takes as its title. A first sentence too long
    for a title is cut at a word with "…", and the rest starts with "…" where the cut was.

    >>> lead_sentence("Just shipped v2. It has a new parser!")
    ('Just shipped v2.', 'It has a new parser!')
    >>> lead, rest = lead_sentence("word " * 30)
    >>> len(lead), lead[-5:], rest
    (120, 'word…', '…word word word word word word')
    """
    text = " ".join(text.split())
    cuts = sentence_cuts(text)
    end = cuts[0] if cuts else len(text)
    lead = text[:end].strip()
    if len(lead) > LEAD_GRAPHEMES:
        # Cut at a word: the rest goes on from the cut, after "…", so the summary does not
        # say the lead again (nor lose a word).
        cut = cut_graphemes(lead, LEAD_GRAPHEMES)
        kept = cut.removesuffix(ELLIPSIS)
        if kept == cut or not text.startswith(kept):
            return cut, text  # pragma: no cover - cut_graphemes cuts a prefix and ends it with "…"
        return cut, ELLIPSIS + text[len(kept) :].lstrip(" ,;:")
    return lead, text[end:].strip()


def give_lead(record: dict[str, Any]) -> None:
    """A record without a title takes the first sentence of its summary or body as its title.

    When the summary is that text, it keeps the rest (the post would say the sentence twice).
    """
    title = record.get("title")
    if title is not None and (_text(title) is not None or not isinstance(title, str)):
        return  # a title, or a value of the wrong type, which the record check reports
    source_field = "summary" if _text(record.get("summary")) else "body" if _text(record.get("body")) else None
    if source_field is None:
        return
    lead, rest = lead_sentence(clean_html(record[source_field]).split("\n\n", 1)[0])
    if not lead:
        return
    record["title"] = lead
    if source_field == "summary":
        record["summary"] = rest or None


# --- JSON Feed -------------------------------------------------------------------------------


def json_feed_items(feed: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One record per JSON Feed item (https://www.jsonfeed.org/version/1.1/)."""
    items = feed.get("items")
    base = _text(feed.get("home_page_url")) or _text(feed.get("feed_url"))
    scope = feed_identity(feed.get("feed_url"), feed.get("home_page_url"), feed.get("title"))
    language = _text(feed.get("language"))
    feed_authors = _names(feed.get("authors")) or _names([feed.get("author")])
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, Mapping):
            yield {"item": item}  # the record error says what it is
            continue
        yield {**_json_feed_item(item, base, language, feed_authors), **({"feed": scope} if scope else {})}


def _json_feed_item(
    item: Mapping[str, Any], base: str | None, language: str | None, feed_authors: list[str]
) -> dict[str, Any]:
    url = _first(item.get("url"), item.get("external_url"))
    if isinstance(url, str) and base is not None:
        url = resolve_url(base, url)
    body = None
    if (html := _given(item.get("content_html"))) is not None:
        body = html_paragraphs(html) if isinstance(html, str) else html
    elif (text := _given(item.get("content_text"))) is not None:
        body = text
    summary = _given(item.get("summary"))
    record: dict[str, Any] = {
        "id": item.get("id"),
        "url": url,
        "title": _given(item.get("title")),
        "summary": summary if summary is not None else (body.split("\n\n", 1)[0] if isinstance(body, str) else None),
        "body": body,
        "published": _first(item.get("date_published"), item.get("date_modified")),
        "author": ", ".join(_names(item.get("authors")) or _names([item.get("author")]) or feed_authors) or None,
        "tags": item.get("tags"),
        "language": _given(item.get("language")) or language,
        "image": _first(item.get("image"), item.get("banner_image")),
    }
    give_lead(record)
    return {key: value for key, value in record.items() if value is not None}


# --- WordPress REST API ------------------------------------------------------------------------


def _rendered(value: Any) -> Any:
    """A WordPress ``{"rendered": ...}`` field's text (:func:`_given`: a value of the wrong type kept)."""
    if isinstance(value, Mapping):
        value = value.get("rendered")
    return _given(value)


def _protected(value: Any) -> bool:
    return isinstance(value, Mapping) and value.get("protected") is True


def wordpress_site(post: Mapping[str, Any]) -> str | None:
    """The site a WordPress post belongs to: its post numbers are that site's (``feed_identity``).

    The REST API's own link (``_links.self``: ``https://site/blog/wp-json/wp/v2/posts/5``) up to
    ``/wp-json/``, else the origin of the post's ``link``.
    """
    links = post.get("_links")
    own = links.get("self") if isinstance(links, Mapping) else None
    href = own[0].get("href") if isinstance(own, list) and own and isinstance(own[0], Mapping) else None
    if isinstance(href, str) and "/wp-json/" in href:
        return href.split("/wp-json/", 1)[0] + "/"
    link = _text(post.get("link"))
    if link is None:
        return None
    parts = urllib.parse.urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else None


def wordpress_excerpt(html: str) -> str | None:
    """A WordPress excerpt as text, its "[…]" marker and a theme's "Continue reading" link text dropped.

    The marker says WordPress cut the text (at 55 words, mid-sentence): the excerpt then ends
    with "…" in its place, unless what is left ends a sentence.

    >>> wordpress_excerpt("<p>Cutting library hours, [&hellip;]</p>"), wordpress_excerpt("<p>The gist. [&hellip;]</p>")
    ('Cutting library hours…', 'The gist.')
    """
    text = _WP_READ_MORE.sub("", clean_html(html))  # a theme's "Continue reading" link: not the excerpt's
    kept = _WP_MORE.sub("", text)
    if not kept:
        return None
    if kept == text or ends_sentence(kept):
        return kept
    return cut_at(kept, len(kept))


def wordpress_post(post: Mapping[str, Any]) -> dict[str, Any]:
    """One WordPress REST API post (``/wp-json/wp/v2/posts``, with or without ``_embed``)."""
    embedded = post.get("_embedded") if isinstance(post.get("_embedded"), Mapping) else {}
    assert isinstance(embedded, Mapping)
    terms = [term for group in embedded.get("wp:term") or () if isinstance(group, list) for term in group]
    media = embedded.get("wp:featuredmedia") or ()
    image = media[0] if isinstance(media, list) and media and isinstance(media[0], Mapping) else {}
    excerpt = _rendered(post.get("excerpt"))
    content = _rendered(post.get("content"))
    date = _given(post.get("date_gmt"))
    record: dict[str, Any] = {
        "id": post.get("id"),
        "url": _given(post.get("link")),
        "title": _rendered(post.get("title")),
        "summary": wordpress_excerpt(excerpt) if isinstance(excerpt, str) else excerpt,
        "body": html_paragraphs(content) if isinstance(content, str) else content,
        "published": (date + "Z" if isinstance(date, str) and date[-1].isdigit() else date) or _given(post.get("date")),
        "author": clean_html(", ".join(_names(embedded.get("author")))) or None,
        "tags": _terms(terms, "post_tag"),
        "topics": _terms(terms, "category"),
        "image": _text(image.get("source_url")) or _text(post.get("jetpack_featured_media_url")),
        "image_alt": _text(image.get("alt_text")),
        "language": _text(post.get("lang")),
        "status": _text(post.get("status")),  # draft, future, private, pending: skipped unless asked for
        # A password-protected post: its excerpt and content come empty; skipped unless asked for.
        "protected": True if any(_protected(post.get(key)) for key in ("excerpt", "content")) else None,
        "feed": wordpress_site(post),  # post numbers are per site (the scope of its id)
    }
    return {key: value for key, value in record.items() if value is not None}


def _terms(terms: list[Any], taxonomy: str) -> list[str] | None:
    """The names of the embedded terms of one taxonomy (WordPress escapes them as HTML: "Bar &amp; Baz")."""
    names = [
        clean_html(term["name"])
        for term in terms
        if isinstance(term, Mapping) and term.get("taxonomy") == taxonomy and isinstance(term.get("name"), str)
    ]
    return [name for name in names if name] or None


# --- Ghost -------------------------------------------------------------------------------------


def ghost_post(
    post: Mapping[str, Any], *, tags: list[str] | None = None, authors: list[str] | None = None
) -> dict[str, Any]:
    """One Ghost post, from the Content API or an export (``tags``/``authors``: the export's joins)."""
    html = _given(post.get("html"))
    primary = post.get("primary_author")
    author_names = authors if authors is not None else _names(post.get("authors"))
    if not author_names and isinstance(primary, Mapping) and _text(primary.get("name")):
        author_names = [primary["name"]]
    record: dict[str, Any] = {
        "id": post.get("id"),
        "url": _first(post.get("canonical_url"), post.get("url")),
        "slug": _text(post.get("slug")),
        "title": _given(post.get("title")),
        "summary": _first(post.get("custom_excerpt"), post.get("excerpt"), post.get("meta_description")),
        "body": (html_paragraphs(html) if isinstance(html, str) else html)
        if html is not None
        else _given(post.get("plaintext")),
        "published": _given(post.get("published_at")),
        "author": ", ".join(author_names) or None,
        "tags": tags if tags is not None else _names(post.get("tags"), skip_internal=True) or None,
        "image": _given(post.get("feature_image")),
        "image_alt": _text(post.get("feature_image_alt")),
        "status": _text(post.get("status")),  # an export's drafts and scheduled posts: skipped unless asked for
        "type": _text(post.get("type")),  # an export's pages ("page": /about/): skipped unless asked for
    }
    return {key: value for key, value in record.items() if value is not None}


def _ghost_export(document: Mapping[str, Any]) -> tuple[Mapping[str, Any], ...] | None:
    db = document.get("db")
    if not (isinstance(db, list) and db and isinstance(db[0], Mapping) and isinstance(db[0].get("data"), Mapping)):
        return None
    data = db[0]["data"]
    posts = data.get("posts")
    if not isinstance(posts, list):
        return None

    def table(name: str) -> list[Mapping[str, Any]]:
        rows = data.get(name)
        return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []

    tag_names = {row.get("id"): row.get("name") for row in table("tags")}
    user_names = {row.get("id"): row.get("name") for row in table("users")}
    post_tags: dict[Any, list[str]] = {}
    for row in sorted(table("posts_tags"), key=lambda r: r.get("sort_order") or 0):
        name = tag_names.get(row.get("tag_id"))
        if isinstance(name, str) and not name.startswith("#"):
            post_tags.setdefault(row.get("post_id"), []).append(name)
    post_authors: dict[Any, list[str]] = {}
    for row in sorted(table("posts_authors"), key=lambda r: r.get("sort_order") or 0):
        name = user_names.get(row.get("author_id"))
        if isinstance(name, str):
            post_authors.setdefault(row.get("post_id"), []).append(name)
    return tuple(
        ghost_post(post, tags=post_tags.get(post.get("id")), authors=post_authors.get(post.get("id")))
        if isinstance(post, Mapping)
        else {"post": post}
        for post in posts
    )


# --- Where each record's fields are in the document (for annotations) --------------------------

#: A key path in a JSON document: object keys and array indexes, from the top.
Path = tuple[str | int, ...]

#: Record field → the keys of a CMS item it is read from, in the order the readers above try them
#: (the first present in the item is the one whose value became the field).
_FEED_SOURCES: dict[str, tuple[Path, ...]] = {
    "id": (("id",),),
    "url": (("url",), ("external_url",)),
    "title": (("title",),),
    "summary": (("summary",), ("content_html",), ("content_text",)),
    "body": (("content_html",), ("content_text",)),
    "published": (("date_published",), ("date_modified",)),
    "author": (("authors",), ("author",)),
    "tags": (("tags",),),
    "language": (("language",),),
    "image": (("image",), ("banner_image",)),
}
_WORDPRESS_SOURCES: dict[str, tuple[Path, ...]] = {
    "id": (("id",),),
    "url": (("link",),),
    "title": (("title", "rendered"), ("title",)),
    "summary": (("excerpt", "rendered"), ("excerpt",)),
    "body": (("content", "rendered"), ("content",)),
    "published": (("date_gmt",), ("date",)),
    "image": (("jetpack_featured_media_url",),),
    "language": (("lang",),),
    "status": (("status",),),
}
_GHOST_SOURCES: dict[str, tuple[Path, ...]] = {
    "id": (("id",),),
    "url": (("canonical_url",), ("url",)),
    "slug": (("slug",),),
    "title": (("title",),),
    "summary": (("custom_excerpt",), ("excerpt",), ("meta_description",)),
    "body": (("html",), ("plaintext",)),
    "published": (("published_at",),),
    "author": (("authors",), ("primary_author",)),
    "tags": (("tags",),),
    "image": (("feature_image",),),
    "image_alt": (("feature_image_alt",),),
    "status": (("status",),),
}


def item_places(document: Any, kind: str) -> tuple[tuple[Path, Mapping[str, tuple[Path, ...]]], ...]:
    """For each record of a document :func:`shape` reads: the key path of its item and where its fields come from.

    What lets a finding about a JSON Feed item's title, or a WordPress post's
    ``excerpt.rendered``, point at that key's line (``records.from_json``). Empty for a kind
    whose fields are not placed (plain ``posts`` take their keys as they are: placed by name).
    """
    if kind == "JSON Feed":
        items = document.get("items") if isinstance(document, Mapping) else None
        return tuple((("items", i), _FEED_SOURCES) for i in range(len(items))) if isinstance(items, list) else ()
    if kind == "WordPress REST":
        if isinstance(document, list):
            return tuple(((i,), _WORDPRESS_SOURCES) for i in range(len(document)))
        return (((), _WORDPRESS_SOURCES),)
    if kind == "Ghost Content API":
        return tuple((("posts", i), _GHOST_SOURCES) for i in range(len(document["posts"])))
    if kind == "Ghost export":
        posts = document["db"][0]["data"]["posts"]
        return tuple((("db", 0, "data", "posts", i), _GHOST_SOURCES) for i in range(len(posts)))
    if kind == "posts":
        return tuple((("posts", i), {}) for i in range(len(document["posts"])))
    return ()
