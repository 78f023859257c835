"""Templates: a hardened Jinja2 sandbox, the template loaders and the template filters.

Templates come from teams and are shared, so they are untrusted code: they render in a
``SandboxedEnvironment`` with ``StrictUndefined``, a short allowlist of filters and
globals, size checks on the operations that can blow up memory (``*``, ``**``,
``replace``) and a work budget that bounds every loop, nested or not (Jinja's own
sandbox caps one ``range`` but not a loop inside a loop). Article text is only ever
data passed to a template, never template source, so ``{{ 7*7 }}`` in a title stays
literal.
"""

from __future__ import annotations

import contextvars
import functools
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import emoji
import jinja2
import jinja2.meta
import jinja2.nodes
import jinja2.sandbox
import regex
from jinja2.exceptions import SecurityError

from postkit.errors import TemplateError
from postkit.text import cut_graphemes
from postkit.tracking import track_url

__all__ = [
    "DEFAULT_TEMPLATES",
    "TEMPLATE_VARIABLES",
    "TemplateSet",
    "hashtag",
    "hashtags_from_tags",
    "render",
    "shorten",
    "template_set",
    "tracked",
]

#: The folder of default templates shipped inside the package.
DEFAULT_TEMPLATES = Path(str(resources.files("postkit").joinpath("templates")))
BASE_TEMPLATE = "teaser.txt.j2"
SUFFIX = ".txt.j2"

#: What a template receives: the Article's fields and the composed parts.
TEMPLATE_VARIABLES = frozenset({
    "title", "url", "summary", "social", "tags", "topics", "language", "id", "sources",
    "published", "image", "author", "body",
    "link", "emoji", "cta", "hashtags", "platform", "limit", "unit",
})

# Work a single render may do: loop iterations and sandboxed calls together, and the
# longest string or list an operation may build. Generous for any teaser template,
# far below what hangs a CI job or exhausts memory.
MAX_STEPS = 200_000
MAX_SIZE = 1_000_000
MAX_EXPONENT = 1_000

_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("postkit_template_budget")


class _BudgetExceededError(SecurityError):
    """The template did more work than ``MAX_STEPS`` allows."""


def _tick(steps: int = 1) -> None:
    budget = _BUDGET.get(None)
    if budget is None:
        return
    budget[0] -= steps
    if budget[0] < 0:
        msg = f"template did more than {MAX_STEPS:,} loop steps or calls; is a loop unbounded?"
        raise _BudgetExceededError(msg)


def _budgeted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every template ``for`` loop iterates through this (see ``_PostkitSandbox._parse``)."""
    for item in iterable:
        _tick()
        yield item


def _check_size(value: Any) -> Any:
    if isinstance(value, str | list | tuple) and len(value) > MAX_SIZE:
        msg = f"template built a value of {len(value):,} items (at most {MAX_SIZE:,})"
        raise SecurityError(msg)
    return value


def _safe_replace(value: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old_s, new_s = str(value), str(old), str(new)
    hits = text.count(old_s) if old_s else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * max(0, len(new_s) - len(old_s)) > MAX_SIZE:
        msg = f"replace would build more than {MAX_SIZE:,} characters"
        raise SecurityError(msg)
    return text.replace(old_s, new_s, -1 if count is None else count)


class _PostkitSandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja's sandbox, plus a work budget and size checks."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        tree = super()._parse(source, name, filename)
        # Route every loop's iterable through _budgeted, so nested loops cannot run away.
        for loop in tree.find_all(jinja2.nodes.For):
            loop.iter = jinja2.nodes.Call(
                jinja2.nodes.Name("_postkit_budgeted", "load"), [loop.iter], [], None, None,
                lineno=loop.lineno,
            )
        return tree

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            msg = "'%' string formatting is not allowed in templates; use '~' to join text"
            raise SecurityError(msg)
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            msg = f"exponent {right!r} is too large (at most {MAX_EXPONENT})"
            raise SecurityError(msg)
        if operator == "*":
            seq, times = (left, right) if isinstance(left, str | list | tuple) else (right, left)
            if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                msg = f"'*' would build more than {MAX_SIZE:,} items"
                raise SecurityError(msg)
        return super().call_binop(context, operator, left, right)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _tick()
        name = getattr(obj, "__name__", "")
        if isinstance(getattr(obj, "__self__", None), str):
            if name == "replace":
                return _safe_replace(obj.__self__, *args, **kwargs)
            if name in {"ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"}:
                msg = f"str.{name} is not allowed in templates"
                raise SecurityError(msg)
        return _check_size(super().call(context, obj, *args, **kwargs))


# Filters a teaser template may use: Jinja's harmless ones plus postkit's own. Left out:
# format/center/indent/wordwrap (unbounded widths), pprint, random (non-deterministic),
# urlize, xmlattr, safe/forceescape (no markup in plain-text posts).
_JINJA_FILTERS = (
    "abs", "attr", "batch", "capitalize", "count", "d", "default", "dictsort", "first",
    "float", "groupby", "int", "items", "join", "last", "length", "list", "lower", "map",
    "max", "min", "reject", "rejectattr", "reverse", "round", "select", "selectattr",
    "slice", "sort", "string", "striptags", "sum", "title", "tojson", "trim", "truncate",
    "unique", "upper", "urlencode", "wordcount",
)

_HASHTAG_DROP = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")
_WORD_SPLIT = regex.compile(r"[\s\p{P}\p{S}]+")
_HAS_LETTER = regex.compile(r"\p{L}")
_MAX_TAG_GRAPHEMES = 64  # Bluesky's tag facet allows 64 graphemes; longer tags help nobody.


def hashtag(tag: str) -> str:
    """One tag as a hashtag: words CamelCased, punctuation dropped, Unicode letters kept.

    Returns ``""`` when nothing usable is left (no letter: ``#2025`` is not a hashtag).

    >>> hashtag("Middle East"), hashtag("COVID-19"), hashtag("Nahost-Konflikt"), hashtag("iraq")
    ('#MiddleEast', '#COVID19', '#NahostKonflikt', '#iraq')
    """
    words = [w for w in _WORD_SPLIT.split(tag.strip()) if w]
    if len(words) > 1:
        words = [w[:1].upper() + w[1:] for w in words]
    body = _HASHTAG_DROP.sub("", "".join(words))[: _MAX_TAG_GRAPHEMES * 2]
    if not _HAS_LETTER.search(body):
        return ""
    return "#" + body


def hashtags_from_tags(tags: Iterable[str], limit: int | None = None) -> list[str]:
    """Hashtags for a list of tags: shaped by :func:`hashtag`, de-duplicated, capped at ``limit``."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        tagged = hashtag(tag)
        if tagged and tagged.casefold() not in seen:
            seen.add(tagged.casefold())
            out.append(tagged)
        if limit is not None and len(out) >= limit:
            break
    return out


def tracked(url: str, platform: str, campaign: str | None = None) -> str:
    """The URL with ``utm_source``/``utm_medium`` (and ``utm_campaign``) set (see ``compose``)."""
    return track_url(str(url), str(platform), campaign)


def shorten(text: str, length: int = 100, end: str = "…") -> str:
    """Cut ``text`` to at most ``length`` graphemes at a word boundary, with ``end``.

    >>> shorten("Iraq and Syria reopen the Kaim crossing", 20)
    'Iraq and Syria…'
    """
    return cut_graphemes(str(text), int(length), str(end))


def _emojize(text: str) -> str:
    out: str = emoji.emojize(str(text), language="alias")
    return out


#: Filters postkit adds, by the name a template uses (Jinja's FILTERS style).
FILTERS: Mapping[str, Callable[..., Any]] = {
    "emojize": _emojize,
    "hashtag": hashtag,
    "hashtags": lambda tags, limit=None: hashtags_from_tags(tags, limit),
    "tracked": tracked,
    "utm": tracked,
    "shorten": shorten,
    "replace": _safe_replace,
}


def _new_environment(loader: jinja2.BaseLoader) -> _PostkitSandbox:
    env = _PostkitSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=400,
    )
    jinja_filters = env.filters
    env.filters = {name: jinja_filters[name] for name in _JINJA_FILTERS}
    env.filters.update(FILTERS)
    # No lipsum, cycler, joiner, namespace, dict: a teaser needs none of them.
    env.globals = {"range": env.globals["range"], "_postkit_budgeted": _budgeted,
                   "emojize": _emojize, "tracked": tracked, "shorten": shorten}
    return env


class TemplateSet:
    """A folder of user templates over the shipped defaults; resolves one template per platform.

    For platform ``P`` the first that exists wins: the user's ``P.txt.j2``, the user's
    ``teaser.txt.j2``, the default ``P.txt.j2``, the default ``teaser.txt.j2`` — so a
    team's own teaser applies to every platform unless they override one.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        if self.folder is not None and not self.folder.is_dir():
            msg = f"template folder {str(self.folder)!r} does not exist or is not a folder"
            raise TemplateError(msg, code="TPL003", path=str(self.folder))
        self._user = _new_environment(jinja2.FileSystemLoader(str(self.folder))) if self.folder else None
        self._default = _new_environment(jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)))
        self._inline = _new_environment(jinja2.DictLoader({}))
        self._resolved: dict[str, jinja2.Template] = {}

    def names(self) -> list[str]:
        """Template file names in the user folder (or the defaults when there is none)."""
        folder = self.folder or DEFAULT_TEMPLATES
        return sorted(p.name for p in folder.glob(f"*{SUFFIX}"))

    def path_of(self, name: str) -> str:
        """Where a template name resolves to, for messages."""
        if self.folder is not None and (self.folder / name).is_file():
            return str(self.folder / name)
        return f"<postkit defaults>/{name}"

    def for_platform(self, platform: str) -> jinja2.Template:
        """The compiled template for ``platform`` (cached), or TemplateError (TPL001)."""
        cached = self._resolved.get(platform)
        if cached is not None:
            return cached
        candidates: list[tuple[jinja2.Environment, str, Path]] = []
        if self._user is not None and self.folder is not None:
            candidates += [(self._user, f"{platform}{SUFFIX}", self.folder),
                           (self._user, BASE_TEMPLATE, self.folder)]
        candidates += [(self._default, f"{platform}{SUFFIX}", DEFAULT_TEMPLATES),
                       (self._default, BASE_TEMPLATE, DEFAULT_TEMPLATES)]
        for env, name, folder in candidates:
            if (folder / name).is_file():
                template = load(env, name, str(folder / name))
                self._resolved[platform] = template
                return template
        msg = f"no {BASE_TEMPLATE} or {platform}{SUFFIX} template found"
        raise TemplateError(msg, code="TPL003", path=str(self.folder or DEFAULT_TEMPLATES))

    def from_source(self, source: str, name: str = "<template>") -> jinja2.Template:
        """Compile template source text (for ``compose(template=...)``)."""
        try:
            return self._inline.from_string(source)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"syntax error: {err.message}", code="TPL001",
                                template=name, line=err.lineno) from None


def load(env: jinja2.Environment, name: str, path: str) -> jinja2.Template:
    """Load and compile one template, turning Jinja's errors into TPL001 TemplateErrors."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"syntax error: {err.message}", code="TPL001",
                            template=name, path=path, line=err.lineno) from None
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(f"cannot read template: {err}", code="TPL001",
                            template=name, path=path) from None


def undeclared(env: jinja2.Environment, source: str) -> set[str]:
    """Variables a template uses that postkit does not provide (TPL002)."""
    tree = env.parse(source)
    return jinja2.meta.find_undeclared_variables(tree) - TEMPLATE_VARIABLES - set(env.globals)


@functools.cache
def template_set(folder: str | None = None) -> TemplateSet:
    """A cached TemplateSet per folder (compiling templates once per process)."""
    return TemplateSet(folder)


def _template_line(err: BaseException, template: jinja2.Template) -> int | None:
    filename = template.filename or "<template>"
    line = None
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def render(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Render with the work budget; every failure becomes a TemplateError (TPL002/TPL003).

    Raises:
        TemplateError: naming the template and, where known, its line.
    """
    token = _BUDGET.set([MAX_STEPS])
    name = template.name or "<template>"
    path = template.filename or name
    try:
        return template.render(context)
    except jinja2.UndefinedError as err:
        code = "TPL003"
        hint = None
        message = str(err.message)
        variable = regex.search(r"'([^']+)' is undefined", message)
        if variable and variable.group(1) not in TEMPLATE_VARIABLES:
            code = "TPL002"
            hint = f"templates receive: {', '.join(sorted(TEMPLATE_VARIABLES))}"
        raise TemplateError(message, code=code, template=name, path=path,
                            line=_template_line(err, template), hint=hint) from None
    except SecurityError as err:
        raise TemplateError(f"unsafe template: {err}", code="TPL003", template=name, path=path,
                            line=_template_line(err, template)) from None
    except jinja2.TemplateError as err:
        raise TemplateError(f"render failed: {err}", code="TPL003", template=name, path=path,
                            line=_template_line(err, template)) from None
    except RecursionError:
        raise TemplateError("render failed: recursion too deep", code="TPL003",
                            template=name, path=path) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError, MemoryError) as err:
        raise TemplateError(f"render failed: {type(err).__name__}: {err}", code="TPL003",
                            template=name, path=path, line=_template_line(err, template)) from None
    finally:
        _BUDGET.reset(token)
