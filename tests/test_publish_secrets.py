"""No secret reaches an output, a log, the state file or a traceback: a canary in every secret variable.

Every secret variable holds a canary; the servers (tests/fake_apis.py, hostile) echo each request's URL,
headers and body back in their errors, as careless servers do; logging is on at DEBUG for every library
(httpx logs a Telegram URL, which holds the bot token; oauthlib logs X's signed headers); ``--debug`` shows
tracebacks. The canaries must appear nowhere: not raw, not URL-encoded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

from fake_apis import DRIVER, serving

ROOT = Path(__file__).resolve().parent.parent
CANARIES = {
    "BLUESKY_APP_PASSWORD": "canary-bsky-7f3a-9c1e",
    "MASTODON_ACCESS_TOKEN": "canary-mastodon-52d8e1",
    "X_API_KEY": "canary-xkey-0b77aa",
    "X_API_SECRET": "canary-xsecret-91f0c3",
    "X_ACCESS_TOKEN": "canary-xtoken-4c2d19",
    "X_ACCESS_TOKEN_SECRET": "canary-xtsecret-e83b70",
    "TELEGRAM_BOT_TOKEN": "123456:canary-telegram-AAF9x",
}


def forms(secret: str) -> set[str]:
    return {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret), urllib.parse.quote(secret)}


def leaks(text: str) -> list[str]:
    return [name for name, secret in CANARIES.items() for form in forms(secret) if form in text]


def run(
    tmp_path: Path, apis_url: str, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    records = tmp_path / "news.jsonl"
    records.write_text(json.dumps({"id": "r1", "title": "Kaim reopens", "url": "https://news.example/kaim"}) + "\n")
    return subprocess.run(
        [sys.executable, "-c", DRIVER, "--debug", "publish", str(records), "--state", str(tmp_path / "s.db"), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            **os.environ,
            **CANARIES,
            "PYTHONPATH": str(ROOT / "src"),
            "POSTKIT_TEST_DEBUG_LOGS": "1",
            "BLUESKY_SERVICE": apis_url,
            "BLUESKY_HANDLE": "news.test",
            "MASTODON_API_BASE_URL": apis_url,
            "TELEGRAM_API_URL": apis_url,
            "TELEGRAM_CHAT_ID": "@harbourwire",
            "FAKE_APIS_URL": apis_url,
            **(env or {}),
        },
    )


def state_bytes(tmp_path: Path) -> str:
    return "".join(p.read_bytes().decode("latin-1") for p in tmp_path.iterdir() if p.name.startswith("s.db"))


def test_no_secret_in_any_output_log_state_or_traceback(tmp_path):
    with serving(hostile=True) as apis:
        result = run(tmp_path, apis.url, "-p", "bluesky,mastodon,x,telegram", "-f", "jsonl")

    seen = result.stdout + result.stderr + state_bytes(tmp_path)
    assert [] == leaks(seen)
    assert 1 == result.returncode, result.stderr
    # The servers did echo the requests (so the secrets were there to leak), and the logs were on:
    assert result.stderr.count("***") >= 4, result.stderr
    assert "DEBUG:" in result.stderr
    assert {"failed", "pending"} <= {json.loads(line)["status"] for line in result.stdout.splitlines()}


def test_no_secret_in_a_debug_traceback(tmp_path):
    """An unexpected failure whose exception holds a secret (as an SDK's can): --debug shows a traceback without it."""
    with serving() as apis:
        result = run(
            tmp_path, apis.url, "-p", "telegram", env={"POSTKIT_TEST_BREAK_RUN": CANARIES["TELEGRAM_BOT_TOKEN"]}
        )

    assert "Traceback (most recent call last)" in result.stderr
    assert "PublishError: publishing stopped: RuntimeError: the SDK said: ***" in result.stderr
    assert [] == leaks(result.stdout + result.stderr + state_bytes(tmp_path))
