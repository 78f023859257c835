"""Composed posts as output: ``postkit.compose/1`` JSON, JSON Lines or text, streamed.

The post formats, as ``report.render`` holds the finding formats. Each post is written
as it comes, so a million posts need no more memory than one: JSON Lines and text are
one post at a time by nature, and the JSON document is written as ``json.dumps`` writes
the whole (``indent=2``) -- its fields come from ``json.dumps`` of the fields around the
``posts`` array, which alone is written item by item.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs

from postkit.output import atomic_output

if TYPE_CHECKING:
    from postkit.pipeline import Row
    from postkit.posts.post import Post

__all__ = ["POST_FORMATS", "SCHEMA", "ComposeSummary", "PostWriter", "post_fields", "write_posts"]

#: The JSON document's schema name; its shape: ``{"schema", "posts": [...], "summary"}``.
SCHEMA = "postkit.compose/1"
#: What ``PostWriter`` writes: one JSON document, one JSON object a line, or text for people.
POST_FORMATS = ("text", "json", "jsonl")


@attrs.frozen
class ComposeSummary:
    """What a compose run wrote.

    Args:
        records: records read (good or not).
        posts: posts written (each post of a thread counts).
        failed: records that could not be read, or failed on at least one platform.
        known: (record, platform) pairs a state file knew: not composed again.
        skipped: records left out on purpose (drafts, scheduled and private posts), each a warning.
    """

    records: int = 0
    posts: int = 0
    failed: int = 0
    known: int = 0
    skipped: int = 0


def post_fields(post: Post, *, payload: bool = False, **where: Any) -> dict[str, Any]:
    """A post as its JSON object: ``where`` (path, record, line, id, thread) first, then the post.

    With ``payload``, the API payload, and ``card_image`` where the link card has an image
    the caller uploads.
    """
    data: dict[str, Any] = {
        **where,
        "platform": post.platform.name,
        "text": post.text,
        "length": post.length,
        "limit": post.limit,
        "unit": post.platform.unit,
        "fits": post.fits,
        "truncated": list(post.truncated),
        "link": post.link,
        "hashtags": list(post.hashtags),
    }
    if payload:
        data["payload"] = post.payload()
        if post.card_image:  # a blob the caller uploads for the link card's thumbnail
            data["card_image"] = post.card_image
    return data


class _StreamedObject:
    """A JSON object whose last-but-one field, an array, is written an item at a time.

    The bytes are those of ``json.dumps(whole, indent=2, ensure_ascii=False)``: the text
    before the array and after it is ``json.dumps``'s own, cut at the empty array.
    """

    def __init__(self, out: IO[str], head: Mapping[str, Any], key: str) -> None:
        self._out, self._key, self._count = out, key, 0
        opening = _dumps({**head, key: []})
        out.write(opening[: opening.rindex("[]") + 1])  # the array is the last field here

    def append(self, item: Any) -> None:
        text = _dumps(item).replace("\n", "\n    ")
        self._out.write(("," if self._count else "") + "\n    " + text)
        self._count += 1

    def close(self, tail: Mapping[str, Any]) -> None:
        closing = _dumps({self._key: [], **tail})
        self._out.write(("\n  ]" if self._count else "]") + closing[closing.index("[]") + 2 :] + "\n")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class PostWriter:
    """Writes posts to ``out`` in one of :data:`POST_FORMATS`; :meth:`finish` ends the output.

    Args:
        out: a text stream.
        fmt: ``text`` (a header line per post, then its text), ``json`` (one
            ``postkit.compose/1`` document) or ``jsonl`` (an object a line).
        payload: each post's API payload too (json and jsonl).

    Raises:
        ValueError: an unknown format, or ``payload`` with text.
    """

    def __init__(self, out: IO[str], fmt: str = "text", *, payload: bool = False) -> None:
        if fmt not in POST_FORMATS:
            msg = f"unknown post format {fmt!r}; expected one of {', '.join(POST_FORMATS)}"
            raise ValueError(msg)
        if payload and fmt == "text":
            msg = "payload needs the json or jsonl format (text is the posts only)"
            raise ValueError(msg)
        self.out, self.fmt, self.payload = out, fmt, payload
        self._document = _StreamedObject(out, {"schema": SCHEMA}, "posts") if fmt == "json" else None

    def write(
        self,
        post: Post,
        *,
        label: str = "",
        where: Mapping[str, Any] | None = None,
        thread: tuple[int, int] | None = None,
    ) -> None:
        """Write ``post``; ``label`` heads it in text, ``where`` leads its JSON; ``thread``: (number, of)."""
        if self.fmt == "text":
            self.out.write(_post_text(post, label, thread))
            return
        place = dict(where or {})
        if thread is not None:
            place["thread"] = {"index": thread[0], "of": thread[1]}
        fields = post_fields(post, payload=self.payload, **place)
        if self._document is not None:
            self._document.append(fields)
        else:
            self.out.write(json.dumps(fields, ensure_ascii=False) + "\n")

    def finish(self, summary: ComposeSummary) -> None:
        """End the output: the JSON document's ``summary`` and closing brace (nothing for the others)."""
        if self._document is not None:
            counts = {"records": summary.records, "posts": summary.posts, "failed": summary.failed}
            self._document.close({"summary": counts})


def _post_text(post: Post, label: str, thread: tuple[int, int] | None) -> str:
    shortened = f" · shortened: {', '.join(post.truncated)}" if post.truncated else ""
    numbered = f" · thread {thread[0]}/{thread[1]}" if thread is not None else ""
    return (
        f"# {label} · {post.platform.name}{numbered} · {post.length}/{post.limit} "
        f"{post.platform.unit}{shortened}\n{post.text}\n\n"
    )


@contextlib.contextmanager
def _opened(output: str | os.PathLike[str] | IO[str] | None) -> Iterator[IO[str]]:
    """The stream for ``output``; on leaving, flushed, and a file postkit opened synced and in place."""
    if output is not None and not isinstance(output, (str, os.PathLike)):
        yield output
        output.flush()
        return
    with atomic_output(output) as out:
        yield out
        out.flush()
        if out is not sys.stdout and stat.S_ISREG(os.fstat(out.fileno()).st_mode):
            os.fsync(out.fileno())  # on disk before a state marks it done (not /dev/null, a pipe)


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def write_posts(
    rows: Iterable[Row],
    output: str | os.PathLike[str] | IO[str] | None = None,
    *,
    fmt: str = "text",
    payload: bool = False,
    note: Callable[[str], None] | None = None,
) -> ComposeSummary:
    """Write the posts of ``rows`` (``pipeline.rows``) to ``output``, each as it comes.

    Every record ends as posts or an error line: a record that cannot be read, and each
    platform it fails on, are passed to ``note`` (``error: ...``), as are its warnings.

    Args:
        rows: the pipeline's rows.
        output: a file (written whole or not at all: ``output.atomic_output``), ``"-"``
            or None for stdout, or an open text stream.
        fmt: one of :data:`POST_FORMATS`.
        payload: each post's API payload too (json and jsonl).
        note: each warning and error line (default: stderr).

    Returns:
        The counts. When this returns, the output is flushed, and a file is synced and
        in place: a state that marked the rows can be committed.
    """
    say = note or _stderr
    records = posts = failed = known = skipped = 0
    with _opened(output) as out:
        writer = PostWriter(out, fmt, payload=payload)
        for row in rows:
            records += 1
            for warning in row.warnings:
                say(f"warning: {warning}")
            if row.skipped:
                skipped += 1
                say(f"warning: {row.error}")
                continue
            if row.article is None:
                failed += 1
                say(f"error: {row.error}")
                continue
            where = {"path": row.path, "record": row.index, "line": row.line, "id": row.article.id}
            record_failed = False
            for card in row.cards:
                if card.error is not None:
                    record_failed = True
                    say(f"error: {row.source}, platform {card.platform.name!r}: {card.error}")
                known += card.known
                made = card.posts
                for number, post in enumerate(made, 1):
                    thread = (number, len(made)) if card.thread is not None else None
                    writer.write(post, label=row.source or "", where=where, thread=thread)
                posts += len(made)
            failed += record_failed
        summary = ComposeSummary(records, posts, failed, known, skipped)
        writer.finish(summary)
    return summary
