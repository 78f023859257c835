"""Shared fixtures and the Hypothesis profiles.

Hypothesis profiles:

* ``ci`` (the default): about 100 examples per property, no deadline (the machine is
  shared; timing belongs in ``benchmarks/``), so the whole suite stays quick.
* ``slow``: many more examples, for the big run. It is loaded when the environment says
  ``HYPOTHESIS_PROFILE=slow`` or when the run selects slow tests (``pytest -m slow``).

Tests marked ``@pytest.mark.slow`` (marker registered in pyproject.toml) are deselected
by pyproject's ``addopts`` (``-m "not slow and not browser and not install and not pds"``), so a
plain ``pytest -q`` (what ``.ci/run`` does) stays fast; ``-m slow`` on the command line selects
them. The big run::

    HYPOTHESIS_PROFILE=slow python -m pytest -q -m slow tests/
    HYPOTHESIS_PROFILE=slow python -m pytest -q tests/test_properties.py   # every property, more examples

The fixtures ``pds_server`` and ``pds_account`` run Bluesky's own PDS on 127.0.0.1 (tests/pds/README.md);
every test that uses them is marked ``pds`` here, so the default run never starts it and
``pytest -m pds`` (what ``.ci/run`` does after ``tests/pds/install.sh``) runs them all.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from oracles import client
from pds import launcher
from postkit.article import Article
from postkit.cli.main import main
from postkit.platforms.registry import Platform
from postkit.posts import loader as templates
from strategies import SEED_TITLE, SEED_URL, tiny_platform

# Tables made for another dependency version are cached (postkit._generated): in a folder of
# the run's own, never the user's cache.
os.environ.setdefault("POSTKIT_CACHE_DIR", tempfile.mkdtemp(prefix="postkit-test-cache-"))

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "slow",
    max_examples=2_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


PDS_FIXTURES = frozenset({"pds_server", "pds_account"})


@pytest.hookimpl(tryfirst=True)  # before -m deselects: a test that needs the PDS is a `pds` test wherever it is
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if PDS_FIXTURES.intersection(getattr(item, "fixturenames", ())) and item.get_closest_marker("pds") is None:
            item.add_marker(pytest.mark.pds)


def pytest_configure(config: pytest.Config) -> None:
    """``-m slow`` (a mark expression selecting slow tests) also means the slow profile."""
    selects_slow = "slow" in (config.option.markexpr or "").replace("not slow", "")
    if selects_slow and "HYPOTHESIS_PROFILE" not in os.environ:
        settings.load_profile("slow")


@pytest.fixture(scope="session")
def oracle() -> Iterator[client.Oracle]:
    """The platforms' own code in one node process for the whole run; skips where node or its packages are missing."""
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    running = client.Oracle()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def _clear_caches() -> Iterator[None]:
    """Template sets are cached per folder; tests write folders, so start each one clean."""
    templates.template_set.cache_clear()
    yield
    templates.template_set.cache_clear()


@pytest.fixture(name="seed")
def _seed() -> Article:
    """The seed article, as a record with a summary, its social line, tags and topics."""
    return Article(
        title=SEED_TITLE,
        url=SEED_URL,
        summary=(
            "Iraq and Syria reopened the Kaim border crossing on Monday. Officials expect trade, "
            "travel and family visits to rise; the crossing had been closed since 2019."
        ),
        social="📝🌍🔗 Read More",
        tags=("Middle East", "Iraq", "Syria"),
        topics=("world",),
        language="en",
    )


@pytest.fixture(name="plain")
def _plain() -> Article:
    """The seed's title and URL only: no summary, social line, tags or topics."""
    return Article(title=SEED_TITLE, url=SEED_URL)


@pytest.fixture(name="tiny")
def _tiny() -> Platform:
    """A custom platform far too small for any post (limit 30, counts like Mastodon)."""
    return tiny_platform(30)


@pytest.fixture(name="user_templates")
def _user_templates(tmp_path: Path) -> Path:
    """An empty user template folder."""
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


@pytest.fixture(name="run")
def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Call main([...]) from an empty folder (no config); return (code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)

    def invoke(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


@pytest.fixture(scope="session")
def pds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[launcher.PdsServer]:
    """Bluesky's own PDS and a did:plc directory on free 127.0.0.1 ports, for the whole session.

    Skips when tests/pds/node_modules is missing, unless ``POSTKIT_REQUIRE_PDS=1`` (``.ci/run``), where that
    fails. A server that does not start fails with its log; at the end its whole process group is stopped.
    """
    launcher.require_installed()
    with launcher.running(tmp_path_factory.mktemp("pds")) as server:
        yield server


@pytest.fixture(scope="session")
def pds_account(pds_server: launcher.PdsServer) -> launcher.PdsAccount:
    """One account on the session's PDS (a test that needs a repository of its own makes one with
    ``pds_server.create_account()``)."""
    return pds_server.create_account()
