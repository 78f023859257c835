"""The fast path of X's weighting: light characters counted on UTF-8 bytes.

:meth:`postkit.platforms.x._Weights.weigh_reference` is the plain version; the tests
compare the two on generated text.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

__all__ = ["Utf8Light", "utf8_light"]


# Per lead byte: (lead, prefixes whose characters are light, a pattern of exceptions,
# -1 if those are heavy (added back) or 1 if light (taken off)).
_Plan: TypeAlias = tuple[bytes, tuple[bytes, ...], re.Pattern[bytes] | None, int]


@attrs.frozen
class Utf8Light:
    """Counting light characters on UTF-8 bytes, for twitter-text's shape of table.

    That shape: the light ranges share one weight, cover everything below U+0800 and
    otherwise lie in the BMP.

    Characters from U+0800 up are exactly those whose UTF-8 lead byte is 0xE0 or more
    (``bytes.translate`` counts them). The light ones among them are counted per lead
    byte that occurs in the text: whole lead bytes or lead + second byte prefixes
    (``bytes.count``), less the heavy characters of mostly light 64-character blocks,
    plus the light characters of mostly heavy ones (small byte patterns). See
    :meth:`postkit.platforms.x._Weights.weigh`.
    """

    light: int
    plans: tuple[_Plan, ...]

    def weigh(self, text: str, default: int) -> int:
        """Scaled weight of plain text, counted on its UTF-8 bytes."""
        # Characters from U+0800 up are exactly those whose UTF-8 lead byte is 0xE0 or
        # more; the light ones among them are counted per lead byte present.
        encoded = text.encode("utf-8", "surrogatepass")
        wide = len(encoded) - len(encoded.translate(None, _HIGH_LEAD_BYTES))
        if wide:
            for lead, prefixes, exceptions, sign in self.plans:
                if lead in encoded:
                    for prefix in prefixes:
                        wide -= encoded.count(prefix)
                    if exceptions is not None:
                        wide -= sign * len(exceptions.findall(encoded))
        return self.light * len(text) + (default - self.light) * wide


_HIGH_LEAD_BYTES = bytes(range(0xE0, 0x100))
_TWO_BYTE_END = 0x800  # UTF-8 encodes code points below this in one or two bytes
_BLOCK = 0x40  # code points sharing a UTF-8 lead and second byte
_LEAD_BLOCK = 0x1000  # code points sharing a UTF-8 lead byte (three-byte forms)


def utf8_light(ranges: list[tuple[int, int, int]], default: int) -> Utf8Light | None:
    """The byte-level counter for ``ranges``, if the table has the shape it needs."""
    weights = {weight for _, _, weight in ranges}
    if len(weights) != 1 or default in weights or max(end for _, end, _ in ranges) > 0xFFFF:
        return None
    light = bytearray(0x10000)
    for start, end, _ in ranges:
        light[start : end + 1] = b"\x01" * (end + 1 - start)
    if light[:_TWO_BYTE_END].count(0):
        return None
    plans: list[_Plan] = []
    for lead_index in range(_TWO_BYTE_END // _LEAD_BLOCK, 0x10):
        first = max(lead_index * _LEAD_BLOCK, _TWO_BYTE_END)
        last = (lead_index + 1) * _LEAD_BLOCK
        lead = bytes([0xE0 | lead_index])
        if not light[first:last].count(0):
            plans.append((lead, (lead,), None, 0))
            continue
        prefixes: list[bytes] = []
        heavy: list[bytes] = []  # exceptions inside counted (mostly light) blocks
        extra: list[bytes] = []  # light characters of mostly heavy blocks
        for block in range(first, last, _BLOCK):
            flags = light[block : block + _BLOCK]
            prefix = chr(block).encode("utf-8", "surrogatepass")[:2]
            if flags.count(1) * 2 > _BLOCK:
                prefixes.append(prefix)
                if flags.count(0):
                    heavy.append(prefix + _third_bytes(flags, 0))
            elif flags.count(1):
                extra.append(prefix + _third_bytes(flags, 1))
        if heavy and extra:
            return None  # not needed for twitter-text's tables; keeps the plan simple
        if prefixes or extra:
            found = heavy or extra
            pattern = re.compile(b"|".join(found)) if found else None
            plans.append((lead, tuple(prefixes), pattern, -1 if heavy else 1))
    return Utf8Light(light=weights.pop(), plans=tuple(plans))


def _third_bytes(flags: bytearray, wanted: int) -> bytes:
    """A bytes class of the UTF-8 third bytes of a 64-block's code points flagged ``wanted``."""
    return b"[" + bytes(0x80 | index for index, flag in enumerate(flags) if flag == wanted) + b"]"
