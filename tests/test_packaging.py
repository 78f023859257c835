"""What pyproject.toml declares for the distribution: classifiers, data files, the record schema.

The wheel itself is built and read in tests/test_install.py (marked ``install``); these
checks are cheap and run every time.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from importlib import resources
from pathlib import Path

import jsonschema
import trove_classifiers

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PACKAGE = ROOT / "src" / "postkit"


def test_classifiers_are_known_trove_classifiers() -> None:
    """Each classifier is on PyPI's list (trove-classifiers) and none is deprecated."""
    classifiers = PROJECT["project"]["classifiers"]

    assert [] == [c for c in classifiers if c not in trove_classifiers.classifiers]
    assert [] == [c for c in classifiers if c in trove_classifiers.deprecated_classifiers]
    assert any(c.startswith("Development Status ::") for c in classifiers)
    assert "Typing :: Typed" in classifiers
    assert (PACKAGE / "py.typed").exists()


def test_urls_and_keywords() -> None:
    """The page on PyPI links the repository, its issues and the changelog, and can be found by keyword."""
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(PROJECT["project"]["urls"])
    assert "bluesky" in PROJECT["project"]["keywords"]


def test_every_data_file_is_shipped() -> None:
    """Each file under postkit/data and postkit/templates matches a package-data pattern (or the wheel lacks it)."""
    patterns = PROJECT["tool"]["setuptools"]["package-data"]["postkit"]
    files = [
        path.relative_to(PACKAGE).as_posix()
        for folder in ("data", "templates")
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    ]

    assert files
    assert [] == [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]


def test_record_schema_ships_in_the_package() -> None:
    """The record JSON Schema is read from the installed package, and is a valid 2020-12 schema."""
    schema = json.loads(resources.files("postkit").joinpath("data/record.schema.json").read_text("utf-8"))

    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"title", "url"} == set(schema["required"])
    assert not (ROOT / "docs" / "record.schema.json").exists()  # one copy
