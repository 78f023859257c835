"""No secret in what postkit shows: texts scrubbed, and every log record made while publishing.

Account secrets come from the environment; a server's error, an SDK's log line or a
traceback may echo one back (an access token in a URL, a password in a form body). Every
message, ledger entry and log record publishing makes goes through a :class:`Scrubber`.
"""

from __future__ import annotations

import contextlib
import logging
import urllib.parse
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Scrubber", "scrubbed_logs"]


class Scrubber:
    """Replaces each secret (and its URL-encoded forms) with ``***`` in a text.

    Args:
        secrets: the values never to show; those under 4 characters are left alone
            (they would blank out ordinary words), as are empty ones.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if len(secret) >= 4:
                forms.update({secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote(secret)})
                forms.add(urllib.parse.quote_plus(secret))
        self._forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        """``text`` with every secret replaced."""
        for form in self._forms:
            if form in text:
                text = text.replace(form, "***")
        return text


@contextlib.contextmanager
def scrubbed_logs(scrub: Scrubber) -> Iterator[None]:
    """While publishing, every log record (the SDKs' and their HTTP libraries') is made without secrets.

    A record is made before any handler sees it, so wrapping the record factory scrubs
    the message, its arguments, and a traceback it carries, whoever configured logging.
    """
    before = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = before(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string in someone's log call
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield
    finally:
        logging.setLogRecordFactory(before)
