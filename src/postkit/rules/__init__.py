"""The rule catalogue and the engine: ``check(post_or_text, platform) -> list[Violation]``.

Rules are registered by family module (LEN, STR, URL, UNI, HTM, CAP, PUN, EMO, TAG, CLK,
HYP, CAS, TPL). A :class:`RuleSet` resolves selection, severities, options and the tone
profile once; checking a text then runs only plain functions over precompiled patterns.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import attrs

from postkit.errors import ConfigError, did_you_mean
from postkit.platforms import Platform, get_platform
from postkit.rules import (
    caps,
    clickbait,
    emoji,
    html,
    hype,
    length,
    punctuation,
    register,
    structure,
    tags,
    templates,
    unicode,
    urls,
)
from postkit.rules.base import Context, Rule, Severity, Violation, doc_section

__all__ = [
    "MODULES",
    "PROFILES",
    "RULES",
    "Rule",
    "RuleSet",
    "Severity",
    "Violation",
    "all_codes",
    "check",
    "format_rule_doc",
    "rules_table",
]

MODULES = (
    length,
    structure,
    urls,
    unicode,
    html,
    caps,
    punctuation,
    emoji,
    tags,
    clickbait,
    hype,
    register,
    templates,
)
RULES: Mapping[str, Rule] = {rule.code: rule for module in MODULES for rule in module.RULES}
PROFILES = ("news", "casual")


def all_codes() -> frozenset[str]:
    """Every registered rule code."""
    return frozenset(RULES)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def _check_codes(patterns: Iterable[str], key: str) -> None:
    for pattern in patterns:
        if pattern != "ALL" and not any(code.startswith(pattern) for code in RULES):
            msg = f"unknown rule code {pattern!r}{did_you_mean(pattern, RULES)}"
            raise ConfigError(msg, field=key)


@attrs.frozen
class _Active:
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


@attrs.frozen
class RuleSet:
    """Selected rules with resolved severities and options, ready to check many texts.

    Args:
        profile: the tone profile, ``news`` (default) or ``casual``.
        select: codes or prefixes to run (``None``: all); ``"ALL"`` means all.
        ignore: codes or prefixes not to run.
        severities: per-code severity overrides.
        options: per-code option overrides.
    """

    profile: str = "news"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    active: tuple[_Active, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        if self.profile not in PROFILES:
            msg = f"unknown profile {self.profile!r}{did_you_mean(self.profile, PROFILES)}"
            raise ConfigError(msg, field="profile")
        _check_codes(self.select or (), "select")
        _check_codes(self.ignore, "ignore")
        for code, given in self.options.items():
            if code not in RULES:
                raise ConfigError(f"unknown rule code {code!r}{did_you_mean(code, RULES)}", field="per-rule")
            unknown = set(given) - set(RULES[code].options)
            if unknown:
                name = min(unknown)
                known = ", ".join(RULES[code].options) or "none"
                msg = f"{code} has no option {name!r}{did_you_mean(name, RULES[code].options)} (options: {known})"
                raise ConfigError(msg, field=f"per-rule.{code}.{name}")
        active = []
        for code, rule in RULES.items():
            if self.select is not None and "ALL" not in self.select and not _matches(code, self.select):
                continue
            if _matches(code, self.ignore) or code.startswith("TPL"):
                continue
            if self.profile in rule.profiles and rule.profiles[self.profile] is None:
                continue
            options = {
                **rule.options,
                **(rule.profiles.get(self.profile) or {}),
                **self.options.get(code, {}),
            }
            active.append(_Active(rule, self.severities.get(code, rule.severity), options))
        object.__setattr__(self, "active", tuple(active))

    @classmethod
    def from_config(cls, config: Any) -> RuleSet:
        """Build from a ``postkit.config.Config``."""
        severities = {}
        options = {}
        for code, settings in config.per_rule.items():
            if code not in RULES:
                raise ConfigError(
                    f"unknown rule code {code!r}{did_you_mean(code, RULES)}",
                    path=str(config.path) if config.path else None,
                    field=f"per-rule.{code}",
                )
            if settings.severity is not None:
                severities[code] = Severity.parse(settings.severity)
            if settings.options:
                options[code] = dict(settings.options)
        acronyms = tuple(getattr(config, "acronyms", ()) or ())
        if acronyms:
            options["CAP001"] = {"acronyms": acronyms, **options.get("CAP001", {})}
        try:
            return cls(
                profile=config.profile,
                select=tuple(config.select) if config.select is not None else None,
                ignore=tuple(config.ignore),
                severities=severities,
                options=options,
            )
        except ConfigError as err:
            raise ConfigError(
                err.message, path=str(config.path) if config.path else None, field=err.field
            ) from None

    def codes(self) -> tuple[str, ...]:
        """The codes this set runs."""
        return tuple(a.rule.code for a in self.active)

    def check(self, post_or_text: Any, platform: str | Platform | None = None) -> list[Violation]:
        """Check a Post or a text; violations ordered by position, then code."""
        if isinstance(post_or_text, str):
            ctx = Context(post_or_text, get_platform(platform or "x"), self.profile)
        else:
            post = post_or_text
            profile = get_platform(platform) if platform is not None else post.profile
            sizes = post.measurements if profile == post.profile and post.measurements else None
            ctx = Context(post.text, profile, self.profile, post.link, tuple(post.hashtags), post.cta, sizes)
        found: list[Violation] = []
        for item in self.active:
            for hit in item.rule.check(ctx, item.options):
                severity = self.severities.get(item.rule.code) or hit.severity or item.severity
                found.append(Violation(item.rule.code, severity, hit.message, hit.start, hit.end, hit.hint))
        found.sort(key=lambda v: (v.start, v.code))
        return found


@functools.cache
def _default(profile: str) -> RuleSet:
    return RuleSet(profile=profile)


def check(
    post_or_text: Any,
    platform: str | Platform | None = None,
    *,
    profile: str = "news",
    rules: RuleSet | None = None,
) -> list[Violation]:
    """Check a composed Post, or any text, against the rule catalogue.

    Args:
        post_or_text: a Post (its platform is used unless ``platform`` is given) or a str.
        platform: a platform name or profile (for text; default ``"x"``).
        profile: the tone profile, ``news`` or ``casual`` (ignored when ``rules`` is given).
        rules: a configured RuleSet (``RuleSet.from_config(config)``).

    Returns:
        Violations with code, severity, message, and the code-point span they concern.
    """
    return (rules or _default(profile)).check(post_or_text, platform)


def format_rule_doc(code: str) -> str:
    """One rule's documentation, as ``postkit rules CODE`` prints it."""
    try:
        rule = RULES[code.upper()]
    except KeyError:
        msg = f"unknown rule code {code!r}{did_you_mean(code.upper(), RULES)}"
        raise ConfigError(msg) from None
    return (
        f"# {rule.name} ({rule.code})\n\nDefault severity: {rule.severity}. Added in {rule.since}.\n\n"
        f"{rule.doc.strip()}\n"
    )


def rules_table() -> str:
    """The catalogue as a Markdown table: code, name, severity, what it checks."""
    rows = ["| code | name | severity | what it does |", "|---|---|---|---|"]
    for code, rule in RULES.items():
        what = (doc_section(rule.doc, "What it does") or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {code} | {rule.name} | {rule.severity} | {what} |")
    return "\n".join(rows) + "\n"


def validate_codes(codes: Collection[str], key: str) -> None:
    """Raise ConfigError naming ``key`` for an unknown code or prefix."""
    _check_codes(codes, key)
