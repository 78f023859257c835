"""A client for ``oracle.mjs``: one node process, JSON lines in and out.

Each request is one line (a whole batch of strings or records) and each answer one line,
so neither side can block on a full pipe while the other waits.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "oracle.mjs"
MODULES = HERE / "node_modules"


def missing() -> str | None:
    """Why the oracle cannot run here, or ``None`` when it can."""
    if shutil.which("node") is None:
        return "node is not installed (CI installs it: see .ci/run)"
    if not (MODULES / "twitter-text").is_dir() or not (MODULES / "@atproto" / "api").is_dir():
        return "tests/oracles/node_modules is missing: run `npm ci --prefix tests/oracles` (CI does)"
    return None


class Oracle:
    """The platforms' own code (npm twitter-text 3.1.0, @atproto/api) in a node process."""

    def __init__(self) -> None:
        node = shutil.which("node") or "node"
        self._process = subprocess.Popen(
            [node, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=HERE,
        )

    def _ask(self, request: dict[str, Any]) -> Any:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        # ensure_ascii keeps lone surrogates and line separators out of the raw line.
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"oracle.mjs stopped (exit code {self._process.poll()})")
        return json.loads(line)

    def count(self, texts: list[str]) -> list[dict[str, Any]]:
        """Per text: x, xValid, bskyApp, bsky, links, tags, sent, graphemes (see oracle.mjs)."""
        return list(self._ask({"op": "count", "texts": texts}))

    def validate(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Per record: ``{"valid": bool, "error": str | None}`` from ``validateRecord``."""
        return list(self._ask({"op": "validate", "records": records}))

    def short_urls(self, urls: list[str]) -> list[str]:
        """Per URL: the Bluesky app's ``toShortUrl`` (node's WHATWG URL parser)."""
        return list(self._ask({"op": "shortUrl", "urls": urls}))

    def about(self) -> dict[str, str]:
        """The versions the answers come from: node, ICU, Unicode and the npm packages."""
        return dict(self._ask({"op": "about"}))

    def x_urls(self, texts: list[str]) -> list[list[list[Any]]]:
        """Per text: twitter-text's URL entities ``[start, end, url]``, offsets in code points."""
        return list(self._ask({"op": "xUrls", "texts": texts}))

    def units(self, texts: list[str]) -> list[dict[str, int]]:
        """Per text: ``{utf16, codepoints, graphemes}`` as JavaScript and node's ICU count them."""
        return list(self._ask({"op": "units", "texts": texts}))

    def close(self) -> None:
        """End the node process."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._process.stdout is not None:
            self._process.stdout.close()
