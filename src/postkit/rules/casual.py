"""Register rules (CAS): casual words in the news tone profile.

Sources: the register advice of news style guides (BBC News style guide; the Guardian and
Observer style guide); the seed article's own casual lines (examples/kaim-crossing.txt); the list in
data/phrases/casual.txt.
"""

from __future__ import annotations

from postkit.rules._phrases import PhraseSet
from postkit.rules.base import Context, Hit, Rule, phrase_option, quote
from postkit.severity import Severity


def casual(ctx: Context, phrase_set: PhraseSet) -> list[Hit]:
    """Words of data/phrases/casual.txt (plus ``extend``, minus ``allow``)."""
    return [
        Hit(f"{quote(m.text)} is casual register", m.start, m.end, "use neutral news wording")
        for m in ctx.phrase_matches(phrase_set)
    ]


RULES = (
    Rule(
        "CAS001",
        "casual-register",
        Severity.INFO,
        """\
## What it does
Checks for casual register ("folks", "gonna", "first things first") in the news tone profile.

## Why is this bad?
A news account speaks in a neutral voice; slang and chatty idioms read as flippant about serious events.

## Example
```text
The Kaim border crossing is back open for business, folks
```

## Use instead
```text
The Kaim border crossing has reopened to trade
```

## Options
- `extend`: more words or phrases to flag.
- `allow`: listed words or phrases not to flag.

## Known problems
Off in the casual tone. A casual word inside a quotation is flagged too. Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): under 0.4% on every source.

## Sources
- BBC News style guide (A-Z): https://www.bbc.co.uk/newsstyleguide/all
- The seed article (examples/kaim-crossing.txt): "back open for business, folks!", "keep our eyes peeled"
- data/phrases/casual.txt
""",
        casual,
        options={"extend": (), "allow": ()},
        prepare=phrase_option("casual"),
        uses=("known",),
        needs=("phrase",),
    ),
)
