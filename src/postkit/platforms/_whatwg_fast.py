"""The fast path of :func:`postkit.platforms.whatwg.http_parts` for the common URL.

Tests compare it with the reference on generated URLs; it answers None whenever the
full parser could change more than the case of the host.
"""

from __future__ import annotations

import re

from postkit.platforms.whatwg import DEFAULT_PORTS, MAX_PORT, ipv4_number

__all__ = ["simple_http_parts"]

# A URL toShortUrl shows without the full parser: scheme, ASCII host, port, and a path,
# query and fragment of characters the URL standard leaves as they are.
_SIMPLE_URL = re.compile(
    r"(?P<scheme>[hH][tT][tT][pP][sS]?)://(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)"
    r"(?::(?P<port>[0-9]{1,5}))?(?P<path>/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?"
    r"(?P<query>\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?(?P<fragment>#[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*)?\Z"
)
_DOT_SEGMENT = re.compile(r"/(?:\.|%2e){1,2}(?=/|\Z)", re.IGNORECASE)
_DECIMAL_DIGITS = frozenset("0123456789")


def simple_http_parts(url: str) -> tuple[str, str] | None:
    """``whatwg.http_parts`` for the common URL the parser would not change but for case.

    A plain ASCII host that does not end in a number and holds no punycode label, no dot
    segments, nothing that the URL standard percent-encodes; anything else (None) goes to
    the full parser.
    """
    match = _SIMPLE_URL.match(url)
    if match is None:
        return None
    scheme, host, port, path, query, fragment = match.group("scheme", "host", "port", "path", "query", "fragment")
    if "-" in host and "xn--" in host.lower():
        return None  # a punycode label: the full parser checks that it decodes
    last = host.rpartition(".")[2]
    if (last and _DECIMAL_DIGITS.issuperset(last)) or ipv4_number(last) is not None:
        return None  # an IPv4 address, or no valid host: the full parser decides
    if path and _DOT_SEGMENT.search(path):
        return None
    if port:
        if int(port) > MAX_PORT:
            return None
        if int(port) != DEFAULT_PORTS[scheme.lower()]:
            host = f"{host}:{int(port)}"
    shown = path if path and path != "/" else ""
    if query and query != "?":
        shown += query
    if fragment and fragment != "#":
        shown += fragment
    return host.lower(), shown
