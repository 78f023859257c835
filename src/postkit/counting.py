"""Length counting in each platform's own unit (provisional version, being replaced)."""

from __future__ import annotations

import attrs
import regex

from postkit.platforms import Platform, get_platform

__all__ = ["Measurement", "fits", "measure", "measurements"]

_URL = regex.compile(r"https?://\S+")


@attrs.frozen
class Measurement:
    """One limit and the text's value against it."""

    value: int
    limit: int
    unit: str

    @property
    def over(self) -> bool:
        """Whether the value exceeds the limit."""
        return self.value > self.limit


def measure(text: str, platform: str | Platform) -> int:
    """Length of ``text`` in the platform's own unit."""
    p = get_platform(platform)
    if p.counter == "utf16":
        return len(text.encode("utf-16-le")) // 2
    if p.counter in {"x", "mastodon"}:
        text = _URL.sub("x" * (p.url_length or 23), text)
    return len(regex.findall(r"\X", text))


def measurements(text: str, platform: str | Platform) -> tuple[Measurement, ...]:
    """Every limit of the platform with the text's value against it, main limit first."""
    p = get_platform(platform)
    out = [Measurement(measure(text, p), p.limit, p.unit)]
    if p.byte_limit is not None:
        out.append(Measurement(len(text.encode()), p.byte_limit, "UTF-8 bytes"))
    return tuple(out)


def fits(text: str, platform: str | Platform) -> bool:
    """Whether ``text`` is within every limit of the platform."""
    return not any(m.over for m in measurements(text, platform))
