"""The preview page in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it); without it these tests
skip, saying so. The DevTools protocol runs over ``--remote-debugging-pipe`` (NUL-separated
JSON on file descriptors 3 and 4) with the standard library only.

The same client makes the README's screenshot:
``python tests/test_preview_browser.py examples docs/preview.png --height 1300 --scale 0.75``.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from postkit import Severity, Violation
from postkit.article import Article
from postkit.pipeline import Card, Row
from postkit.platforms.registry import builtin_platforms
from postkit.posts.composer import compose
from postkit.preview.page import render_preview

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("POSTKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
WIDTH = 1280
# Guards against a hung browser only; nothing asserts on time.
DEADLINE = 120.0


class CdpError(RuntimeError):
    """Chromium answered a DevTools command with an error, or went away."""


class Chromium:
    """A headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        to_child_r, self._write = os.pipe()
        self._read, from_child_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4. The child's ends are
        # moved above 9 first (a pipe may itself be fd 3 or 4), and bash, unlike dash,
        # redirects such descriptors.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child_r, from_child_w)]
        os.close(to_child_r)
        os.close(from_child_w)
        shell = f'exec "$0" "$@" 3<&{high[0]} 4>&{high[1]} {high[0]}<&- {high[1]}>&-'
        try:
            self.proc = subprocess.Popen(
                ["/bin/bash", "-c", shell, CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                pass_fds=high,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        finally:
            for fd in high:
                os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def send(self, method: str, params: dict[str, Any] | None = None, *, page: bool = True) -> dict[str, Any]:
        """Send a command (to the page's session unless ``page=False``) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if page and self.session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for an event of the page's session, keeping every other event seen."""
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def _receive(self) -> dict[str, Any]:
        end = time.monotonic() + DEADLINE
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], max(0.0, end - time.monotonic()))
            chunk = os.read(self._read, 1 << 20) if ready else b""
            if not chunk:
                raise CdpError("Chromium closed the DevTools pipe or stopped answering")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, url: str, *, width: int = WIDTH, height: int = 900) -> None:
        """Open ``url`` in a fresh page and wait until it has loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, page=False)[
            "sessionId"
        ]
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.send(domain)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (DevTools runs it, not the page)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CdpError(f"evaluate: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, height: int | None = None, scale: float = 1.0) -> bytes:
        """A PNG of the page, ``height`` CSS pixels from the top (default: all of it), scaled."""
        full = int(self.evaluate("document.documentElement.scrollHeight"))
        clip = {"x": 0, "y": 0, "width": WIDTH, "height": min(height or full, full), "scale": scale}
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})[
            "data"
        ]
        return base64.b64decode(data)

    def page_messages(self) -> list[str]:
        """Console output, uncaught exceptions and log entries the page produced."""
        out = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.consoleAPICalled":
                out.append(f"console.{params.get('type')}: {params.get('args')}")
            elif event.get("method") == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails')}")
            elif event.get("method") == "Log.entryAdded":
                entry = params.get("entry", {})
                out.append(f"log {entry.get('level')}: {entry.get('text')}")
        return out

    def close(self) -> None:
        """Ask Chromium to quit, and make sure it has."""
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close", page=False)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._read)
        os.close(self._write)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return (
            f"headless Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install -y chromium) or set POSTKIT_CHROMIUM"
        )
    return None


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the page under test -----------------------------------------------------------------

HOSTILE_TITLE = (
    '<script>document.title="pwned";window.__pwned=1</script>'
    '<img src=x onerror="window.__pwned=2"> "onmouseover="window.__pwned=3'
)
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 8


def _articles() -> list[Article]:
    return [
        Article(
            title="Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing",
            url="https://news.example/world/kaim-crossing",
            social="📝🌍🔗 Read More",
            summary="The Kaim crossing reopens after a decade, easing trade between the two countries.",
            tags=("Iraq", "Syria", "Middle East"),
        ),
        Article(title=HOSTILE_TITLE, url="https://news.example/x?a=1&b=%22", summary=HOSTILE_TITLE),
        Article(
            title="الأردن يبدأ بناء محطة لتحلية مياه البحر في العقبة",
            url="https://news.example/ar/world/aqaba-desalination",
            language="ar",
            tags=("الأردن", "Middle East"),
        ),
        Article(
            title=f"A very long word {LONG_WORD} in a title",
            url="https://news.example/" + "long-path-segment-" * 6,
            summary=LONG_WORD,
        ),
    ]


def _rows() -> list[Row]:
    rows = []
    for article in _articles():
        cards = []
        for platform in builtin_platforms().values():
            post = compose(article, platform)
            # A finding over the first word, so highlighted text is part of the layout checked.
            first = post.text.split(" ", 1)[0]
            violations = (Violation("CAP001", Severity.WARNING, "a finding on the first word", 0, len(first)),)
            cards.append(Card(platform, post, violations))
        rows.append(Row(article, tuple(cards), source="browser test"))
    return rows


@pytest.fixture(name="browser", scope="module")
def _browser() -> Iterator[Chromium]:
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    with tempfile.TemporaryDirectory(prefix="postkit-chromium-") as profile:
        browser = Chromium(Path(profile))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(name="page", scope="module")
def _page(browser: Chromium, tmp_path_factory: pytest.TempPathFactory) -> Chromium:
    path = tmp_path_factory.mktemp("preview") / "preview.html"
    path.write_text(render_preview(_rows(), title="browser test"), encoding="utf-8")
    browser.open(path.as_uri())
    return browser


CARD_LAYOUT = """
(() => {
  const out = [];
  for (const card of document.querySelectorAll('article.card')) {
    const box = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    const overflowing = [];
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') {
        overflowing.push(el.tagName + '.' + el.className + ' scrollWidth ' + el.scrollWidth + ' > ' + el.clientWidth);
      }
      if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) {
        overflowing.push(el.tagName + '.' + el.className + ' sticks out: ' + r.left + '..' + r.right
                         + ' of ' + box.left + '..' + box.right);
      }
    }
    out.push({
      platform: card.dataset.platform,
      visible: style.display !== 'none' && style.visibility === 'visible' && box.width > 0 && box.height > 0
               && box.left >= 0 && box.right <= document.documentElement.clientWidth,
      cardOverflow: card.scrollWidth > card.clientWidth + 1,
      overflowing: overflowing,
    });
  }
  return out;
})()
"""


class TestPreviewInChromium:
    """The page as a browser lays it out and runs it."""

    def test_every_card_is_visible(self, page: Chromium) -> None:
        """Every post has a card with a size, inside the page's width."""
        cards = page.evaluate(CARD_LAYOUT)

        assert len(_articles()) * len(builtin_platforms()) == len(cards)
        assert [] == [c["platform"] for c in cards if not c["visible"]]

    def test_nothing_overflows_its_card(self, page: Chromium) -> None:
        """Long words, long URLs and highlighted spans wrap inside their cards."""
        cards = page.evaluate(CARD_LAYOUT)

        assert [] == [(c["platform"], c["overflowing"]) for c in cards if c["cardOverflow"] or c["overflowing"]]

    def test_page_does_not_scroll_sideways(self, page: Chromium) -> None:
        """The page is no wider than the window."""
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")

        assert widths[0] <= widths[1]

    def test_script_in_a_title_does_not_run(self, page: Chromium) -> None:
        """A record's <script>, onerror and onmouseover stay text: nothing runs, no element appears."""
        state = page.evaluate("""({
          title: document.title,
          pwned: typeof window.__pwned,
          scripts: document.querySelectorAll('script, img, iframe, object, embed').length,
          handlers: [...document.querySelectorAll('*')].filter(
              el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
          shown: [...document.querySelectorAll('section.article > header')].some(
              h => h.textContent.includes('<script>document.title="pwned"')),
        })""")

        assert {"title": "browser test", "pwned": "undefined", "scripts": 0, "handlers": 0, "shown": True} == state
        assert [] == page.page_messages()

    def test_hover_does_not_run_injected_handler(self, page: Chromium) -> None:
        """Moving the mouse over every card's text triggers nothing."""
        boxes = page.evaluate("""[...document.querySelectorAll('.text')].slice(0, 16).map(el => {
            const r = el.getBoundingClientRect(); return [r.left + 5, r.top + 5]; })""")
        for x, y in boxes:
            page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

        assert "undefined" == page.evaluate("typeof window.__pwned")

    def test_rtl_article_is_laid_out_right_to_left(self, page: Chromium) -> None:
        """The Arabic article's text runs right to left, the English ones left to right."""
        directions = page.evaluate("""[...document.querySelectorAll('section.article')].map(
            s => getComputedStyle(s.querySelector('.text')).direction)""")

        assert ["ltr", "ltr", "rtl", "ltr"] == directions

    def test_colour_emoji_font_is_installed(self, page: Chromium) -> None:
        """A colour-emoji font is there (fonts-noto-color-emoji, .ci/run), so the emoji in cards are not tofu."""
        del page
        families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
        if "Noto Color Emoji" not in families:
            pytest.skip("no colour-emoji font: install fonts-noto-color-emoji (emoji render as boxes without it)")

        assert "Noto Color Emoji" in families

    def test_screenshot(self, page: Chromium, tmp_path: Path) -> None:
        """The page renders to a PNG of the window's width and the page's height."""
        png = page.screenshot()
        (tmp_path / "preview.png").write_bytes(png)
        height = page.evaluate("document.documentElement.scrollHeight")

        assert (WIDTH, height) == png_size(png)


def _main(argv: list[str]) -> int:
    """Write a screenshot of the preview: ``RECORDS... OUT.png [--height PX] [--scale F]``."""
    import argparse  # noqa: PLC0415

    from postkit import RuleSet  # noqa: PLC0415
    from postkit.pipeline import rows  # noqa: PLC0415
    from postkit.platforms.registry import builtin_platforms  # noqa: PLC0415
    from postkit.preview.page import write_preview  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=_main.__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("output")
    parser.add_argument("--height", type=int, help="CSS pixels from the top (default: the whole page)")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    reason = chromium_missing()
    if reason:
        print(reason, file=sys.stderr)  # noqa: T201
        return 2
    with tempfile.TemporaryDirectory(prefix="postkit-chromium-") as work:
        html = Path(work) / "preview.html"
        write_preview(rows(args.paths, builtin_platforms().values(), check=RuleSet().check), html)
        browser = Chromium(Path(work) / "profile")
        try:
            browser.open(html.as_uri())
            Path(args.output).write_bytes(browser.screenshot(height=args.height, scale=args.scale))
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
