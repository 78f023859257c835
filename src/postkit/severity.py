"""How bad a finding is: the one value the rules, the configuration and the reports share.

A neutral module: it imports nothing from postkit, so ``config`` (``fail-on``) and the
rules (each rule's default) both depend on it and on neither other.
"""

from __future__ import annotations

import enum

from postkit._public import public

__all__ = ["Severity"]


@public
class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``--fail-on`` can compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """``"warning"`` → ``Severity.WARNING``.

        Raises:
            ValueError: naming the choices, for anything else.
        """
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            msg = f"expected one of error, warning, info, got {value!r}"
            raise ValueError(msg) from None
