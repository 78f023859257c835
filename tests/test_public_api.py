"""The public API is exactly the documented names (attrs' test_in_all)."""

from __future__ import annotations

import subprocess
import sys

import postkit

DESIGN_NAMES = {
    "Article",
    "Post",
    "Violation",
    "Platform",
    "compose",
    "check",
    "measure",
    "load_articles",
    "get_platform",
    "builtin_platforms",
    "PostkitError",
    "RecordError",
    "TemplateError",
    "FitError",
    # Lint configuration from Python (README, "Lint configuration from Python"):
    "Config",
    "load_config",
    "parse_config",
    "RuleSet",
}


def test_all_is_design_names():
    """__all__ holds exactly the documented names, sorted."""
    assert sorted(DESIGN_NAMES) == postkit.__all__


def test_every_name_imports():
    """Each public name resolves to a real object."""
    for name in postkit.__all__:
        assert getattr(postkit, name) is not None


def test_version_import_is_light():
    """`import postkit` loads none of the heavy modules until a name is used."""
    code = "import sys, postkit; print(sorted(m for m in ('jinja2', 'emoji', 'regex', 'attrs') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


# The import names of every dependency, run time, publishing extras and tests (pyproject.toml).
_DEPENDENCY_IMPORTS = {
    "attr",
    "attrs",
    "jinja2",
    "emoji",
    "regex",
    "feedparser",
    "markdown_it",
    "yaml",
    "tqdm",
    "atproto",
    "mastodon",
    "tweepy",
    "httpx",
    "pytest",
    "hypothesis",
    "jsonschema",
    "twitter_text",
    "sklearn",
    "markupsafe",
}


def test_no_module_shadows_the_standard_library_or_a_dependency():
    """Run from inside a package folder, a module named like one would be imported instead of it."""
    import pathlib  # noqa: PLC0415
    import sys  # noqa: PLC0415

    root = pathlib.Path(postkit.__file__).parent
    names = [p for p in root.rglob("*") if p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__")]
    clashes = [
        str(p.relative_to(root)) for p in names if p.stem in sys.stdlib_module_names or p.stem in _DEPENDENCY_IMPORTS
    ]

    assert [] == clashes
