"""The WHATWG URL standard, as much of it as changes how an http(s) URL is shown.

Bluesky's app shows a link through ``new URL(...)``: scheme and userinfo dropped, host
lowercased (IDN to punycode, default port removed, IPv4/IPv6 normalised), dot segments
resolved, characters outside the spec's percent-encode sets kept and the rest encoded.
:func:`http_parts` is the plain reference; ``_whatwg_fast`` answers the common case.
Internationalised hosts follow UTS #46 (NFKC case folding, ignorables dropped, punycode)
with the checks the app's parser makes: the characters it refuses (its table, its Unicode:
``data/url_host.txt``, asked of node's parser), a leading combining mark, joiners,
the bidi rule as far as it applies it, and ``xn--`` labels that must decode.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import re
import unicodedata

import attrs
import regex

from postkit import _data

__all__ = ["DEFAULT_PORTS", "MAX_PORT", "http_parts", "ipv4_number", "newer_than_python", "parse_table"]

# characters outside the spec's percent-encode sets kept while the rest are encoded.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
DEFAULT_PORTS = {"http": 80, "https": 443}
_FORBIDDEN_HOST = re.compile("[\x00-\x20#%/:<>?@\\[\\\\\\]^|\x7f]")
_PATH_SET = frozenset(' "#<>?^`{}')
_QUERY_SET = frozenset(" \"#<>'")
_FRAGMENT_SET = frozenset(' "<>`')
_DOTS = {".", "%2e"}
_DOUBLE_DOTS = {"..", ".%2e", "%2e.", "%2e%2e"}
_IDN_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
MAX_PORT = 65535
_PERCENT_BYTE = re.compile(rb"%([0-9A-Fa-f]{2})")
_DECIMAL_DIGITS = frozenset("0123456789")
_OCTAL_DIGITS = frozenset("01234567")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def http_parts(url: str) -> tuple[str, str] | None:
    """``(host[:port], pathname + search + hash)`` of an http(s) URL, or None."""
    text = url.strip("".join(map(chr, range(0x21)))).translate({9: None, 10: None, 13: None})
    scheme_match = _SCHEME.match(text)
    if scheme_match is None:
        return None
    scheme = scheme_match.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        return None
    rest = text[scheme_match.end() :].lstrip("/\\")
    cut = len(rest)
    for mark in "/\\?#":
        at = rest.find(mark)
        if 0 <= at < cut:
            cut = at
    authority, rest = rest[:cut], rest[cut:]
    authority = authority.rpartition("@")[2]
    if authority.startswith("["):
        close = authority.find("]")
        host_text, port_text = authority[: close + 1], authority[close + 1 :]
        if close < 0 or (port_text and not port_text.startswith(":")):
            return None
        port_text = port_text[1:]
    else:
        host_text, _, port_text = authority.partition(":")
    host = _parse_host(host_text)
    if host is None:
        return None
    if port_text:
        if not port_text.isascii() or not port_text.isdigit() or int(port_text) > MAX_PORT:
            return None
        if int(port_text) != DEFAULT_PORTS[scheme]:
            host = f"{host}:{int(port_text)}"
    rest, _, fragment = rest.partition("#")
    path, _, query = rest.partition("?")
    shown = _serialize_path(path)
    if query:
        shown += "?" + _percent_encode(query, _QUERY_SET)
    if fragment:
        shown += "#" + _percent_encode(fragment, _FRAGMENT_SET)
    return host, shown


_ASSIGNED = regex.compile(r"\P{Cn}")


def newer_than_python(url: str) -> bool:
    """Whether ``url`` holds a character newer than Python's Unicode (known to ``regex``).

    Python's normalization and case data (``unicodedata``) do not know it, so a host holding
    one may be mapped, reordered or checked otherwise than by the app's parser: the caller
    takes the longer of the two ways the app may show the link.
    """
    return not url.isascii() and any(
        unicodedata.category(char) == "Cn" and _ASSIGNED.match(char) for char in url if not char.isascii()
    )


def _percent_encode(text: str, extra: frozenset[str]) -> str:
    """UTF-8 percent-encode C0 controls, non-ASCII and ``extra`` (a spec encode set)."""
    if text.isascii() and text.isprintable() and not extra.intersection(text):
        return text
    out: list[str] = []
    for char in text:
        if char.isascii() and char.isprintable() and char not in extra:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "replace"))
    return "".join(out)


def _serialize_path(path: str) -> str:
    if not path:
        return ""
    segments = re.split(r"[/\\]", path)[1:]
    kept: list[str] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        lowered = segment.lower()
        if lowered in _DOUBLE_DOTS:
            if kept:
                kept.pop()
            if index == last:
                kept.append("")
        elif lowered in _DOTS:
            if index == last:
                kept.append("")
        else:
            kept.append(_percent_encode(segment, _PATH_SET))
    pathname = "/" + "/".join(kept)
    return "" if pathname == "/" else pathname


def _parse_host(text: str) -> str | None:
    if not text:
        return None
    if text.startswith("["):
        if not text.endswith("]") or "%" in text:
            return None
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError:
            return None
    domain = _percent_decode(text).translate(_IDN_DOTS)
    ascii_host = _domain_to_ascii(domain)
    if ascii_host is None or _FORBIDDEN_HOST.search(ascii_host):
        return None
    labels = ascii_host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    if (last and _DECIMAL_DIGITS.issuperset(last)) or ipv4_number(last) is not None:
        return _ipv4(labels)  # "ends in a number": an IPv4 address or a failure
    return ascii_host


def _percent_decode(text: str) -> str:
    if "%" not in text:
        return text
    raw = _PERCENT_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8"))
    return raw.decode("utf-8", "replace")


@functools.lru_cache(maxsize=4096)
def _domain_to_ascii(domain: str) -> str | None:
    """UTS #46 ToASCII as the URL standard calls it (non-transitional, not strict), or None.

    As the app's parser has it (node's, Ada; ``tests/oracles/url_hosts.py`` asks it): a
    character its table refuses (disallowed, unassigned in its Unicode — the newest emoji —,
    or mapped to a full stop: ``…``, ``⒈``, ``․``) refuses the host (``data/url_host.txt``).
    The mapping step is NFKC case folding: default-ignorable characters (U+200B, soft
    hyphen, variation selectors) vanish, compatibility forms and capitals fold, IDN full
    stops become dots; the deviations ß and ς stay (non-transitional). Each label is then
    checked (:func:`_label_valid`) and a non-ASCII one punycoded; an ``xn--`` label must
    decode to a valid label. Remembered per host: a feed's links share a few.
    """
    if domain.isascii():
        lowered = domain.lower()
        if "xn--" in lowered and not all(_punycode_valid(label) for label in lowered.split(".")):
            return None
        return lowered
    if _refused(domain):
        return None
    mapped = unicodedata.normalize("NFC", "".join(_uts46_map(part) for part in _DEVIATIONS.split(domain)))
    labels: list[str] = []
    for label in mapped.translate(_IDN_DOTS).split("."):
        if label.isascii():
            if not _punycode_valid(label):
                return None
            labels.append(label)
            continue
        if not _label_valid(label):
            return None
        try:
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels) or None  # nothing but ignorable characters: no host


@attrs.frozen
class _ParserTable:
    """What the app's URL parser does by character (``data/url_host.txt``, asked of the parser).

    ``refused``: characters refused in any host (and the surrogates), the BMP ones as a
    class, the astral ones as sorted ranges; ``marks_unknown``:
    combining marks it accepts at the start of a label; ``bidi``: the bidi class its
    (older) table gives where it differs from ``regex``'s ("" where it knows none);
    ``bidi_listed``: those characters; ``mapped``: where its UTS #46 mapping differs from
    postkit's NFKC case folding (characters newer than Python's Unicode).
    """

    refused: re.Pattern[str]
    refused_astral: tuple[tuple[int, int], ...]
    refused_astral_starts: tuple[int, ...]
    marks_unknown: re.Pattern[str]
    bidi: dict[str, str]
    bidi_listed: re.Pattern[str]
    mapped: dict[int, str]


@functools.cache
def _parser_table() -> _ParserTable:
    return parse_table(_data.read_text("url_host.txt"))


def parse_table(text: str) -> _ParserTable:
    """The parser's table from the text of ``data/url_host.txt`` (its generator builds it in steps)."""
    bidi: dict[str, str] = {}
    bidi_ranges: list[tuple[int, int]] = []
    mapped: dict[int, str] = {}
    refused: list[tuple[int, int]] = [(0xD800, 0xDFFF)]
    marks: list[tuple[int, int]] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 2 and fields[0] in {"refused", "mark-unknown"}:
            first, _, last = fields[1].partition("-")
            (refused if fields[0] == "refused" else marks).append((int(first, 16), int(last or first, 16)))
        elif len(fields) == 3 and fields[0] == "bidi":
            first, _, last = fields[1].partition("-")
            low, high = int(first, 16), int(last or first, 16)
            bidi_ranges.append((low, high))
            bidi.update(dict.fromkeys(map(chr, range(low, high + 1)), "" if fields[2] == "none" else fields[2]))
        elif len(fields) == 3 and fields[0] == "map":
            mapped[int(fields[1], 16)] = "".join(chr(int(code, 16)) for code in fields[2].split("+"))
    astral = tuple(sorted((a, b) for a, b in refused if a > _BMP_END))
    return _ParserTable(
        refused=_class(tuple((a, min(b, _BMP_END)) for a, b in refused if a <= _BMP_END)),
        refused_astral=astral,
        refused_astral_starts=tuple(a for a, _ in astral),
        marks_unknown=_class(tuple(marks)),
        bidi=bidi,
        bidi_listed=_class(tuple(bidi_ranges)),
        mapped=mapped,
    )


def _refused(text: str) -> bool:
    """Whether ``text`` holds a character the app's URL parser refuses in any host (or a surrogate).

    The class holds hundreds of astral ranges, which the engine would test one by one for
    every character: the BMP ones are a class, astral characters (rare in a host) are
    looked up in the ranges.
    """
    table = _parser_table()
    if table.refused.search(text) is not None:
        return True
    if _ASTRAL.search(text) is None:
        return False
    starts = table.refused_astral_starts
    for char in text:
        code = ord(char)
        if code > _BMP_END:
            at = bisect.bisect_right(starts, code) - 1
            if at >= 0 and code <= table.refused_astral[at][1]:
                return True
    return False


def _refused_reference(text: str) -> bool:
    """The reference of :func:`_refused`: one class of every refused range."""
    return _refused_class().search(text) is not None


@functools.cache
def _refused_class() -> re.Pattern[str]:
    return _class((*_data.code_ranges("url_host.txt", "refused"), (0xD800, 0xDFFF)))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BMP_END = 0xFFFF


def _class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    if not ranges:
        return re.compile("(?!)")
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def _punycode_valid(label: str) -> bool:
    """Whether an ASCII label is fine: not ``xn--``, or punycode of a valid, non-empty label."""
    if not label.startswith("xn--"):
        return True
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError, IndexError):
        return False
    if not decoded or _refused(decoded):
        return False
    # A decoded label must be as UTS #46 would have made it: no character it maps, in NFC.
    mapped = unicodedata.normalize("NFC", "".join(_uts46_map(part) for part in _DEVIATIONS.split(decoded)))
    return mapped == decoded and _label_valid(decoded)


# The checks of one label (UTS #46 section 4.1), as the app's parser makes them: no
# leading combining mark; the first joiner decides (CheckJoiners: after a virama it is
# fine, and the parser looks no further; a ZWNJ otherwise needs a joining letter on both
# sides); and in a label holding a right-to-left character, the bidi rule (RFC 5893) as
# far as the parser applies it: a label starting left-to-right may not hold R, AL or AN
# before its last strong character; any other is checked as right-to-left.
_LEADING_MARK = regex.compile(r"\p{M}")
_VIRAMA_BEFORE = regex.compile(r"\p{ccc=Virama}")
# The parser knows joining letters of Arabic, Syriac, Mongolian and Phags-pa only (not N'Ko).
_JOINING_SCRIPTS = "\u0620-\u077f\u0840-\u085f\u08a0-\u08ac\u1807-\u18aa\ua840-\ua872"
_JOINING_LEFT = regex.compile(rf"(?V1)[[\p{{jt=L}}\p{{jt=D}}]&&[{_JOINING_SCRIPTS}]]")
_JOINING_RIGHT = regex.compile(rf"(?V1)[[\p{{jt=R}}\p{{jt=D}}]&&[{_JOINING_SCRIPTS}]]")
_RTL = regex.compile(r"[\p{bc=R}\p{bc=AL}\p{bc=AN}]")
_LTR_ALLOWED = frozenset({"L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_RTL_ALLOWED = frozenset({"R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_RTL_LAST = frozenset({"R", "AL", "AN", "EN"})
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_BIDI_CLASSES = tuple(
    (name, regex.compile(rf"\p{{bc={name}}}"))
    for name in ("L", "R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM")
)


def _label_valid(label: str) -> bool:
    if not label:
        return True
    table = _parser_table()
    if _LEADING_MARK.match(label) and not table.marks_unknown.match(label):
        return False
    joiner = _JOINERS.search(label)
    if joiner is not None:
        return _joiner_valid(label, joiner.start())
    if _RTL.search(label) is None and table.bidi_listed.search(label) is None:
        return True
    classes = [_bidi_class(char) for char in label]
    if not _RTL_CLASSES.intersection(classes):
        return True  # its right-to-left characters are newer than the parser's table
    last = max((i for i, name in enumerate(classes) if name != "NSM"), default=-1)
    if last < 0:
        return False
    if classes[0] == "L":
        return all(name in _LTR_ALLOWED for name in classes[:last])
    if "EN" in classes[: last + 1] and "AN" in classes[: last + 1]:
        return False
    return all(name in _RTL_ALLOWED for name in classes[: last + 1]) and classes[last] in _RTL_LAST


def _joiner_valid(label: str, at: int) -> bool:
    if at > 0 and _VIRAMA_BEFORE.match(label[at - 1]):
        return True
    if label[at] == "\u200d" or at in {0, len(label) - 1}:
        return False
    return _JOINING_LEFT.search(label, 0, at) is not None and _JOINING_RIGHT.search(label, at + 1) is not None


def _bidi_class(char: str) -> str:
    listed = _parser_table().bidi.get(char)
    if listed is not None:
        return listed  # the parser's table is older: its class ("" for none: allowed nowhere)
    return next((name for name, pattern in _BIDI_CLASSES if pattern.match(char)), "")


# UTS #46 keeps these as they are (non-transitional deviations); everything else maps.
_DEVIATIONS = re.compile("([\u00df\u03c2\u200c\u200d])")
_JOINERS = re.compile("[\u200c\u200d]")
_IGNORED = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def _uts46_map(part: str) -> str:
    if len(part) == 1 and _DEVIATIONS.fullmatch(part):
        return part
    part = _IGNORED.sub("", part)
    mapped = _parser_table().mapped
    if mapped and any(ord(char) in mapped for char in part):
        part = part.translate(mapped)
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", part).casefold())


def ipv4_number(part: str) -> int | None:
    """An IPv4 part as the URL standard reads it (decimal, 0x-hex, 0-octal), or None."""
    if part[:2] in {"0x", "0X"}:
        digits, allowed, base = part[2:], _HEX_DIGITS, 16
    elif len(part) > 1 and part.startswith("0"):
        digits, allowed, base = part[1:], _OCTAL_DIGITS, 8
    else:
        digits, allowed, base = part, _DECIMAL_DIGITS, 10
    if not digits:
        return 0 if base != 10 else None
    if not allowed.issuperset(digits):
        return None
    return int(digits, base)


def _ipv4(labels: list[str]) -> str | None:
    numbers = [ipv4_number(label) for label in labels]
    if len(numbers) > 4 or any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    address = values[-1]
    for index, value in enumerate(values[:-1]):
        address += value * 256 ** (3 - index)
    return str(ipaddress.IPv4Address(address))
