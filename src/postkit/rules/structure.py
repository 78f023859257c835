"""Structure rules (STR): a teaser needs a link (or "link in bio") and a call to action.

Sources: the seed article's blurb line "📝🌍🔗 Read More" (examples/kaim-crossing.txt; README, "The
house style"); the calls to action of data/cta.toml and data/phrases/cta.txt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from postkit import _data
from postkit._regex_cache import compiled
from postkit.rules._phrases import normalise
from postkit.rules.base import Context, Hit, Rule, str_list
from postkit.severity import Severity


@functools.cache
def _cta_table() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The "read more" and "link in bio" phrases of every language in data/cta.toml."""
    table = _data.cta().values()
    return tuple(c.read_more for c in table), tuple(c.link_in_bio for c in table)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for ``words``, longest first."""
    parts = sorted({normalise(w) for w in words}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part).replace("'", "['’]") for part in w.split(" ")) for w in parts)
    return compiled(rf"\b(?:{body})(?!\w)", re.IGNORECASE)


@functools.cache
def _bio_pattern() -> re.Pattern[str]:
    return _alternation(_cta_table()[1])


def _bios(options: Mapping[str, Any]) -> re.Pattern[str]:
    """The built-in "link in bio" wordings, plus the ``bio`` option's (a configuration's ``[cta]``)."""
    extra = str_list("bio", options.get("bio", ()))
    return _alternation((*_cta_table()[1], *extra)) if extra else _bio_pattern()


def _reply(ctx: Context) -> bool:
    """A thread's post whose thread carries the blurb line (link and call to action) in another post.

    A thread is judged as one teaser: its link and call to action are where postkit put them
    (the first post, or the last with ``link_in="last"``), and that post is checked for them.
    """
    thread = ctx.thread
    return thread is not None and not thread.carries_link


def no_link(ctx: Context, bio: re.Pattern[str]) -> list[Hit]:
    """No URL (or no "link in bio" where links are not clickable); a thread's replies look to the post with its link."""
    if ctx.platform.links == "bio":
        # A composed post's own CTA is its "link in bio" pointer where links are not clickable:
        # composing puts the vocabulary's link-in-bio wording there (a newsroom's own, from
        # ``[cta]``, that no list here knows). It is tried first: a whole-text search of every
        # language's phrases costs ~10 µs.
        if (ctx.cta and ctx.cta.strip() and ctx.cta in ctx.text) or _reply(ctx) or bio.search(ctx.text):
            return []
        return [
            Hit(
                f'no "link in bio" pointer; links are not clickable on {ctx.platform.title}',
                hint='say where the link is, e.g. "📝🌍🔗 Link in bio"',
            )
        ]
    if ctx.urls or (ctx.link and ctx.link in ctx.text) or _reply(ctx):
        return []
    return [Hit("post has no link to the article", hint='end with the blurb line, e.g. "📝🌍🔗 Read More: <link>"')]


def _ctas(options: Mapping[str, Any]) -> re.Pattern[str]:
    read_more, link_in_bio = _cta_table()
    return _alternation(
        (*read_more, *link_in_bio, *_data.phrase_list("cta"), *str_list("ctas", options.get("ctas", ())))
    )


def no_cta(ctx: Context, ctas: re.Pattern[str]) -> list[Hit]:
    """No call to action (the Post's own, or a known one); a thread's replies look to the post with its link."""
    if ctx.cta and ctx.cta in ctx.text:
        return []
    if ctas.search(ctx.text) or _reply(ctx):
        return []
    return [Hit("post has no call to action", hint='end with the blurb line, e.g. "📝🌍🔗 Read More: <link>"')]


RULES = (
    Rule(
        "STR001",
        "no-link",
        Severity.ERROR,
        """\
## What it does
Checks for posts without a link to the article, or without a "link in bio" pointer where links are not clickable (Instagram).

## Why is this bad?
A teaser exists to send readers to the article. Without a link, or a pointer to where it is, the post is a dead end.

## Example
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Options
- `bio`: more "link in bio" wordings to accept, besides those of data/cta.toml. A configuration's `[cta.LANG] link-in-bio` is added here (`RuleSet.from_config`), and a composed post's own call to action counts where links are not clickable.

## Known problems
Only `http(s)://` and `www.` links count; a bare `news.example/a` is not clickable everywhere. A thread (`compose_thread`) is judged as one teaser: only the post that carries its blurb line (the first, or the last with `link_in="last"`) needs the link; the other replies are not flagged. A thread's posts checked as plain text are each judged alone.

## Sources
- The seed article's blurb line "📝🌍🔗 Read More" (examples/kaim-crossing.txt) and README.md, "The house style"
- data/cta.toml (the "link in bio" wording per language) and data/platforms.toml (`links = "bio"`)
""",
        no_link,
        options={"bio": ()},
        prepare=_bios,
        uses=("urls",),
        needs=("unlinked",),
    ),
    Rule(
        "STR002",
        "no-call-to-action",
        Severity.WARNING,
        """\
## What it does
Checks for posts without a call to action such as "Read More".

## Why is this bad?
The house style ends every teaser with the blurb line: emoji, call to action, link. A bare link gives the reader no reason to follow it.

## Example
```text
Iraq and Syria reopen the Kaim border crossing https://news.example/world/kaim-crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Options
- `ctas`: more calls to action to accept, besides those of data/cta.toml and data/phrases/cta.txt. A configuration's `[cta.LANG]` wordings are added here (`RuleSet.from_config`).

## Known problems
Only the listed calls to action are recognised; add a newsroom's own with the `ctas` option. A thread (`compose_thread`) is judged as one teaser: only the post that carries its blurb line needs the call to action; the other replies are not flagged.

## Sources
- The seed article's blurb line "📝🌍🔗 Read More" (examples/kaim-crossing.txt)
- data/cta.toml and data/phrases/cta.txt
""",
        no_cta,
        options={"ctas": ()},
        prepare=_ctas,
        needs=("uncalled",),
    ),
)
