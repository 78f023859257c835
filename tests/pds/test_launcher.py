"""Tests for launcher.py and start.mjs: a failed start says why, and no server outlives its tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time

import pytest

from pds import launcher

pytestmark = pytest.mark.pds


@pytest.fixture(autouse=True)
def _installed() -> None:
    launcher.require_installed()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _refused(url: str) -> bool:
    port = int(url.rsplit(":", 1)[1])
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_failed_start_raises_with_the_servers_log(tmp_path):
    """A server that cannot start (here its data directory is a file) is a PdsError carrying the log's tail,
    which names the cause."""
    (tmp_path / "data").write_text("not a directory", encoding="utf-8")

    with pytest.raises(launcher.PdsError) as raised, launcher.running(tmp_path):
        pass

    message = str(raised.value)
    assert message.startswith("the PDS exited with code 1 before it was ready; its log:\n")
    assert "EEXIST" in message


def test_stopped_server_leaves_no_process_and_no_port(tmp_path):
    """Leaving ``running`` ends the process (its group) and closes both ports."""
    with launcher.running(tmp_path) as server:
        pid, urls = server.pid, (server.url, server.plc_url)
        assert not _refused(server.url)

    assert _gone(pid)
    assert all(_refused(url) for url in urls)
    assert "stopping (" in server.log.read_text(encoding="utf-8")


def test_closed_stdin_stops_the_server(tmp_path):
    """What happens when the test run is killed outright: its end of the server's stdin closes, and the server
    stops both services and exits 0 by itself."""
    ready = tmp_path / "ready.json"
    command = [str(launcher.NODE), str(launcher.START), "--data-dir", str(tmp_path / "data")]
    with (tmp_path / "pds.log").open("wb") as log:
        process = subprocess.Popen(
            [*command, "--ready-file", str(ready), "--exit-on-stdin-eof"],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=launcher.HERE,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + launcher.START_TIMEOUT
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        facts = json.loads(ready.read_text(encoding="utf-8"))
        assert process.stdin is not None
        process.stdin.close()

        assert 0 == process.wait(timeout=launcher.STOP_TIMEOUT)
        assert _refused(facts["pds_url"])
        assert _refused(facts["plc_url"])
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait()
