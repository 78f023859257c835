"""The public API is one declared table (postkit._PUBLIC), as httpx and attrs declare theirs.

``__all__``, the lazy loader and the type checkers' imports all say the same names; public
classes report ``postkit`` as their module and survive pickling; the version comes from the
installed metadata; subpackages re-export nothing.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import postkit

SRC = Path(postkit.__file__).parent
ROOT = SRC.parents[1]

DESIGN_NAMES = {
    "Article",
    "Post",
    "Thread",
    "Platform",
    "PlatformName",
    "Measurement",
    "Violation",
    "Severity",
    "RuleSet",
    "Config",
    "compose",
    "Vocabulary",
    "compose_thread",
    "reply_to",
    "check",
    "measure",
    "load_articles",
    "get_platform",
    "builtin_platforms",
    "load_config",
    "parse_config",
    "PostkitError",
    "RecordError",
    "RecordWarning",
    "ConfigError",
    "UnknownPlatformError",
    "TemplateError",
    "FitError",
    # Publishing (README, "Publishing"):
    "publish",
    "Publisher",
    "PublishSummary",
    # How records become posts, one value for compose and publish (README, "Publishing"); their errors:
    "Recipe",
    "SkippedRecord",
    "ReplyError",
}


def _modules() -> list[str]:
    found = (m.name for m in pkgutil.walk_packages([str(SRC)], "postkit."))
    return ["postkit", *(name for name in found if name != "postkit.__main__")]  # __main__ runs the CLI


def test_all_is_the_design_names_sorted() -> None:
    """__all__ holds exactly the documented names, sorted, and comes from the one table."""
    assert sorted(DESIGN_NAMES) == postkit.__all__
    assert sorted(postkit._PUBLIC) == postkit.__all__
    assert sorted([*postkit.__all__, "__version__"]) == dir(postkit)


@pytest.mark.parametrize("name", sorted(DESIGN_NAMES))
def test_each_name_is_its_modules_object(name: str) -> None:
    """postkit.NAME is the object its table row names, defined there (not re-exported from elsewhere)."""
    module = importlib.import_module(postkit._PUBLIC[name])
    value = getattr(postkit, name)

    assert getattr(module, name) is value
    if inspect.isclass(value) or inspect.isfunction(value):
        assert postkit._PUBLIC[name] == inspect.getmodule(value).__name__ or value.__module__ == "postkit"


def test_import_postkit_imports_no_sdk():
    """Every public name, the publisher and every family's sender resolved: still no SDK nor HTTP library.

    The SDKs (the publish extras) are imported only when a channel opens to send.
    """
    code = (
        "import sys, postkit\n"
        "for name in postkit.__all__: getattr(postkit, name)\n"
        "from postkit.platforms.families import FAMILIES\n"
        "senders = [f.load_sender() for f in FAMILIES.values() if f.sender]\n"
        "import postkit.publishing, postkit.ledger, postkit.cli.main\n"
        "sdks = ('atproto', 'atproto_client', 'mastodon', 'tweepy', 'httpx', 'requests', 'requests_oauthlib')\n"
        "print(len(senders), sorted(m for m in sys.modules if m.split('.')[0] in sdks))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "4 []" == out.stdout.strip()


def test_type_checking_imports_are_the_table() -> None:
    """The ``if TYPE_CHECKING:`` imports (what mypy and editors read) are exactly the table's rows."""
    tree = ast.parse((SRC / "__init__.py").read_text("utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    imported = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                assert alias.asname == alias.name, f"{alias.name}: write 'import X as X' (an explicit re-export)"
                imported[alias.name] = node.module

    assert postkit._PUBLIC == imported


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'compose_all'"):
        _ = postkit.compose_all


def test_public_classes_report_postkit_as_their_module() -> None:
    """Every public class says ``postkit``, as in its repr and tracebacks; no other class claims it."""
    public = {name for name in postkit.__all__ if inspect.isclass(getattr(postkit, name))}
    claiming = set()
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == "postkit":
                assert getattr(postkit, attr) is value, f"{name}.{attr} claims to be postkit.{attr}"
                claiming.add(attr)

    assert public == claiming
    assert "<class 'postkit.Article'>" == repr(postkit.Article)


def test_public_values_pickle_and_repr() -> None:
    """Values made by the public classes pickle (found through the lazy loader) and repr by their name."""
    article = postkit.Article(title="Kaim crossing reopens", url="https://news.example/world/kaim")
    post = postkit.compose(article, "bluesky")
    values = [
        article,
        post,
        post.platform,
        post.measurements[0],
        postkit.Severity.WARNING,
        postkit.Violation("CLK001", postkit.Severity.WARNING, "clickbait", 0, 4),
    ]
    for value in values:
        assert value == pickle.loads(pickle.dumps(value))
    words = postkit.Vocabulary(emoji={"food": "🍲"}, cta={"hi": "और पढ़ें"}, utm_medium="newsletter")
    back = pickle.loads(pickle.dumps(words))
    assert (dict(words.emoji), dict(words.cta), "newsletter") == (dict(back.emoji), dict(back.cta), back.utm_medium)
    assert "<class 'postkit.Vocabulary'>" == repr(postkit.Vocabulary)
    error = pickle.loads(pickle.dumps(postkit.RecordError("is required")))
    assert (postkit.RecordError, "is required") == (type(error), str(error))
    assert repr(article).startswith("Article(title='Kaim crossing reopens'")
    assert "<Severity.WARNING: 2>" == repr(postkit.Severity.WARNING)


def test_version_is_the_installed_metadata_and_pyproject() -> None:
    """One place: pyproject.toml; postkit reads it back from the installed metadata."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

    assert declared == metadata.version("postkit-teasers") == postkit.__version__
    assert not list((SRC).rglob("_version.py"))


def test_import_is_light() -> None:
    """`import postkit` loads none of the heavy modules, nor the metadata reader, until a name is used."""
    heavy = ("jinja2", "emoji", "regex", "attrs", "importlib.metadata")
    code = f"import sys, postkit; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


def test_help_opens_with_what_it_does_and_an_example() -> None:
    """``help(postkit)``: the package in one line, then an example that runs as shown."""
    doc = postkit.__doc__ or ""

    assert doc.startswith("postkit: platform-sized teaser posts from article records")
    assert ">>> from postkit import" in doc
    assert 0 == doctest.testmod(postkit).failed


def test_subpackages_re_export_nothing() -> None:
    """A subpackage's ``__init__`` is its docstring: code and names live in its modules."""
    for init in SRC.glob("*/__init__.py"):
        tree = ast.parse(init.read_text("utf-8"))
        assert [ast.get_docstring(tree) is not None] == [True], init
        code = [n for n in tree.body[1:] if not isinstance(n, ast.ImportFrom) or n.module != "__future__"]
        assert [] == code, f"{init.relative_to(SRC)} holds more than its docstring"


def test_no_public_name_is_a_submodule() -> None:
    """``postkit.NAME`` is always the public object, never a submodule of the same name."""
    submodules = {m.name for m in pkgutil.iter_modules([str(SRC)])}
    assert set() == submodules & set(postkit.__all__)


def test_unreleased_shims_are_gone() -> None:
    """No ``check(profile=)``, no ``yaml`` extra: 0.1.0 is the first release."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

    assert "profile" not in inspect.signature(postkit.check).parameters
    assert "yaml" not in project["optional-dependencies"]


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
    "trove_classifiers",
}


def test_no_module_shadows_the_standard_library_or_a_dependency():
    """Run from inside a package folder, a module named like one would be imported instead of it."""
    root = SRC
    names = [p for p in root.rglob("*") if p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__")]
    clashes = [
        str(p.relative_to(root)) for p in names if p.stem in sys.stdlib_module_names or p.stem in _DEPENDENCY_IMPORTS
    ]

    assert [] == clashes


def test_compose_and_check_work_without_any_publish_extra():
    """With the SDKs and HTTP libraries unimportable (no publish extra installed), compose and check run as
    ever; publish says which extra to install, in one line, before anything is sent."""
    import pathlib  # noqa: PLC0415

    root = pathlib.Path(__file__).resolve().parent.parent
    code = (
        "import importlib.abc, sys\n"
        "class NoExtras(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'atproto', 'atproto_client', 'mastodon', 'tweepy', 'httpx', 'requests'}:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NoExtras())\n"
        "from postkit.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    feed = str(root / "examples" / "feeds" / "harbour-wire.rss")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, cwd=root, timeout=120
        )

    composed = run("compose", feed, "-p", "all", "-f", "jsonl", "--payload")
    checked = run("check", "--platform", "all", "--fail-on", "error")
    published = run(
        "publish", feed, "-p", "mastodon", "--state", "/nonexistent-folder/s.db", "--dry-run"
    )  # a dry run needs no SDK either
    env_missing = subprocess.run(
        [sys.executable, "-c", code, "publish", feed, "-p", "telegram", "--state", "/nonexistent-folder/s.db"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_CHAT_ID": "@c"},
    )

    assert 0 == composed.returncode, composed.stderr
    assert 16 == len(composed.stdout.splitlines())
    assert 0 == checked.returncode, checked.stderr
    assert 0 == published.returncode, published.stderr
    assert 2 == env_missing.returncode
    expected = (
        "postkit: error: publishing to telegram needs httpx, which is not installed "
        "(pip install 'postkit-teasers[telegram]')"
    )
    assert [expected] == env_missing.stderr.splitlines()
