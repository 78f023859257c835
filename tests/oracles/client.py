"""A client for ``oracle.mjs``: one node process, JSON lines in and out; and Ruby 3.4 (``ruby``).

Each request is one line (a whole batch of strings or records) and each answer one line,
so neither side can block on a full pipe while the other waits. :func:`ruby` runs
``mastodon/ruby.mjs`` (Ruby 3.4 as WebAssembly: Mastodon's Ruby and its Unicode 15.0).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
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

    def hosts(self, hosts: list[str]) -> list[str | None]:
        """Per host: ``new URL('https://' + host + '/').host`` (node's WHATWG URL parser), None if refused."""
        return list(self._ask({"op": "hosts", "hosts": hosts}))

    def refused_host_chars(self, first: int = 0x80, last: int = 0x10FFFF) -> list[tuple[int, int]]:
        """Ranges of the code points node's URL parser refuses in a host whatever surrounds them."""
        return [(a, b) for a, b in self._ask({"op": "refusedHostChars", "from": first, "to": last})]

    def hashtags(self, texts: list[str]) -> list[dict[str, list[str]]]:
        """Per text: the hashtags (without "#") of ``{x, bsky, mastodon}``: twitter-text's
        ``extractHashtags``, detectFacets' tag facets, Mastodon's ``HASHTAG_RE`` (see oracle.mjs)."""
        return list(self._ask({"op": "hashtags", "texts": texts}))

    def close(self) -> None:
        """End the node process."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._process.stdout is not None:
            self._process.stdout.close()


RUBY = HERE / "mastodon" / "ruby.mjs"
RUBY_CHUNK = 20_000  # texts per ruby.wasm run


def ruby_missing() -> str | None:
    """Why Ruby 3.4 (ruby.wasm) cannot run here, or ``None`` when it can."""
    if shutil.which("node") is None:
        return "node is not installed (CI installs it: see .ci/run)"
    if not (RUBY.parent / "node_modules" / "@ruby" / "3.4-wasm-wasi").is_dir():
        return "Ruby 3.4 (ruby.wasm) is not installed: run `npm ci --prefix tests/oracles/mastodon` (CI does)"
    return None


def ruby(op: str, texts: list[str] | None = None) -> dict[str, Any]:
    """``mastodon/ruby.mjs``'s answer to ``op`` (``graphemes`` over ``texts``, or ``word``).

    node 20 crashes now and then in its garbage collector while ruby.wasm runs: the answer
    file is checked instead of the exit code, a run is tried again, and texts go in chunks.
    """
    chunks = [texts[start : start + RUBY_CHUNK] for start in range(0, len(texts), RUBY_CHUNK)] if texts else [[]]
    answer: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "out.json"
        for chunk in chunks:
            (Path(work) / "in.json").write_text(json.dumps(chunk), encoding="utf-8")
            for _ in range(5):
                out.unlink(missing_ok=True)
                command = ["node", "--single-threaded", str(RUBY), work, op]
                subprocess.run(command, check=False, stderr=subprocess.DEVNULL)
                if out.exists():
                    break
            part = json.loads(out.read_text(encoding="utf-8"))
            if "counts" in part:
                if len(part["counts"]) != len(chunk):
                    raise RuntimeError("ruby.mjs answered for another number of texts")
                part["counts"] = answer.get("counts", []) + part["counts"]
            answer.update(part)
    return answer
