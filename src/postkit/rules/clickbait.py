"""Clickbait rules (CLK): phrases, curiosity gaps, listicles, reader questions, second person, and a learned score.

Sources: Chakraborty, Paranjape, Kakarla and Ganguly, "Stop Clickbait: Detecting and
Preventing Clickbaits in Online News Media" (ASONAM 2016, arXiv:1610.09786); Blom and
Hansen, "Click bait: Forward-reference as lure in online news headlines" (Journal of
Pragmatics 76, 2015). Phrase lists: data/phrases/clickbait.txt, forward_reference.txt,
listicle.txt. Each pattern's precision and recall on labelled headlines: docs/tone.md.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

from postkit import _data
from postkit.rules import _clickscore
from postkit.rules._phrases import PhraseSet, normalise, trie_source
from postkit.rules.base import Context, Hit, Rule, phrase_option, quote
from postkit.severity import Severity

#: The reader, addressed: you, your, you're, yourself…; not inside a word, hashtag or handle.
_YOU = r"(?<![#@\w'’])(?:you|your|yours|yourself|yourselves)(?:['’](?:re|ll|ve|d))?(?![\w'’])"


@attrs.frozen
class _Pattern:
    """One pattern, for the lowercased text, and (compiled on first use) for the text ignoring case.

    The second is for texts whose lowercasing would move offsets ("İ"): rare enough not
    to compile it on every run.
    """

    lower: re.Pattern[str]

    @classmethod
    def of(cls, source: str) -> _Pattern:
        return cls(re.compile(source))

    @property
    def any_case(self) -> re.Pattern[str]:
        """The pattern ignoring case (``re`` caches the compiled pattern)."""
        return re.compile(self.lower.pattern, re.IGNORECASE)

    def spans(self, ctx: Context, *, opening: bool = False) -> list[tuple[int, int]]:
        """Spans of the pattern outside links (and, with ``opening``, where a sentence opens)."""
        found = self.lower.finditer(ctx.lower) if ctx.lower else self.any_case.finditer(ctx.text)
        return [m.span() for m in found if not ctx.in_url(m.start()) and (not opening or _opens(ctx.text, m.start()))]


def _opens(text: str, start: int) -> bool:
    """Whether ``start`` begins a line or a sentence (or follows a dash or colon)."""
    if start == 0 or text[start - 1] == "\n":
        return True
    return start > 1 and text[start - 1] == " " and text[start - 2] in ".!?:—–"


def _lower(ctx: Context) -> str:
    return ctx.lower or ctx.text.lower()


def clickbait(ctx: Context, phrase_set: PhraseSet) -> list[Hit]:
    """Phrases of data/phrases/clickbait.txt (plus ``extend``, minus ``allow``)."""
    return [
        Hit(f"{quote(m.text)} is a clickbait phrase", m.start, m.end, "say what happened instead")
        for m in ctx.phrase_matches(phrase_set)
    ]


def _openers(options: Mapping[str, Any]) -> PhraseSet:
    del options
    return PhraseSet.build("forward_reference", _data.phrase_list("forward_reference"))


#: A cataphoric subject that opens a sentence and promises: "This chart will…", "These dogs just…".
_CATAPHORA = _Pattern.of(
    r"\bth(?:is|ese)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:will|is going to|are going to|just|totally|might|could)(?![\w'’])"
)


def curiosity_gap(ctx: Context, openers: PhraseSet) -> list[Hit]:
    """Forward references anywhere ("…and here's what happened") and promising openers ("This chart will…")."""
    text = ctx.text
    spans = [(m.start, m.end) for m in ctx.phrase_matches(openers)]
    lower = _lower(ctx)
    if "this" in lower or "these" in lower:
        spans += _CATAPHORA.spans(ctx, opening=True)
    return [
        Hit(f"{quote(text[start:end])} opens a curiosity gap", start, end, "lead with the news itself")
        for start, end in sorted(set(spans))
    ]


#: After a listicle's plural noun, a hook turns a count into a tease: "…Dogs Who", "…Posts That Only".
_HOOKS = r"(?:that|who|which|you|your|you'll|you're|we|everyone|every|only|guaranteed|i|ever|all|anyone|literally)"
_DIGIT = re.compile("[0-9]")


@functools.cache
def _listicle() -> _Pattern:
    """A number, up to three words, then a listicle noun, or any plural noun and a hook.

    One character class first, so the engine skips ahead to digits.
    """
    nouns = trie_source(normalise(p) for p in _data.phrase_list("listicle"))
    number = r"[0-9](?<![0-9][0-9])[0-9]{0,2}(?![0-9%.,:/-])"
    return _Pattern.of(
        rf"{number} (?:[\w'’-]+ ){{0,3}}?(?:(?:{nouns})(?![\w-])|"
        rf"[^\W\d_][\w-]*[^\W\d_s]s (?:{_HOOKS})(?![\w'’])|of the (?:most|best|worst|greatest)\b)"
    )


def listicle(ctx: Context, prepared: Any) -> list[Hit]:
    """A line or sentence that opens a numbered listicle ("24 hilarious posts that…")."""
    del prepared
    if _DIGIT.search(ctx.text) is None:
        return []
    return [
        Hit(
            f"{quote(ctx.text[start:end])} is a numbered listicle",
            start,
            end,
            "say what the list found, or lead with its strongest item",
        )
        for start, end in _listicle().spans(ctx, opening=True)
    ]


_QUESTION = _Pattern.of(
    r"\b(?:(?:and|so|but|now) )?(?:can|could|do|does|did|have|has|are|is|was|were|would|will|should|which|what|"
    r"how|who|where|when|why|may|might|ever)\b[^.!?\n]*?" + _YOU + r"[^.!?\n]*\??"
)
_QUIZ = _Pattern.of(r"(?<![#@\w])(?:quiz|pop quiz|take this test|test yourself)(?![\w'’])")


def _questions(ctx: Context) -> list[tuple[int, int]]:
    lower = _lower(ctx)
    found = _QUESTION.spans(ctx, opening=True) if "you" in lower else []
    return found + _QUIZ.spans(ctx) if "quiz" in lower or "test" in lower else found


def reader_question(ctx: Context, prepared: Any) -> list[Hit]:
    """A question or quiz put to the reader ("Can you spot…", "Which … are you?")."""
    del prepared
    lower = _lower(ctx)
    if "you" not in lower and "quiz" not in lower and "test" not in lower:
        return []
    return [
        Hit(
            f"{quote(ctx.text[start:end])} quizzes the reader",
            start,
            end,
            "answer the question in the post: say what the news found",
        )
        for start, end in sorted(_questions(ctx))
    ]


_SECOND_PERSON = _Pattern.of(_YOU)


def second_person(ctx: Context, prepared: Any) -> list[Hit]:
    """The reader addressed outside a question ("…will make you cry", "we know where you…")."""
    del prepared
    if "you" not in _lower(ctx):
        return []
    asked = _questions(ctx)
    return [
        Hit(
            f"{quote(ctx.text[start:end])} speaks to the reader",
            start,
            end,
            "report what happened to the people in the story",
        )
        for start, end in _SECOND_PERSON.spans(ctx)
        if not any(a <= start < b for a, b in asked)
    ][:1]  # once a post: the voice, not each word


RULES = (
    Rule(
        "CLK001",
        "clickbait-phrase",
        Severity.WARNING,
        """\
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
""",
        clickbait,
        options={"extend": (), "allow": ()},
        prepare=phrase_option("clickbait"),
    ),
    Rule(
        "CLK002",
        "curiosity-gap",
        Severity.INFO,
        """\
## What it does
Checks for forward references anywhere in the post ("This is why…", "…and here's what happened") and for sentences that open on a promise ("This chart will…").

## Why is this bad?
Withholding the news to force a click is the classic curiosity gap; a teaser should say what happened.

## Example
```text
Trucks queued at Kaim for a week, and here's what happened
```

## Use instead
```text
Reopened Kaim crossing restores Iraq-Syria trade
```

## Known problems
Reported speech can use the same words ("officials said this is why they waited"); the rule is informational.

## Sources
- Blom and Hansen, "Click bait: Forward-reference as lure in online news headlines", Journal of Pragmatics 76 (2015): https://doi.org/10.1016/j.pragma.2014.11.010
- data/phrases/forward_reference.txt
""",
        curiosity_gap,
        prepare=_openers,
    ),
    Rule(
        "CLK003",
        "clickbait-score",
        Severity.INFO,
        """\
## What it does
Checks for lines whose learned clickbait score (a logistic regression over words, opening and closing words and word edges, trained on 25,600 labelled headlines) reaches the `threshold`, and names the words that pushed it most.

## Why is this bad?
Clickbait has a register of its own ("Which 'Friends' Character Are You Based On Your Zodiac Sign") that no phrase list covers; readers recognise it at once and trust the account less.

## Example
```text
Which Kaim Border Guard Are You Based On Your Favourite Snack
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing to trucks
```

## Options
- `threshold`: the clickbait probability from which a line is flagged (news 0.8, casual 0.9; the news value is the lowest, in steps of 0.05, whose false clickbait calls on news stay under 1% in 5-fold cross-validation on the training data: `python evals/train_clickbait.py --cv`).

## Known problems
The model learned from 2007-2016 English headlines (BuzzFeed-style clickbait against NYT, Guardian, The Hindu and WikiNews news); on other sources it is weaker (docs/tone.md measures it on the Webis Clickbait 17 corpus), and a long summary line can score high for a headline's reasons. It scores title and summary line by line, not links, hashtags, emoji or the call to action.

## Sources
- Chakraborty et al., "Stop Clickbait: Detecting and Preventing Clickbaits in Online News Media", ASONAM 2016 (the training data, MIT): https://arxiv.org/abs/1610.09786
- data/clickbait_model.tsv, made by evals/train_clickbait.py (scikit-learn, liblinear)
""",
        _clickscore.clickbait_score,
        options={"threshold": 0.8},
        prepare=_clickscore.prepare,
    ),
    Rule(
        "CLK004",
        "listicle",
        Severity.INFO,
        """\
## What it does
Checks for lines or sentences that open a numbered listicle: a number, up to three words, then a listicle noun ("7 things", "5 surprising reasons") or any plural noun with a hook ("24 hilarious posts that…", "18 adorable dogs who…").

## Why is this bad?
A count of unnamed items is a tease: the reader has to click to learn what any of them is. Listicle openings are among the strongest marks of clickbait headlines.

## Example
```text
24 Hilarious Posts That Only Kaim Truckers Will Understand
```

## Use instead
```text
Truckers joke about the week-long queue at Kaim
```

## Known problems
A numbered list that is the news ("3 ways to vote") is flagged too; the rule is informational. Counts of people ("12 people killed") are not listicles and are not flagged.

## Sources
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (starting numbers): https://arxiv.org/abs/1610.09786
- data/phrases/listicle.txt (in part mined from the Stop Clickbait train split)
""",
        listicle,
    ),
    Rule(
        "CLK005",
        "reader-question",
        Severity.INFO,
        """\
## What it does
Checks for questions and quizzes put to the reader ("Can you spot…", "How well do you know…", "Which … are you?").

## Why is this bad?
A question to the reader withholds the answer the article has; it turns news into a game the reader can only finish by clicking.

## Example
```text
Can You Guess Which Border Crossing Reopened This Week?
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing
```

## Known problems
A genuine call for readers' views ("Have you been affected?") is flagged too; suppress it with `{# postkit: noqa: CLK005 #}` in a template.

## Sources
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (questions and second person in clickbait): https://arxiv.org/abs/1610.09786
- Blom and Hansen, Journal of Pragmatics 76 (2015) (reader-directed address as lure): https://doi.org/10.1016/j.pragma.2014.11.010
""",
        reader_question,
    ),
    Rule(
        "CLK006",
        "second-person",
        Severity.INFO,
        """\
## What it does
Checks for posts that speak to the reader outside a question ("…will make you cry", "We know where you…").

## Why is this bad?
News reports what happened to the people in the story; hooks aimed at "you" are the voice of clickbait, and the words most telling of it in labelled headlines.

## Example
```text
This Kaim Border Story Will Make You Cry
```

## Use instead
```text
Families reunite as the Kaim border crossing reopens
```

## Known problems
Service journalism speaks to the reader on purpose ("What you need to know about the new visa rules"); the rule is informational, and off in the casual tone.

## Sources
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (second-person pronouns mark clickbait): https://arxiv.org/abs/1610.09786
""",
        second_person,
    ),
)
