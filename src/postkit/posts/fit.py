"""The fitting ladder: shorten a rendered post until it fits its platform.

Re-measuring in the platform's own unit at each step: drop hashtags from the end → cut
the summary at a sentence, then a clause, then a word boundary → drop the summary → cut
the title at a word boundary, or at a grapheme boundary where no word boundary fits. The
link, the CTA and the title's start are never cut. On a platform with a fold (LinkedIn's
"see more"), a title that pushes the link below the fold is cut at a word so it does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
import jinja2

from postkit.cut_points import clause_cuts, cut_at, grapheme_cuts, sentence_cuts, word_cuts
from postkit.errors import FitError
from postkit.platforms.counting import Measurement, measure, measurements
from postkit.platforms.registry import Platform
from postkit.posts.loader import render
from postkit.text import ELLIPSIS, graphemes

__all__ = ["Fitted", "fit", "tidy"]


def tidy(text: str) -> str:
    """Trim line ends, keep at most one blank line in a row, trim the whole."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _largest(cuts: Sequence[int], ok: Callable[[int], bool]) -> int | None:
    """The largest cut for which ``ok`` holds (binary search, then a check below)."""
    lo, hi, best = 0, len(cuts) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if ok(cuts[mid]):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    # Length grows with the prefix for every counter postkit knows, so when the shortest
    # cut fails nothing fits: O(log n) renders, never one per cut.
    return cuts[best] if best is not None else None


class _Fitter:
    """Holds one composition's parts and re-renders as the ladder shortens them."""

    def __init__(self, template: jinja2.Template, context: dict[str, Any], platform: Platform) -> None:
        self.template = template
        self.context = context
        self.platform = platform
        self.text = ""
        self.sizes: tuple[Measurement, ...] = ()
        self.tried = ""  # the last text rendered, fitting or not

    def trial(self, **changes: Any) -> bool:
        """Render with ``changes`` on top of the current parts; keep the text if it fits."""
        context = {**self.context, **changes} if changes else self.context
        text = self.tried = tidy(render(self.template, context))
        sizes = measurements(text, self.platform)
        if any(m.over for m in sizes):
            return False
        self.text, self.sizes = text, sizes
        return True

    def commit(self, **changes: Any) -> bool:
        """Make ``changes`` part of the post (the ladder's step taken), then try it."""
        self.context = {**self.context, **changes}
        return self.trial()


def _cut_summary(fit: _Fitter, summary: str) -> bool:
    for cuts, end in ((sentence_cuts(summary), ""), (clause_cuts(summary), ELLIPSIS), (word_cuts(summary), ELLIPSIS)):

        def ok(cut: int, end: str = end) -> bool:
            return fit.trial(summary=cut_at(summary, cut, end))

        best = _largest(cuts, ok)
        if best is not None:
            return fit.commit(summary=cut_at(summary, best, end))
    return False


def _below_fold(fit: _Fitter, link: str, fold: int) -> bool:
    """Whether the link sat below ``fold`` and the title was cut to lift it (see :func:`_above_fold`)."""
    return bool(link) and fit.text.find(link) >= fold and _above_fold(fit, link, fold)


def _above_fold(fit: _Fitter, link: str, fold: int) -> bool:
    """Cut the title at a word so the link starts before ``fold`` (where "see more" hides the rest).

    Only where the template puts the link after the title (LinkedIn's does); a post whose
    link stays below the fold however short the title is kept as it was.
    """
    title: str = fit.context["title"]

    def ok(cut: int) -> bool:
        return fit.trial(title=cut_at(title, cut)) and 0 <= fit.text.find(link) < fold

    best = _largest(word_cuts(title), ok)
    if best is None:
        fit.trial()  # the post as it was
        return False
    return fit.commit(title=cut_at(title, best))


def _cut_title(fit: _Fitter, title: str) -> bool:
    for cuts in (word_cuts(title), grapheme_cuts(title)):
        best = _largest(cuts, lambda c: fit.trial(title=cut_at(title, c)))
        if best is not None:
            return fit.commit(title=cut_at(title, best))
    return False


def _too_long(template: jinja2.Template, context: dict[str, Any], platform: Platform) -> tuple[str, str]:
    """Which part of a post that cannot fit is long: the template's own text, the CTA or the link, measured."""
    cta, link = str(context.get("cta") or ""), str(context.get("link") or "")
    bare = tidy(render(template, {**context, "title": "", "summary": None, "hashtags": [], "cta": "", "link": ""}))
    parts = {
        "the template's own text (with the emoji)": measure(bare, platform),
        f"the CTA {cta if len(cta) <= 40 else cta[:39] + ELLIPSIS!r}": measure(cta, platform),
        "the link": measure(link, platform),
    }
    sizes = ", ".join(f"{name} {size:,}" for name, size in parts.items())
    longest = max(parts, key=lambda name: parts[name])
    remedy = {
        "the link": "the link is longest: use a shorter URL, or raise the platform's limit",
        "the template's own text (with the emoji)": "the template's own text is longest: shorten the template",
    }.get(longest, "the CTA is longest: shorten the record's social line (or data/cta.toml)")
    return f"{sizes} {platform.unit}", remedy


#: Texts up to this long are fitted as they are; a longer title or summary is first bounded (``_within_reach``).
_REACH = 65_536


def _within_reach(text: str, platform: Platform) -> str:
    """``text``, or a first part of it that alone is already over one of ``platform``'s limits.

    The ladder keeps a title or summary only as far as the post fits, so nothing past a part
    that is over the limit on its own can be kept: leaving it out changes no cut the ladder
    makes. A million-character title would otherwise make the first render larger than the
    template sandbox lets one render be (``posts._budget.MAX_OUTPUT``), and the post fail as an
    "unsafe template". The part is found by doubling (measuring is linear: bounded work).
    """
    if len(text) <= _REACH:
        return text
    size = max(_REACH, 4 * platform.limit)
    while size < len(text) and not any(m.over for m in measurements(text[:size], platform)):
        size *= 2
    return text[:size].rstrip() if size < len(text) else text  # no trailing space: rendering trims line ends


def _any_shown(dropped: Sequence[str], shown: str) -> bool:
    """Whether a reader of the full post saw any of ``dropped`` (linear for thousands of tags)."""
    if any(tag in shown for tag in dropped[:64]):
        return True
    words = set(shown.split())
    return any(tag in words for tag in dropped[64:])


@attrs.frozen
class Fitted:
    """The ladder's result: the text, its measurements, the parts it kept, what it cut, the values it rendered."""

    text: str
    sizes: tuple[Measurement, ...]
    hashtags: tuple[str, ...]
    truncated: tuple[str, ...]
    #: The values the text was rendered with, the ladder's cuts made (title, summary, hashtags).
    context: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


def fit(template: jinja2.Template, context: dict[str, Any], platform: Platform) -> Fitted:
    """Render ``template`` and shorten by the ladder until the text fits ``platform``.

    ``context`` holds ``title``, ``summary`` (or None) and ``hashtags`` (a list) besides
    the rest of what the template receives.

    Raises:
        FitError: when not even one title grapheme, "…", the CTA and the link fit.
    """
    title: str = _within_reach(context["title"], platform)
    summary: str | None = context["summary"]
    if summary:
        summary = _within_reach(summary, platform)
    hashtags: list[str] = context["hashtags"]
    if title is not context["title"] or summary is not context["summary"]:
        context = {**context, "title": title, "summary": summary}
    fitter = _Fitter(template, context, platform)
    truncated: list[str] = []
    ok = fitter.trial()
    # What the full post shows: the ladder reports only what a reader would miss.
    shown = "" if ok else fitter.tried  # the full post's render, not rendered again
    if not ok and hashtags:
        # Keep the most hashtags that fit, found by binary search (O(log n) renders, not
        # one per hashtag: 30,000 tags took minutes); none fit: drop them all and go on.
        keep = _largest(range(len(hashtags)), lambda k: fitter.trial(hashtags=hashtags[:k]))
        ok = fitter.commit(hashtags=hashtags[: keep or 0])
        if _any_shown(hashtags[keep or 0 :], shown):
            truncated.append("hashtags")
    if not ok and summary:
        ok = _cut_summary(fitter, summary)
        if ok:
            truncated.append("summary")
        else:
            ok = fitter.commit(summary=None)
            truncated.append("summary dropped")
        if summary not in shown:
            truncated.pop()
    if not ok:
        ok = _cut_title(fitter, title)
        truncated.append("title")
    if not ok:
        first = graphemes(title)[0] + ELLIPSIS
        sizes = measurements(tidy(render(template, {**fitter.context, "title": first})), platform)
        over = "; ".join(f"{m.value} > {m.limit} {m.unit}" for m in sizes if m.over)
        msg, hint = _too_long(template, {**fitter.context, "title": first}, platform)
        raise FitError(
            f"nothing fits on {platform.name}: even one title character and '…' with the rest measure {over}; {msg}",
            hint=hint,
        )
    fold = platform.fold
    if fold is not None and _below_fold(fitter, str(context.get("link") or ""), fold) and "title" not in truncated:
        truncated.append("title")  # LinkedIn's "see more": the link stays where readers see it
    kept = tuple(tag for tag in fitter.context["hashtags"] if tag in fitter.text)
    return Fitted(fitter.text, fitter.sizes, kept, tuple(truncated), fitter.context)
