"""Clickbait rules (CLK): clickbait phrases and curiosity gaps.

Sources: Chakraborty, Paranjape, Kakarla and Ganguly, "Stop Clickbait: Detecting and
Preventing Clickbaits in Online News Media" (ASONAM 2016, arXiv:1610.09786); Blom and
Hansen, "Click bait: Forward-reference as lure in online news headlines" (Journal of
Pragmatics 76, 2015). Phrase lists: data/phrases/clickbait.txt, forward_reference.txt,
listicle.txt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from postkit import _data
from postkit.rules._phrases import PhraseSet, normalise, trie_source
from postkit.rules.base import Context, Hit, Rule, Severity, phrase_option, quote


def clickbait(ctx: Context, phrase_set: PhraseSet) -> list[Hit]:
    """Phrases of data/phrases/clickbait.txt (plus ``extend``, minus ``allow``)."""
    return [Hit(f"{quote(m.text)} is a clickbait phrase", m.start, m.end, "say what happened instead")
            for m in ctx.phrase_matches(phrase_set)]


@functools.cache
def _listicle() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A numbered listicle ("7 things", "5 surprising reasons"), lowercased and any case."""
    nouns = trie_source(normalise(p) for p in _data.phrase_list("listicle"))
    # One character class first, so the engine skips ahead to digits.
    source = rf"[0-9](?<![0-9][0-9])[0-9]{{0,2}} (?:[\w-]+ ){{0,2}}?(?:{nouns})(?![\w-])"
    return re.compile(source), re.compile(source, re.IGNORECASE)


def _openers(options: Mapping[str, Any]) -> PhraseSet:
    del options
    return PhraseSet.build("forward_reference", _data.phrase_list("forward_reference"))


def _opens(text: str, start: int) -> bool:
    """Whether ``start`` begins a line or a sentence (or follows a dash or colon)."""
    if start == 0 or text[start - 1] == "\n":
        return True
    return start > 1 and text[start - 1] == " " and text[start - 2] in ".!?:—–"


def curiosity_gap(ctx: Context, openers: PhraseSet) -> list[Hit]:
    """A line or sentence that opens with a forward reference or a numbered listicle."""
    text = ctx.text
    spans = [(m.start, m.end) for m in ctx.phrase_matches(openers) if _opens(text, m.start)]
    lower, any_case = _listicle()
    found = lower.finditer(ctx.lower) if ctx.lower else any_case.finditer(text)
    spans += [m.span() for m in found if _opens(text, m.start()) and not ctx.in_url(m.start())]
    return [Hit(f"{quote(text[start:end])} opens a curiosity gap", start, end, "lead with the news itself")
            for start, end in sorted(spans)]


RULES = (
    Rule("CLK001", "clickbait-phrase", Severity.WARNING, """\
## What it does
Checks for clickbait phrases ("you won't believe", "what happens next") from a hand-curated list.

## Why is this bad?
Clickbait trades trust for clicks: the article rarely lives up to the tease, and readers and platforms learn to skip the account.

## Example
```text
You won't believe what Iraq and Syria just did at the border
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing
```

## Options
- `extend`: more phrases to flag.
- `allow`: listed phrases not to flag.

## Known problems
A phrase can be innocent inside a quotation; suppress it with `{# postkit: noqa: CLK001 #}` in a template, or with `allow`.

## Sources
- Chakraborty et al., "Stop Clickbait: Detecting and Preventing Clickbaits in Online News Media", ASONAM 2016: https://arxiv.org/abs/1610.09786
- data/phrases/clickbait.txt (curated after the paper's approach; no generic n-grams)
""", clickbait, options={"extend": (), "allow": ()}, prepare=phrase_option("clickbait")),
    Rule("CLK002", "curiosity-gap", Severity.INFO, """\
## What it does
Checks for lines or sentences that open with a forward reference ("This is why…", "Here's how…") or a numbered listicle ("7 things…").

## Why is this bad?
Withholding the news to force a click is the classic curiosity gap; a teaser should say what happened.

## Example
```text
Here's why the Kaim crossing matters
```

## Use instead
```text
Reopened Kaim crossing restores Iraq-Syria trade
```

## Known problems
A numbered list that is the news ("3 ways to vote") is flagged too; the rule is informational.

## Sources
- Blom and Hansen, "Click bait: Forward-reference as lure in online news headlines", Journal of Pragmatics 76 (2015): https://doi.org/10.1016/j.pragma.2014.11.010
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (starting numbers, determiners): https://arxiv.org/abs/1610.09786
- data/phrases/forward_reference.txt and data/phrases/listicle.txt
""", curiosity_gap, prepare=_openers),
)
