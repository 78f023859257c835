"""Fixtures for the rule tests: run one rule (or a selection) on a text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from postkit import RuleSet, check

Found = list[tuple[str, str, str]]
Lint = Callable[..., Found]


@pytest.fixture(name="lint")
def _lint() -> Lint:
    """``lint(text, platform="mastodon", select=None, **ruleset_args)``: ``(code, severity, span text)``.

    The span text is what the violation points at (``""`` for the whole post). With
    ``options``, ``severities`` or a ``tone``, a RuleSet is built for the call;
    otherwise the cached one ``postkit.rules.check`` uses.
    """

    def run(text: str, platform: str = "mastodon", select: Any = None, **kwargs: Any) -> Found:
        found = (
            RuleSet(select=select, **kwargs).check(text, platform) if kwargs else check(text, platform, select=select)
        )
        return [(v.code, str(v.severity), text[v.start : v.end]) for v in found]

    return run


@pytest.fixture(name="codes")
def _codes(lint: Lint) -> Callable[..., list[str]]:
    """``codes(text, ...)``: the codes found, in order (same arguments as ``lint``)."""
    return lambda *args, **kwargs: [code for code, _, _ in lint(*args, **kwargs)]
