"""The progress bar ``compose`` and ``check`` show on a terminal's stderr (tqdm)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

__all__ = ["Progress"]

T = TypeVar("T")


class Progress:
    """A progress bar on ``stream`` (tqdm) when it is a terminal; nothing at all otherwise.

    Long runs (20,000 records) are not silent in a terminal, and CI logs and pipes get no
    bar characters. ``note`` prints a line above the bar (errors and warnings).
    """

    def __init__(self, stream: IO[str], unit: str) -> None:
        self.stream = stream
        self.unit = unit
        self._bar: object | None = None

    def wrap(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, counted on the bar as they are consumed."""
        isatty = getattr(self.stream, "isatty", None)
        if not (callable(isatty) and isatty()):
            yield from items
            return
        from tqdm import tqdm  # noqa: PLC0415 - only for a terminal

        with tqdm(items, file=self.stream, unit=f" {self.unit}", leave=False, dynamic_ncols=True) as bar:
            self._bar = bar
            yield from bar
        self._bar = None

    def note(self, line: str) -> None:
        """Print ``line`` on the stream without breaking the bar."""
        if self._bar is None:
            print(line, file=self.stream)
            return
        from tqdm import tqdm  # noqa: PLC0415

        tqdm.write(line, file=self.stream)
