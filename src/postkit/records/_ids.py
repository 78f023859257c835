"""The fast duplicate-id registry: ~32 bytes an id, so a million-record stream stays small.

A plain ``dict`` is the reference (the tests' oracle): it answers ``setdefault`` the same.
"""

from __future__ import annotations

import array
import hashlib

from postkit.errors import Location


class IdRegistry:
    """The ids seen in a run, in ~32 bytes each, so a million-record stream stays small.

    A dict of id strings to location tuples costs ~250 bytes a record; this keeps a 64-bit
    fingerprint of each id (BLAKE2b; a false duplicate among a billion ids has a chance
    of about 3 in 100 million) and its first place, packed, in two open-addressed arrays.
    """

    __slots__ = ("_keys", "_paths", "_size", "_values")

    def __init__(self) -> None:
        self._keys = array.array("Q", bytes(8 * 1024))
        self._values = array.array("Q", bytes(8 * 1024))
        self._paths: list[str] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def setdefault(self, key: str, default: Location, /) -> Location:
        """The first location of ``key``; records ``default`` (and returns it) if it is new."""
        mark = (
            int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little") | 1
        )  # 0 marks an empty slot
        keys = self._keys
        mask = len(keys) - 1
        slot = mark & mask
        while keys[slot]:
            if keys[slot] == mark:
                return self._unpack(self._values[slot])
            slot = (slot + 1) & mask
        keys[slot] = mark
        self._values[slot] = self._pack(default)
        self._size += 1
        if self._size * 5 > len(keys) * 3:
            self._grow()
        return default

    def _pack(self, where: Location) -> int:
        path, line, index = where
        if not self._paths or self._paths[-1] != path:
            self._paths.append(path)
        number, kind = (line, 1) if line is not None else (index, 2) if index is not None else (0, 0)
        return ((len(self._paths) - 1) << 42) | (kind << 40) | min(number or 0, (1 << 40) - 1)

    def _unpack(self, value: int) -> Location:
        path = self._paths[value >> 42]
        kind = (value >> 40) & 3
        number = value & ((1 << 40) - 1)
        return (path, number if kind == 1 else None, number if kind == 2 else None)

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        self._keys = array.array("Q", bytes(16 * len(old_keys)))
        self._values = array.array("Q", bytes(16 * len(old_values)))
        mask = len(self._keys) - 1
        for mark, value in zip(old_keys, old_values, strict=True):
            if mark:
                slot = mark & mask
                while self._keys[slot]:
                    slot = (slot + 1) & mask
                self._keys[slot] = mark
                self._values[slot] = value
