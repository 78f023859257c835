"""The WHATWG URL standard, as much of it as changes how an http(s) URL is shown.

Bluesky's app shows a link through ``new URL(...)``: scheme and userinfo dropped, host
lowercased (IDN to punycode, default port removed, IPv4/IPv6 normalised), dot segments
resolved, characters outside the spec's percent-encode sets kept and the rest encoded.
:func:`http_parts` is the plain reference; ``_whatwg_fast`` answers the common case.
Internationalised hosts follow UTS #46 (NFKC case folding, ignorables dropped, punycode);
its bidi rule and unassigned-character checks are not applied.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

import regex

__all__ = ["DEFAULT_PORTS", "MAX_PORT", "http_parts", "ipv4_number"]

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


def _domain_to_ascii(domain: str) -> str | None:
    """UTS #46 ToASCII as the URL standard calls it (non-transitional, not strict).

    The mapping step is NFKC case folding: default-ignorable characters (U+200B, soft
    hyphen, variation selectors) vanish, compatibility forms and capitals fold, IDN full
    stops become dots; the deviations ß and ς stay (non-transitional). A joiner (ZWJ,
    ZWNJ) must follow a virama (CheckJoiners, stricter for ZWNJ, whose joining-type
    contexts are not checked: a host refused here is shown in full, which counts more).
    Each non-ASCII label is then punycoded. Exact for ASCII hosts.
    """
    if domain.isascii():
        return domain.lower()
    mapped = unicodedata.normalize("NFC", "".join(_uts46_map(part) for part in _DEVIATIONS.split(domain)))
    labels: list[str] = []
    for label in mapped.translate(_IDN_DOTS).split("."):
        if label.isascii():
            labels.append(label)
            continue
        for joiner in _JOINERS.finditer(label):
            if joiner.start() == 0 or unicodedata.combining(label[joiner.start() - 1]) != _VIRAMA:
                return None
        try:
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels)


# UTS #46 keeps these as they are (non-transitional deviations); everything else maps.
_DEVIATIONS = re.compile("([\u00df\u03c2\u200c\u200d])")
_JOINERS = re.compile("[\u200c\u200d]")
_VIRAMA = 9  # canonical combining class of a virama
_IGNORED = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def _uts46_map(part: str) -> str:
    if len(part) == 1 and _DEVIATIONS.fullmatch(part):
        return part
    part = _IGNORED.sub("", part)
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
