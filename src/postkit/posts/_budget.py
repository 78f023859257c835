"""The work budget of template renders: what one record's renders may spend.

Charging and weighing every sandboxed operation goes through (see ``sandbox``).

Every operation a template can make that costs more than constant time is charged here
by the size of its operands (``weight``: characters and items, flattened) or refused
when an operand is larger than MAX_SIZE, and every step is checked against the
record's step budget and, as a backstop, its seconds.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2.exceptions import SecurityError

# Work ONE RECORD's renders may do together (every platform, every rung of the fitting
# ladder): loop iterations, sandboxed calls, filter calls, operators, comparisons and
# subscripts, each one step, plus one step per WORK_UNIT characters or items an operation
# touches; the largest string, list or structure (counted flattened) any value may be;
# the characters one render may output; the size of a whole number; and, as a backstop,
# the seconds spent inside renders. Generous for any teaser template, far below what
# hangs a CI job or exhausts memory.
MAX_STEPS = 200_000
WORK_UNIT = 50
MAX_SIZE = 1_000_000
MAX_OUTPUT = 1_000_000
MAX_EXPONENT = 1_000
MAX_INT_BITS = 100_000
MAX_SECONDS = 3.0
# Substring search (``in``, ``find``, ``count``, ``split``) costs up to the haystack
# times this many characters of the needle (CPython's search, short needles).
SEARCH_FACTOR = 100


class Budget:
    """What one record's renders may still spend (see ``budget``)."""

    __slots__ = ("output", "seconds", "started", "steps")

    def __init__(self, steps: int, seconds: float) -> None:
        self.steps = steps
        self.seconds = seconds
        self.output = MAX_OUTPUT
        self.started = 0.0


CURRENT: contextvars.ContextVar[Budget] = contextvars.ContextVar("postkit_template_budget")


class BudgetExceededError(SecurityError):
    """The template did more work than ``MAX_STEPS`` allows."""


def tick(steps: int = 1) -> None:
    budget = CURRENT.get(None)
    if budget is None:
        return
    budget.steps -= steps
    if budget.steps < 0:
        msg = (
            f"template did more than {MAX_STEPS:,} loop steps, calls or other work for one record; is a loop unbounded?"
        )
        raise BudgetExceededError(msg)
    if budget.started and time.monotonic() - budget.started > budget.seconds:
        msg = f"template rendered for more than {MAX_SECONDS:g} seconds for one record"
        raise BudgetExceededError(msg)


def charge(size: int) -> None:
    """Charge work on ``size`` characters or items: one step, plus one per WORK_UNIT."""
    tick(1 + size // WORK_UNIT)


def budgeted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every template ``for`` loop iterates through this (see ``_Harden``)."""
    for item in iterable:
        tick()
        yield item


def weight(value: Any, limit: int = MAX_SIZE) -> int:
    """How big ``value`` is when flattened: characters of strings, items of containers.

    Counts shared references each time (``[s] * 9`` weighs nine ``s``), because that is
    what ``tojson``, ``join`` or printing would build. Stops once past ``limit``, so
    weighing costs at most about ``limit`` steps. Weighing is Python-level work, so every
    item visited is charged (a quarter step each) to the record's budget.
    """
    if type(value) is str:  # the common cases, without the walk: a string, a list of strings
        return len(value)
    if type(value) is list and len(value) <= limit and all(type(item) is str for item in value):
        total = 1 + sum(map(len, value))
        if total <= limit:
            if len(value) >= 4:  # visited: the list and its items (see below)
                tick((len(value) + 1) // 4)
            return total
    total = 0
    visited = 0
    stack = [value]
    while stack and total <= limit:
        visited += 1
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 1
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1  # about its decimal digits
        elif isinstance(item, range):
            total += len(item) + 1
        elif isinstance(item, Mapping):
            total += 1
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 1
            stack.extend(item)
        else:
            total += 1
    if visited > 4:
        tick(visited // 4)
    return total


def sliced(value: Any, start: Any, stop: Any, step: Any) -> Any:
    """``value[start:stop:step]`` (see ``_Harden``): charged by what it copies."""
    cut = slice(start, stop, step)
    with contextlib.suppress(TypeError, ValueError):
        charge(len(range(len(value))[cut]))
    return value[cut]


def check_size(value: Any) -> Any:
    size = weight(value)
    if size > MAX_SIZE:
        msg = f"template built a value of more than {MAX_SIZE:,} characters or items"
        raise SecurityError(msg)
    return value


def weigh(value: Any) -> int:
    """Charge for the work an operation does on ``value`` (hashing, comparing, copying).

    Every such operation in CPython costs at most about the flattened size ``weight``
    counts, and no value over MAX_SIZE may take part in one.
    """
    if type(value) is str:  # the common case, O(1)
        size = len(value)
    else:
        size = weight(value)
        if size > MAX_SIZE:
            msg = f"template worked on a value of more than {MAX_SIZE:,} characters or items"
            raise SecurityError(msg)
    charge(size)
    return size


def search_cost(needle: Any, haystack: Any) -> None:
    """Extra charge for substring search: haystack × min(needle, SEARCH_FACTOR)."""
    if isinstance(needle, str) and isinstance(haystack, str):
        tick(len(haystack) * min(len(needle), SEARCH_FACTOR) // WORK_UNIT)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "lteq": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "gteq": lambda a, b: a >= b,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}


def compare(first: Any, *rest: Any) -> bool:
    """A comparison chain (see ``_Harden``): ``==``, ``<``, ``in``… charged by operand size."""
    weigh(first)
    left = first
    for index in range(0, len(rest), 2):
        operator, right = rest[index], rest[index + 1]
        weigh(right)
        if operator in ("in", "notin"):
            search_cost(left, right)
        if not COMPARE[operator](left, right):
            return False
        left = right
    return True


def built(value: Any) -> Any:
    """A tuple, list or dict literal (see ``_Harden``): no value outgrows MAX_SIZE.

    ``(a, a)`` weighs ``a`` twice, so forty nested pairs cannot be built, and every later
    hash or comparison of a value is bounded by its (charged) weight.
    """
    weigh(value)
    return value


def check_arguments(args: Iterable[Any]) -> None:
    """Reject whole-number arguments past MAX_SIZE: widths, counts and lengths that blow up."""
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            shown = str(value) if value.bit_length() < 64 else f"of {value.bit_length():,} bits"
            msg = f"argument {shown} is too large (at most {MAX_SIZE:,})"
            raise SecurityError(msg)


def check_size_of(what: str, size: int) -> None:
    if size > MAX_SIZE:
        msg = f"{what} would work on more than {MAX_SIZE:,} characters or items"
        raise SecurityError(msg)
    charge(size)


class budget:  # noqa: N801 - used as a function: ``with budget():``
    """One record's budget, which every render inside draws on (each platform, each rung).

    Inside a budget already, that one goes on. A class, not a generator: entered for every
    post and every render, ``contextlib``'s machinery cost a composed post ~3 µs.
    """

    __slots__ = ("_token",)

    def __init__(self) -> None:
        self._token: contextvars.Token[Budget] | None = None

    def __enter__(self) -> Budget:
        current = CURRENT.get(None)
        if current is None:
            current = Budget(MAX_STEPS, MAX_SECONDS)
            self._token = CURRENT.set(current)
        return current

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            CURRENT.reset(self._token)
            self._token = None


class rendering:  # noqa: N801 - used as a function: ``with rendering():``
    """One render, within the record's budget: a fresh output budget, the clock running."""

    __slots__ = ("_budget", "_current")

    def __init__(self) -> None:
        self._budget = budget()
        self._current: Budget | None = None

    def __enter__(self) -> None:
        current = self._current = self._budget.__enter__()
        current.output = MAX_OUTPUT
        current.started = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        current = self._current
        if current is not None:
            current.seconds -= time.monotonic() - current.started
            current.started = 0.0
        self._budget.__exit__(*exc)
