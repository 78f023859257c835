"""Hyperbole rules (HYP): hype words and intensifiers.

Sources: Strunk and White, The Elements of Style ("Do not overstate"); Chakraborty et al.
2016, "Stop Clickbait" (hyperbolic words mark clickbait); the list in
data/phrases/hyperbole.txt.
"""

from __future__ import annotations

from postkit.rules._phrases import PhraseSet
from postkit.rules.base import Context, Hit, Rule, Severity, phrase_option, quote


def hyperbole(ctx: Context, phrase_set: PhraseSet) -> list[Hit]:
    """Words of data/phrases/hyperbole.txt (plus ``extend``, minus ``allow``)."""
    return [Hit(f"{quote(m.text)} is hyperbole", m.start, m.end, "let the facts make the point")
            for m in ctx.phrase_matches(phrase_set)]


RULES = (
    Rule("HYP001", "hyperbole", Severity.INFO, """\
## What it does
Checks for hyperbole and intensifiers ("shocking", "insane", "literally").

## Why is this bad?
Hype words promise more than the news delivers and wear out the reader's trust; the facts are stronger without them.

## Example
```text
Shocking scenes as the Kaim crossing reopens
```

## Use instead
```text
Trucks queue as the Kaim crossing reopens
```

## Options
- `extend`: more words or phrases to flag.
- `allow`: listed words or phrases not to flag.

## Known problems
A listed word can be plain description or part of a quotation ("absolutely", said by a minister); the rule is informational.

## Sources
- Strunk and White, The Elements of Style, chapter V, "Do not overstate" and "Avoid the use of qualifiers"
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (hyperbolic words mark clickbait): https://arxiv.org/abs/1610.09786
- data/phrases/hyperbole.txt
""", hyperbole, options={"extend": (), "allow": ()}, prepare=phrase_option("hyperbole")),
)
