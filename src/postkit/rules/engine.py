"""The engine: ``check(post_or_text, platform) -> list[Violation]``.

A :class:`RuleSet` resolves selection, severities, options and the tone once: options
are validated and *prepared* (acronym sets, compiled patterns), and the phrase lists of
every active phrase rule are merged into one scanner. Checking a text then runs only
plain functions over precompiled patterns, and work several rules share (the links in
the text, the phrase scan, the lowercased text) is done once per text.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from postkit._public import public
from postkit.errors import ConfigError, OptionError, did_you_mean
from postkit.platforms.names import PlatformName
from postkit.platforms.registry import Platform, get_platform
from postkit.rules._cues import cue_mask, cues
from postkit.rules._phrases import PhraseScanner, PhraseSet
from postkit.rules.base import Check, Context, ResolvedOptions, Rule, Violation
from postkit.rules.registry import RULES
from postkit.rules.selection import codes, is_selected
from postkit.rules.tones import TONES, Tone, tones
from postkit.severity import Severity

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.posts.post import Post

__all__ = ["RuleSet", "check"]


@attrs.frozen
class _Active:
    """A rule ready to run: its check, prepared options, and resolved severity."""

    code: str
    check: Check
    prepared: Any
    severity: Severity
    forced: bool  # the severity was configured: it beats a hit's own (TAG001's error)


def _freeze(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value or {}))


#: One rule of a plan, as a plain tuple (unpacking it in the check loop is the cheapest access):
#: code, check, prepared options, severity, whether the severity was configured.
_Row = tuple[str, Check, Any, Severity, bool]
#: How many plans (combinations of cues) a RuleSet keeps; texts show a few dozen.
_MAX_PLANS = 4096


@public
@attrs.frozen(eq=False)
class RuleSet:
    """Selected rules with resolved severities and prepared options, ready to check many texts.

    Build one and reuse it: everything that can be is done here, once.

    Args:
        tone: the tone, ``news`` (default) or ``casual``.
        select: codes or prefixes to run (``None``: all, like ``["ALL"]``).
        ignore: codes or prefixes not to run.
        severities: per-code severity overrides (``{"CLK002": "warning"}``).
        options: per-code option overrides (``{"EMO001": {"max": 5}}``).

    Raises:
        ConfigError: naming the key (``select``, ``per-rule.EMO001.max``, …) for an unknown
            tone, code, prefix, option or severity, or an option value its rule refuses.
    """

    tone: str = "news"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity | str] = attrs.field(factory=dict, converter=_freeze)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, converter=_freeze)
    _active: tuple[_Active, ...] = attrs.field(init=False, repr=False)
    _scanner: PhraseScanner | None = attrs.field(init=False, repr=False)
    _plan: tuple[_Row, ...] = attrs.field(init=False, repr=False)
    _uses: frozenset[str] = attrs.field(init=False, repr=False)
    _needs: tuple[int, ...] = attrs.field(init=False, repr=False)
    _wanted: int = attrs.field(init=False, repr=False)
    _plans: dict[int, tuple[_Row, ...]] = attrs.field(init=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        tone = tones().get(self.tone)
        if tone is None:
            msg = f"unknown tone {self.tone!r}{did_you_mean(self.tone, TONES)} (tones: {', '.join(TONES)})"
            raise ConfigError(msg, field="tone")
        select = None if self.select is None else codes(self.select, "select")
        ignore = codes(self.ignore, "ignore")
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)
        severities = self._severities()
        prepared = {}
        for code in self.options:  # configured options are checked even for rules not run
            if code not in RULES:
                raise ConfigError(f"unknown rule code {code!r}{did_you_mean(code, RULES)}", field=f"per-rule.{code}")
            prepared[code] = self._prepare(RULES[code], tone)
        active = []
        for code, rule in RULES.items():
            if rule.scope != "text" or not is_selected(code, select, ignore):
                continue
            if code in tone.off and code not in (select or ()):
                continue
            ready = prepared[code] if code in prepared else self._prepare(rule, tone)
            active.append(_Active(code, rule.check, ready, *severities.get(code, (rule.severity, False))))
        object.__setattr__(self, "_active", tuple(active))
        # The same as plain tuples: unpacking them in the check loop is the cheapest access.
        object.__setattr__(self, "_plan", tuple(attrs.astuple(a, recurse=False) for a in active))
        # What the rules read of every text (Rule.uses): made in one go before they run.
        object.__setattr__(self, "_uses", frozenset().union(*(RULES[a.code].uses for a in active)))
        # The cues each rule finds nothing without (Rule.needs; 0: it always runs), and all of them.
        needs = tuple(self._needs_of(RULES[a.code], a.prepared) for a in active)
        object.__setattr__(self, "_needs", needs)
        object.__setattr__(self, "_wanted", functools.reduce(int.__or__, needs, 0))
        phrase_sets = tuple(a.prepared for a in active if isinstance(a.prepared, PhraseSet))
        object.__setattr__(self, "_scanner", PhraseScanner.of(phrase_sets) if phrase_sets else None)

    def _severities(self) -> dict[str, tuple[Severity, bool]]:
        found = {}
        for code, value in self.severities.items():
            if code not in RULES:
                raise ConfigError(f"unknown rule code {code!r}{did_you_mean(code, RULES)}", field=f"per-rule.{code}")
            try:
                found[code] = (Severity.parse(value), True)
            except ValueError as err:
                raise ConfigError(str(err), field=f"per-rule.{code}.severity") from None
        return found

    @staticmethod
    def _needs_of(rule: Rule, prepared: Any) -> int:
        needs = rule.needs(prepared) if callable(rule.needs) else rule.needs
        try:
            return cue_mask(needs)
        except ValueError as err:
            msg = f"{rule.code}: {err}"
            raise ValueError(msg) from None

    def _plan_for(self, found: int) -> tuple[_Row, ...]:
        """The rules to run on a text with cues ``found``: each that needs no cue or one of them."""
        plan = tuple(row for row, needs in zip(self._plan, self._needs, strict=True) if not needs or needs & found)
        if len(self._plans) >= _MAX_PLANS:
            self._plans.clear()
        self._plans[found] = plan
        return plan

    def _prepare(self, rule: Rule, tone: Tone) -> Any:
        given = self.options.get(rule.code, {})
        unknown = sorted(set(given) - set(rule.options))
        if unknown:
            known = ", ".join(rule.options) or "none"
            msg = f"{rule.code} has no option {unknown[0]!r}{did_you_mean(unknown[0], rule.options)} (options: {known})"
            raise ConfigError(msg, field=f"per-rule.{rule.code}.{unknown[0]}")
        try:
            # Where each configured value was set, for the messages that name a limit (EMO001: "per-rule.EMO001.max
            # allows 3", not "the casual tone allows 3" when the tone's own is 6).
            origins = {key: f"per-rule.{rule.code}.{key}" for key in given}
            return rule.prepare(ResolvedOptions({**rule.options, **tone.options.get(rule.code, {}), **given}, origins))
        except OptionError as err:
            raise ConfigError(
                f"{rule.code} option {err.option!r}: {err.message}", field=f"per-rule.{rule.code}.{err.option}"
            ) from None

    @classmethod
    def from_settings(
        cls,
        *,
        tone: str = "news",
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        per_rule: Mapping[str, Mapping[str, Any]] | None = None,
        acronyms: Iterable[str] = (),
        path: str | None = None,
        prefix: str = "",
    ) -> RuleSet:
        """Build from configuration values, as ``[tool.postkit]`` spells them.

        Args:
            tone: the tone.
            select: codes or prefixes to run.
            ignore: codes or prefixes not to run.
            per_rule: by code, a table of ``severity`` and rule options.
            acronyms: more words CAP001 accepts (the top-level ``acronyms`` key).
            path: the configuration file, for error messages.
            prefix: prepended to keys in errors (``"tool.postkit."`` for pyproject.toml).

        Raises:
            ConfigError: naming ``path`` and the dotted key, with a did-you-mean.
        """
        severities: dict[str, Any] = {}
        options: dict[str, dict[str, Any]] = {}
        for raw_code, table in (per_rule or {}).items():
            code = raw_code.strip().upper()
            if not isinstance(table, Mapping):
                raise ConfigError(f"expected a table, got {table!r}", path=path, field=f"{prefix}per-rule.{raw_code}")
            if code not in RULES:
                msg = f"unknown rule code {raw_code!r}{did_you_mean(code, RULES)}"
                raise ConfigError(msg, path=path, field=f"{prefix}per-rule.{raw_code}")
            values = dict(table)
            if "severity" in values:
                severities[code] = values.pop("severity")
            if values:
                options[code] = values
        extra = tuple(acronyms)
        if extra:
            cap = options.setdefault("CAP001", {})
            cap["acronyms"] = (*extra, *cap.get("acronyms", ()))
        try:
            return cls(
                tone=tone,
                select=None if select is None else tuple(select),
                ignore=tuple(ignore),
                severities=severities,
                options=options,
            )
        except ConfigError as err:
            raise ConfigError(err.message, path=path, field=f"{prefix}{err.field}" if err.field else None) from None

    @classmethod
    def from_config(cls, config: Config, *, tone: str | None = None) -> RuleSet:
        """Build from a loaded configuration: this is where its rule settings are checked.

        Args:
            config: the configuration (``postkit.config.load_config``).
            tone: overrides the configured tone (``--tone``).

        Raises:
            ConfigError: naming the file and the dotted key, with a did-you-mean.
        """
        per_rule: dict[str, dict[str, Any]] = {}
        for code, settings in config.per_rule.items():
            table = dict(settings.options)
            if settings.severity is not None:
                table["severity"] = settings.severity
            per_rule[code] = table
        # The configured vocabulary ([cta]) is what compose writes: the structure rules know it,
        # so that check and lint never flag postkit's own blurb line as a missing pointer or CTA.
        ctas = [words for read_more, bio in config.cta.values() for words in (read_more, bio) if words]
        bios = [bio for _, bio in config.cta.values() if bio]
        for code, option, words in (("STR002", "ctas", ctas), ("STR001", "bio", bios)):
            if not words:
                continue
            key = next((k for k in per_rule if k.strip().upper() == code), code)
            table = per_rule.setdefault(key, {})
            given = table.get(option, ())
            if isinstance(given, (list, tuple)):  # else the rule's own check names the bad value
                table[option] = (*given, *words)
        return cls.from_settings(
            tone=tone or config.tone,
            select=config.select,
            ignore=config.ignore,
            per_rule=per_rule,
            acronyms=config.acronyms,
            path=str(config.path) if config.path else None,
            prefix=config.key_prefix,
        )

    def selects(self, code: str) -> bool:
        """Whether ``select``/``ignore`` take in ``code`` (template codes too, which ``check`` does not run)."""
        return is_selected(code, self.select, self.ignore)

    def codes(self) -> tuple[str, ...]:
        """The codes this set runs on text, in catalogue order."""
        return tuple(a.code for a in self._active)

    def check(self, post_or_text: Post | str, platform: PlatformName | str | Platform | None = None) -> list[Violation]:
        """Check a Post or a text; violations ordered by position, then code.

        Args:
            post_or_text: a composed Post or a str.
            platform: a platform name or Platform; required for a str, and for a Post
                defaults to the Post's own (whose measurements are then reused).

        Raises:
            TypeError: for a str without a platform.
            UnknownPlatformError: for an unknown platform name.
        """
        if isinstance(post_or_text, str):
            if platform is None:
                msg = "check() needs a platform to check plain text, e.g. check(text, 'x')"
                raise TypeError(msg)
            target = platform if isinstance(platform, Platform) else get_platform(platform)
            ctx = Context(post_or_text, target, self.tone, scanner=self._scanner)
        else:
            post = post_or_text
            own: Platform = post.platform
            if platform is None or platform is own or platform == own.name:
                target = own
            else:
                target = platform if isinstance(platform, Platform) else get_platform(platform)
            same = target is own or target == own
            # What a composed post is made of, where known (a duck-typed post may know none of it):
            # its blurb, the summary it quotes (as its last render printed it), its place in a thread.
            rendering = getattr(post, "rendering", None)
            ctx = Context(
                post.text,
                target,
                self.tone,
                link=post.link,
                hashtags=post.hashtags,
                cta=post.cta,
                emoji=getattr(post, "emoji", None),
                summary=rendering.context.get("summary") if rendering is not None else None,
                thread=getattr(post, "thread", None),
                measurements=post.measurements if same else None,
                scanner=self._scanner,
            )
        return self._run(ctx)

    def _run(self, ctx: Context) -> list[Violation]:
        """The findings of the rules ``ctx``'s cues call for, ordered by position, then code."""
        if self._uses:
            ctx.analyse(self._uses)
        plan = self._plan
        if self._wanted:
            found_cues = cues(ctx, self._wanted)
            known = self._plans.get(found_cues)
            plan = self._plan_for(found_cues) if known is None else known
        found: list[Violation] = []
        for code, run, prepared, severity, forced in plan:
            for hit in run(ctx, prepared):
                level = severity if forced or hit.severity is None else hit.severity
                found.append(Violation(code, level, hit.message, hit.start, hit.end, hit.hint))
        if len(found) > 1:
            found.sort(key=lambda v: (v.start, v.code))
        return found


@functools.lru_cache(maxsize=32)
def _ruleset(tone: str, select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> RuleSet:
    return RuleSet(tone=tone, select=select, ignore=ignore)


def check(
    post_or_text: Post | str,
    platform: PlatformName | str | Platform | None = None,
    *,
    tone: str = "news",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    rules: RuleSet | None = None,
) -> list[Violation]:
    """Check a composed Post, or any text, against the rule catalogue.

    >>> [v.code for v in check("Border reopens, folks! Trucks roll! https://news.example/a", "x")]
    ['STR002', 'CAS001', 'PUN001']

    Args:
        post_or_text: a Post (checked on its own platform unless ``platform`` is given) or a str.
        platform: a platform name or Platform; required for a str.
        tone: the tone, ``news`` (default) or ``casual``.
        select: codes or prefixes to run (default: all).
        ignore: codes or prefixes not to run.
        rules: a configured RuleSet (``RuleSet.from_config(config)``); overrides
            ``tone``, ``select`` and ``ignore``.

    Returns:
        Violations with code, severity, message, hint and the code-point span they concern,
        ordered by position.

    Raises:
        ConfigError: for an unknown tone, code or prefix.
        TypeError: for a str without a platform.
    """
    if rules is None:
        rules = _ruleset(tone, None if select is None else tuple(select), tuple(ignore))
    return rules.check(post_or_text, platform)
