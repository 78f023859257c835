"""``postkit compose``: posts (or threads) for every record, as text, JSON or JSON Lines."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from postkit.cli.common import ExitCode, UsageError, load_settings, output_to, require_paths, select_platforms

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform
    from postkit.posts.batch import Outcome
    from postkit.posts.post import Post
    from postkit.state import State


def _post_dict(post: Post, where: dict[str, Any], *, payload: bool) -> dict[str, Any]:
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


def _open_state(args: argparse.Namespace) -> State | None:
    if args.forget_after is not None and (args.state is None or args.forget_after < 0):
        raise UsageError("--forget-after needs --state and a number of days >= 0")
    if args.thread and args.max_posts < 1:
        raise UsageError("--max-posts must be at least 1")
    if args.state is None:
        return None
    from postkit.state import State  # noqa: PLC0415

    state = State(args.state).open()  # waits for an overlapping run; one transaction until commit
    if args.forget_after is not None:
        state.forget(args.forget_after)
    return state


def cmd_compose(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit compose``: posts (or threads) for every record, streamed to the output."""
    from postkit.pipeline import rows  # noqa: PLC0415
    from postkit.posts.batch import outcomes  # noqa: PLC0415
    from postkit.posts.loader import template_set  # noqa: PLC0415
    from postkit.state import article_key  # noqa: PLC0415

    if args.payload and args.format == "text":
        raise UsageError("--payload needs --format json or jsonl (text output is the posts only)")
    require_paths(args.paths)
    config = load_settings(args)
    platforms = select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    campaign = args.utm_campaign or config.utm_campaign
    tset = template_set(templates)
    for platform in platforms:  # a broken template is a usage error, found before any record
        tset.for_platform(platform.name)

    from postkit.cli.options import Progress  # noqa: PLC0415

    bar = Progress(err, "records")
    state = _open_state(args)
    # With --state or --thread the posts are composed here (the rows then only read records).
    own = state is not None or args.thread
    records = failed = posts = skipped = streamed = 0
    try:
        with output_to(args.output, args.paths) as out:
            if args.format == "json":  # streamed: a million posts need no more memory than one
                out.write('{\n  "schema": "postkit.compose/1",\n  "posts": [')
            for row in bar.wrap(
                rows(
                    args.paths,
                    platforms,
                    templates=templates,
                    campaign=campaign,
                    strict=args.strict,
                    template_for=(lambda _platform: None) if own else None,
                )
            ):
                records += 1
                for warning in row.warnings:
                    bar.note(f"warning: {warning}")
                if row.article is None:
                    failed += 1
                    bar.note(f"error: {row.error}")
                    continue
                where = {"path": row.path, "record": row.index, "line": row.line, "id": row.article.id}
                made_for: Iterable[tuple[Platform, Outcome]] = (
                    outcomes(
                        row.article,
                        platforms,
                        state=state,
                        thread=args.thread,
                        max_posts=args.max_posts,
                        link_in=args.link_in,
                        templates=templates,
                        campaign=campaign,
                    )
                    if own
                    else ((c.platform, [c.post] if c.post is not None else c.error) for c in row.cards)
                )
                record_failed = False
                for platform, made in made_for:
                    if made is None:
                        skipped += 1
                        continue
                    if not isinstance(made, list):
                        record_failed = True
                        bar.note(f"error: {row.source}, platform {platform.name!r}: {made}")
                        continue
                    posts += len(made)
                    for number, post in enumerate(made, 1):
                        place = {**where, "thread": {"index": number, "of": len(made)}} if args.thread else where
                        if args.format == "text":
                            out.write(_post_text(post, row.source or "", number, len(made) if args.thread else 0))
                        elif args.format == "jsonl":
                            out.write(
                                json.dumps(_post_dict(post, place, payload=args.payload), ensure_ascii=False) + "\n"
                            )
                        else:
                            item = json.dumps(
                                _post_dict(post, place, payload=args.payload), ensure_ascii=False, indent=2
                            )
                            out.write(("," if streamed else "") + "\n    " + item.replace("\n", "\n    "))
                            streamed += 1
                    if state is not None:
                        state.mark(platform.name, article_key(row.article))  # committed once the output is out
                failed += record_failed
            if args.format == "json":
                summary = json.dumps({"records": records, "posts": posts, "failed": failed}, indent=2)
                out.write(("\n  ]" if streamed else "]") + ',\n  "summary": ' + summary.replace("\n", "\n  ") + "\n}\n")
            out.flush()
            if out is not sys.stdout and stat.S_ISREG(os.fstat(out.fileno()).st_mode):
                os.fsync(out.fileno())  # on disk before --state marks it done (not /dev/null, a pipe)
    except BaseException:
        if state is not None:
            state.rollback()
        raise
    if state is not None:
        state.commit()
    from postkit.cli.options import plural  # noqa: PLC0415

    known = f"; {skipped} already composed (in {args.state})" if state is not None else ""
    print(
        f"postkit: {plural(posts, 'post')} from {plural(records, 'record')} on "
        f"{plural(len(platforms), 'platform')}; {plural(failed, 'record')} failed{known}",
        file=err,
    )
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _post_text(post: Post, label: str, number: int, of: int) -> str:
    shortened = f" · shortened: {', '.join(post.truncated)}" if post.truncated else ""
    thread = f" · thread {number}/{of}" if of else ""
    return (
        f"# {label} · {post.platform.name}{thread} · {post.length}/{post.limit} "
        f"{post.platform.unit}{shortened}\n{post.text}\n\n"
    )
