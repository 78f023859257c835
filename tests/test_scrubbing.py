"""postkit.scrubbing: no secret survives in a text or in a log record made while scrubbing."""

from __future__ import annotations

import logging
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.scrubbing import Scrubber, scrubbed_logs


class TestScrubber:
    @given(
        st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_+/=", min_size=4, max_size=40),
        st.text(" .,;!?()\n\t\"'é日本", max_size=40),
        st.text(" .,;!?()\n\t\"'é日本", max_size=40),
    )
    def test_a_secret_never_survives(self, secret: str, before: str, after: str) -> None:
        """Raw, percent-encoded or form-encoded, a secret is gone from whatever text holds it."""
        scrub = Scrubber([secret])
        for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
            cleaned = scrub(before + form + after)
            assert secret not in cleaned
            assert form not in cleaned
            assert cleaned.startswith(before)

    def test_short_values_are_left_alone(self) -> None:
        assert "the id is 42" == Scrubber(["42", ""])("the id is 42")


def _refuse(secret: str) -> None:
    """A server's refusal that quotes the secret back."""
    raise RuntimeError(f"refused {secret}")


def test_log_records_are_scrubbed_while_publishing(caplog: pytest.LogCaptureFixture) -> None:
    """A log record made inside ``scrubbed_logs`` (message, arguments, traceback) holds no secret; after it, logging is as before."""
    secret = "s3cr3t-token-value"
    log = logging.getLogger("postkit.test.scrubbing")
    with caplog.at_level(logging.INFO), scrubbed_logs(Scrubber([secret])):
        log.info("GET https://api.example/?token=%s", secret)
        try:
            _refuse(secret)
        except RuntimeError:
            log.exception("failed")
    text = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)

    assert "token=***" in text
    assert "refused ***" in text
    assert secret not in text
    assert logging.getLogRecordFactory() is logging.LogRecord
