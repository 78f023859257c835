"""What a template prints when a record has only its required fields (TPL005-TPL007).

`postkit check` renders every template × platform for the example records, but examples
tend to be complete: a template of ``{{ title }}: {{ summary }}`` passes them and then
posts ``…: None`` for a record without a summary (and on X and Bluesky, where
``summary`` is always None). So each template is also rendered for a record with every
optional field missing, and its raw output (before postkit tidies blank lines) is read
line by line:

* TPL005: a line prints ``None``;
* TPL006: a line whose template line holds placeholders renders empty;
* TPL007: a line ends (or starts) with a separator (``:``, ``-``, ``|``, ``·``, …) where
  the template line ends (or starts) with a placeholder that rendered nothing.

Each output line is traced to its template line by a marker put before every newline of
the template's literal text (in the parsed template, so tags and comments are untouched).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs
import jinja2
import jinja2.nodes
import regex

from postkit.article import Article
from postkit.errors import PostkitError
from postkit.platforms.registry import Platform
from postkit.posts.composer import template_context
from postkit.posts.loader import render

__all__ = ["MINIMAL", "Gap", "gaps"]

#: The record every template is also rendered for: the required fields only.
MINIMAL = Article(title="Kaim crossing reopens", url="https://news.example/world/kaim")

_MARK = regex.compile("\ue000([0-9]++)\ue001")
_NONE = regex.compile(r"\bNone\b")
#: Separators that dangle when what follows (or precedes) them renders nothing.
_SEPARATORS = ":-–—|·•/,;"
_INSIDE = "put the separator inside the {% if %}"


@attrs.frozen
class Gap:
    """One problem in a template's output for a record with only the required fields."""

    code: str
    line: int
    what: str  # "prints 'None'"
    missing: str  # "summary"
    hint: str
    column: int | None = None  # the placeholder's ``{{``, 1-based, where found on the line
    end_column: int | None = None  # just after its ``}}``


@functools.lru_cache(maxsize=64)
def _traced(env: jinja2.Environment, source: str, name: str) -> tuple[jinja2.Template, int]:
    """The template with a line marker before each literal newline; the last line with output.

    Kept for the next platform (the same template for each, as a rule): compiling is most of a gap check.
    """
    tree = env.parse(source, name)
    last = 1
    for out in tree.find_all(jinja2.nodes.Output):
        last = max(last, out.lineno)
    for output in tree.find_all(jinja2.nodes.Output):
        for piece_node in output.nodes:
            node: jinja2.nodes.Node = piece_node
            # Literal text is TemplateData, or a str Const once the sandbox's parser has folded it.
            attr = "data" if isinstance(node, jinja2.nodes.TemplateData) else "value"
            text = getattr(node, attr, None)
            if not isinstance(text, str) or "\n" not in text:
                continue
            pieces = text.split("\n")
            marked = [f"{piece}\ue000{node.lineno + i}\ue001" for i, piece in enumerate(pieces[:-1])]
            setattr(node, attr, "\n".join([*marked, pieces[-1]]))
            last = max(last, node.lineno + len(pieces) - 1)
    code = env.compile(tree, name, name)
    return env.template_class.from_code(env, code, env.make_globals(None)), last


def _names_on(source_line: str, context: Mapping[str, Any]) -> list[str]:
    """The template variables on a line that are empty for the minimal record."""
    used = regex.findall(r"\{\{-?\s*([A-Za-z_]\w*)", source_line)
    return [n for n in dict.fromkeys(used) if n in context and context[n] in (None, "", [], ())]


def _place(source_line: str, names: list[str]) -> dict[str, int]:
    """The columns of the first placeholder on the line that prints one of ``names``: ``{{`` to after ``}}``."""
    for name in names:
        found = regex.search(r"\{\{-?\s*" + regex.escape(name) + r"\b.*?\}\}", source_line)
        if found is not None:
            return {"column": found.start() + 1, "end_column": found.end() + 1}
    return {}


def _fields(names: list[str]) -> str:
    return " and ".join(names) if names else "an optional field"


def gaps(env: jinja2.Environment, source: str, name: str, platform: Platform) -> list[Gap]:
    """TPL005-TPL007 for one template source on one platform (see the module doc).

    Returns nothing when the template cannot be traced or rendered: TPL001-TPL003 report that.
    """
    try:
        template, last = _traced(env, source, name)
        context = template_context(MINIMAL, platform)
        raw = render(template, context)
    except (jinja2.TemplateError, PostkitError):
        return []
    lines = source.splitlines()
    found: list[Gap] = []
    for out_line in raw.split("\n"):
        mark = _MARK.search(out_line)
        number = int(mark.group(1)) if mark else last
        text = _MARK.sub("", out_line)
        src = lines[number - 1] if 0 < number <= len(lines) else ""
        empty = _names_on(src, context)
        missing = _fields(empty)
        if _NONE.search(text) and not _NONE.search(MINIMAL.title):
            found.append(
                Gap(
                    "TPL005",
                    number,
                    "prints 'None'",
                    missing,
                    f"guard it: {{% if {empty[0] if empty else 'summary'} %}}…{{% endif %}}",
                    **_place(src, empty),
                )
            )
        elif "{{" in src and not text.strip() and empty and "{%" not in src:
            hint = "put the line inside {% if … %}…{% endif %}"
            found.append(Gap("TPL006", number, "prints an empty line", missing, hint, **_place(src, empty)))
        elif text.strip() and empty:
            stripped, template_line = text.strip(), src.strip()
            if stripped[-1] in _SEPARATORS and template_line.endswith("}}"):
                what = f"ends with a dangling {stripped[-1]!r}"
                found.append(Gap("TPL007", number, what, missing, _INSIDE, **_place(src, empty[-1:])))
            elif stripped[0] in _SEPARATORS and template_line.startswith("{{"):
                what = f"starts with a dangling {stripped[0]!r}"
                found.append(Gap("TPL007", number, what, missing, _INSIDE, **_place(src, empty[:1])))
    return found
