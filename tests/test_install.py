"""The install lines users run, tried in a fresh virtual environment (``.ci/run`` runs these).

Marked ``install`` (deselected by default: they build a wheel and install it with its
dependencies, about a minute). They run:

* the README's GitHub Actions snippet: every ``run:`` line, in a small project with
  templates and Markdown records with YAML front matter, postkit checked out at
  ``.postkit`` as the snippet's second checkout puts it;
* the pre-commit hook of ``.pre-commit-hooks.yaml`` through ``pre-commit try-repo``,
  which installs this repository the way pre-commit users get it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"

pytestmark = pytest.mark.install

_SKIP = shutil.ignore_patterns(
    ".venv",
    ".git",
    "*.egg-info",
    "build",
    "dist",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "node_modules",
    "out",
    "preview.html",
)


def ci_snippet() -> dict:
    """The README's workflow, parsed."""
    text = README.read_text("utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/posts\.yml\n.*?)```", text, re.DOTALL)
    assert block is not None, "the README has no GitHub Actions snippet"
    return yaml.safe_load(block.group(1))


def make_project(folder: Path) -> Path:
    """A news site's repository: a template override, Markdown records with YAML front matter."""
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "x.txt.j2").write_text("{{ title }}\n\n{{ emoji }} {{ cta }}: {{ link }}\n", "utf-8")
    (folder / "posts").mkdir()
    (folder / "posts" / "kaim.md").write_text(
        "---\ntitle: Iraq and Syria reopen the Kaim crossing\nurl: https://news.example/world/kaim\n"
        "tags: [Iraq, Syria]\ntopics: [world]\n---\n\nTrucks crossed for the first time in years.\n",
        "utf-8",
    )
    (folder / "pyproject.toml").write_text(
        '[tool.postkit]\ntemplates = "templates"\nexamples = "posts"\ntargets = ["x", "bluesky", "mastodon"]\n',
        "utf-8",
    )
    return folder


def fresh_venv(folder: Path) -> dict[str, str]:
    """A new virtual environment; the environment variables that put it first on PATH."""
    venv.EnvBuilder(with_pip=True).create(folder)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{folder / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(folder)
    return env


def sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_ci_snippet_installs_this_project(tmp_path: Path) -> None:
    """Every ``run:`` line of the README's workflow succeeds, and ``postkit`` is this project."""
    steps = ci_snippet()["jobs"]["check"]["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
    postkit_path = next(s["with"]["path"] for s in checkouts if "with" in s)
    project = make_project(tmp_path / "site")
    shutil.copytree(ROOT, project / postkit_path, ignore=_SKIP)
    env = fresh_venv(tmp_path / "venv")

    for step in steps:
        if "run" in step:
            done = sh(step["run"], project, env)
            assert done.returncode == 0, f"{step['run']}\n{done.stdout}\n{done.stderr}"
    version = sh("postkit --version && pip show postkit-teasers", project, env)

    assert version.stdout.startswith("postkit ")
    assert "Name: postkit-teasers" in version.stdout
    assert (project / "preview.html").stat().st_size > 1000


def test_pre_commit_hook_runs_in_a_fresh_environment(tmp_path: Path) -> None:
    """``pre-commit try-repo`` installs this repository and runs the hook on a project with YAML front matter."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs this project as a git repository")
    env = fresh_venv(tmp_path / "venv")
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    installed = sh(f"{sys.executable} -m pip --version >/dev/null && pip install -q 'pre-commit>=3'", tmp_path, env)
    assert installed.returncode == 0, installed.stderr
    project = make_project(tmp_path / "site")
    setup = sh("git init -q && git add -A && git -c user.email=t@e -c user.name=t commit -qm init", project, env)
    assert setup.returncode == 0, setup.stderr

    done = sh(f"pre-commit try-repo {ROOT} postkit --all-files", project, env)

    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "postkit check" in done.stdout
    assert "Passed" in done.stdout


def build(kind: str, tmp_path: Path) -> Path:
    """``build_sdist`` or ``build_wheel`` of a copy of the checkout: the archive's path."""
    source = tmp_path / "src-copy"
    if not source.exists():
        shutil.copytree(ROOT, source, ignore=_SKIP)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import setuptools.build_meta as b, sys; print(b.build_{kind}(sys.argv[1]))",
            str(tmp_path / "dist"),
        ],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return tmp_path / "dist" / done.stdout.split()[-1]


def test_sdist_has_the_licence_the_changelog_and_no_test_tree(tmp_path: Path) -> None:
    """The sdist ships LICENSE, CHANGELOG.md and the package, and no tests (they need the repository around them)."""
    with tarfile.open(build("sdist", tmp_path)) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]

    assert "LICENSE" in names
    assert "CHANGELOG.md" in names
    assert "src/postkit/data/record.schema.json" in names
    assert "src/postkit/cli/main.py" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]


def test_wheel_ships_the_data_and_the_metadata(tmp_path: Path) -> None:
    """The wheel holds the record schema, the generated tables and py.typed; its metadata the URLs and classifiers."""
    with zipfile.ZipFile(build("wheel", tmp_path)) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))

    for data in (
        "record.schema.json",
        "emoji_table.txt",
        "twemoji_whole.txt",
        "grapheme_sensitive.txt",
        "hashtag_chars.txt",
    ):
        assert f"postkit/data/{data}" in names
    assert "postkit/py.typed" in names
    assert "Project-URL: Changelog, " in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "License-Expression: MIT" in metadata
