"""Structure rules (STR): a teaser needs a link and a call to action.

Sources: the seed article's blurb "📝🌍🔗 Read More" (shared/seeds/); data/cta.toml.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, Severity, phrases

_URL = regex.compile(r"https?://\S+", regex.IGNORECASE)


@functools.cache
def _cta_words() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    table = tomllib.loads(resources.files("postkit").joinpath("data/cta.toml").read_text("utf-8"))
    ctas = {v["read_more"].casefold() for v in table.values()} | set(phrases("cta"))
    bios = {v["link_in_bio"].casefold() for v in table.values()}
    def alternation(words: set[str]) -> regex.Pattern[str]:
        return regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)),
                             regex.IGNORECASE)
    return alternation(ctas | bios), alternation(bios)


def no_link(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """No URL (or no "link in bio" where links are not clickable)."""
    del options
    if getattr(ctx.platform, "links", "clickable") == "bio":
        if not (ctx.cta and ctx.cta in ctx.text) and not _cta_words()[1].search(ctx.text):
            yield Hit(f'no "link in bio" pointer; links are not clickable on {ctx.platform.name}',
                      hint='say where the link is, e.g. "Link in bio"')
    elif not (ctx.link and ctx.link in ctx.text) and not _URL.search(ctx.text):
        yield Hit("post has no link to the article", hint="add the article's URL")


def no_cta(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """No call to action (the post's own CTA, or a known one)."""
    del options
    if ctx.cta and ctx.cta in ctx.text:
        return
    if not _cta_words()[0].search(ctx.text):
        yield Hit("post has no call to action", hint='end with the blurb line, e.g. "📝🌍🔗 Read More: <link>"')


RULES = (
    Rule("STR001", "no-link", Severity.ERROR, """\
## What it does
Checks for posts without a link to the article, or without "link in bio" where links are not clickable.

## Why is this bad?
A teaser exists to send readers to the article.

## Example
```text
Iraq and Syria reopen the Kaim border crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Sources
- The seed article's blurb line "📝🌍🔗 Read More" (shared/seeds/); DESIGN.md "house style"
""", no_link),
    Rule("STR002", "no-call-to-action", Severity.WARNING, """\
## What it does
Checks for posts without a call to action such as "Read More".

## Why is this bad?
The house style ends every teaser with the blurb line: emoji, call to action, link.

## Example
```text
Iraq and Syria reopen the Kaim border crossing https://news.example/world/kaim-crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Known problems
Only the CTAs of data/cta.toml and data/phrases/cta.txt are recognised.

## Sources
- The seed article's blurb line (shared/seeds/); data/cta.toml
""", no_cta),
)
