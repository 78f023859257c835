"""The hardened Jinja2 sandbox every template renders in.

Templates come from teams and are shared (``postkit check`` runs them from pull
requests), so they are untrusted code: they render in an ``ImmutableSandboxedEnvironment``
(no changing the lists a template is given) with ``StrictUndefined``, a short allowlist of
filters and globals, no ``self``, no ``str.format`` (refused at attribute access), and one
work budget per record (``_budget``) shared by every render of that record: each loop
step, call, filter, test, operator, comparison, subscript and slice is charged, plus the
size of what it works on, and no value may outgrow MAX_SIZE (literals included, so a
shared structure cannot be hashed or compared 2**40 times). An output budget per render
is charged every piece of output, literal text included. Article text is only ever data
passed to a template, never template source, so ``{{ 7*7 }}`` in a title stays literal.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any

import jinja2
import jinja2.nodes
import jinja2.sandbox
import jinja2.visitor
from jinja2.exceptions import SecurityError

from postkit.posts._budget import (
    CURRENT,
    MAX_EXPONENT,
    MAX_INT_BITS,
    MAX_OUTPUT,
    MAX_SECONDS,
    MAX_SIZE,
    MAX_STEPS,
    WORK_UNIT,
    budget,
    budgeted,
    built,
    charge,
    check_arguments,
    check_size,
    check_size_of,
    compare,
    rendering,
    search_cost,
    sliced,
    tick,
    weigh,
    weight,
)

__all__ = ["MAX_OUTPUT", "MAX_SECONDS", "MAX_SIZE", "MAX_STEPS", "budget", "make_environment", "rendering"]


def _safe_replace(value: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old_s, new_s = str(value), str(old), str(new)
    charge(len(text))
    hits = text.count(old_s) if old_s else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * max(0, len(new_s) - len(old_s)) > MAX_SIZE:
        msg = f"replace would build more than {MAX_SIZE:,} characters"
        raise SecurityError(msg)
    return text.replace(old_s, new_s, -1 if count is None else count)


def _safe_join(separator: str, items: Iterable[Any], *, strings: bool = False, what: str = "join") -> str:
    """``separator.join(items)`` after checking the size it would build."""
    values = list(items)
    size = weight(values) + len(separator) * max(0, len(values) - 1)
    if size > MAX_SIZE:
        msg = f"{what} would build more than {MAX_SIZE:,} characters"
        raise SecurityError(msg)
    charge(size)
    return separator.join(values if strings else map(str, values))


def _concat(*parts: Any) -> str:
    """The ``~`` operator (see ``_Harden``): joins after checking the size it would build."""
    return _safe_join("", parts, what="'~'")


# str methods whose arguments set an output size (widths, tables, formats) or make bytes:
# a teaser needs none of them.
_BLOCKED_STR_METHODS = frozenset(
    {
        "center",
        "encode",
        "expandtabs",
        "format",
        "format_map",
        "ljust",
        "maketrans",
        "rjust",
        "translate",
        "zfill",
    }
)


class _Harden(jinja2.visitor.NodeTransformer):
    """Rewrites a parsed template so that every loop, join and output is accounted for.

    - ``for`` iterables go through ``_postkit_budgeted`` (nested loops cannot run away);
    - ``a ~ b`` becomes ``_postkit_concat(a, b)`` (size-checked);
    - literal template text becomes a constant passed through ``finalize``, so the output
      budget sees it too (a 10 kB literal in a 100,000-step loop is 1 GB);
    - ``self`` (a reference to the template and its context) is refused.
    """

    def __init__(self, name: str | None, filename: str | None) -> None:
        self.name = name
        self.filename = filename

    def visit_Name(self, node: jinja2.nodes.Name) -> jinja2.nodes.Node:  # noqa: N802 - visitor protocol
        if node.name == "self":
            msg = "'self' is not available in postkit templates"
            raise jinja2.TemplateSyntaxError(msg, node.lineno, self.name, self.filename)
        return node

    def visit_For(self, node: jinja2.nodes.For) -> jinja2.nodes.Node:  # noqa: N802
        node = self.generic_visit(node)  # type: ignore[assignment]
        node.iter = jinja2.nodes.Call(
            jinja2.nodes.Name("_postkit_budgeted", "load", lineno=node.lineno),
            [node.iter],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        return node

    def visit_Concat(self, node: jinja2.nodes.Concat) -> jinja2.nodes.Node:  # noqa: N802
        node = self.generic_visit(node)  # type: ignore[assignment]
        concat = jinja2.nodes.Name("_postkit_concat", "load", lineno=node.lineno)
        return jinja2.nodes.Call(concat, list(node.nodes), [], None, None, lineno=node.lineno)

    def visit_Getitem(self, node: jinja2.nodes.Getitem) -> jinja2.nodes.Node:  # noqa: N802
        # Jinja compiles ``x[a:b]`` to a plain Python slice, bypassing the sandbox's getitem.
        node = self.generic_visit(node)  # type: ignore[assignment]
        if not isinstance(node.arg, jinja2.nodes.Slice) or node.ctx != "load":
            return node
        none = jinja2.nodes.Const(None, lineno=node.lineno)
        parts = [part if part is not None else none for part in (node.arg.start, node.arg.stop, node.arg.step)]
        cut = jinja2.nodes.Name("_postkit_slice", "load", lineno=node.lineno)
        return jinja2.nodes.Call(cut, [node.node, *parts], [], None, None, lineno=node.lineno)

    def visit_Compare(self, node: jinja2.nodes.Compare) -> jinja2.nodes.Node:  # noqa: N802
        node = self.generic_visit(node)  # type: ignore[assignment]
        args: list[jinja2.nodes.Expr] = [node.expr]
        for operand in node.ops:
            args += [jinja2.nodes.Const(operand.op, lineno=node.lineno), operand.expr]
        compare = jinja2.nodes.Name("_postkit_compare", "load", lineno=node.lineno)
        return jinja2.nodes.Call(compare, args, [], None, None, lineno=node.lineno)

    def _built(self, node: jinja2.nodes.Expr) -> jinja2.nodes.Node:
        call = jinja2.nodes.Name("_postkit_built", "load", lineno=node.lineno)
        return jinja2.nodes.Call(call, [node], [], None, None, lineno=node.lineno)

    def visit_Tuple(self, node: jinja2.nodes.Tuple) -> jinja2.nodes.Node:  # noqa: N802
        node = self.generic_visit(node)  # type: ignore[assignment]
        return node if node.ctx != "load" else self._built(node)

    def visit_List(self, node: jinja2.nodes.List) -> jinja2.nodes.Node:  # noqa: N802
        return self._built(self.generic_visit(node))  # type: ignore[arg-type]

    def visit_Dict(self, node: jinja2.nodes.Dict) -> jinja2.nodes.Node:  # noqa: N802
        # Keys are hashed as the literal is built: weigh them first (a 2**40 shared tuple).
        node = self.generic_visit(node)  # type: ignore[assignment]
        for pair in node.items:
            pair.key = self._built(pair.key)  # type: ignore[assignment]
        return self._built(node)

    def visit_Output(self, node: jinja2.nodes.Output) -> jinja2.nodes.Node:  # noqa: N802
        node = self.generic_visit(node)  # type: ignore[assignment]
        node.nodes = [
            jinja2.nodes.Const(child.data, lineno=child.lineno)
            if isinstance(child, jinja2.nodes.TemplateData)
            else child
            for child in node.nodes
        ]
        return node


@jinja2.pass_eval_context
def _finalize(_eval_ctx: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Every piece of output passes here: charge it to the render's output budget."""
    budget = CURRENT.get(None)
    if budget is not None:
        budget.output -= len(value) if type(value) is str else weight(value, MAX_OUTPUT)
        if budget.output < 0:
            msg = f"template output more than {MAX_OUTPUT:,} characters"
            raise SecurityError(msg)
    return value


# Sequences a filter's data usually is: neither a str nor a Mapping.
_SEQUENCES = (list, tuple)
# Filters that compare their items with one another (about n log n comparisons).
_SORTING_FILTERS = frozenset({"dictsort", "groupby", "max", "min", "sort", "unique"})
# Filters that take a Python-level step per word or tag of a string (at most one per 2 characters).
_PER_PIECE_FILTERS = frozenset({"striptags", "title"})


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap filter ``name``: charge its work, bound its arguments and its result's size.

    Keeps Jinja's ``pass_context``/``pass_eval_context`` marker (``functools.wraps`` copies it).
    """
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        data = args[skip] if len(args) > skip else None
        extra = (*args[skip + 1 :], *kwargs.values())
        check_arguments(extra)
        for value in extra:
            weigh(value)
            if isinstance(value, int) and not isinstance(value, bool):
                charge(abs(value))  # a width or count the filter builds up to (batch, slice, truncate)
        if name == "sum":
            start = kwargs.get("start", args[skip + 2] if len(args) > skip + 2 else 0)
            if not isinstance(start, int | float):
                # sum(lists, start=[]) copies the growing list at every item: quadratic.
                msg = "sum adds numbers only (start must be a number)"
                raise SecurityError(msg)
        # Exact types first: an isinstance test against an ABC costs more than the rest of a join.
        if name == "join" and (type(data) in _SEQUENCES or not isinstance(data, str | Mapping)):
            # join builds len(separator) * len(items): check before building.
            items = list(data) if data is not None else []
            separator = args[skip + 1] if len(args) > skip + 1 else kwargs.get("d", "")
            check_size_of("join", weight(items) + len(str(separator)) * max(0, len(items) - 1))
            args = (*args[:skip], items, *args[skip + 1 :])
        else:
            size = weight(data)
            check_size_of(name, size)
            if name in _SORTING_FILTERS and size > 1:
                charge(size * math.ceil(math.log2(size)))
            if name in _PER_PIECE_FILTERS:  # a Python step per word or tag, not C-speed string work
                tick(size // 2)
        result = func(*args, **kwargs)
        if type(result) is not str and isinstance(result, Iterator):
            return budgeted(result)
        return check_size(result)

    return guarded


def _guard_test(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Jinja test (``is in``, ``is eq``…; also what ``select`` applies per item)."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tick()
        values = [a for a in (*args, *kwargs.values()) if not isinstance(a, jinja2.runtime.Context)]
        for value in values:
            weigh(value)
        if func.__name__ == "test_in" and len(values) == 2:
            search_cost(values[0], values[1])
        return func(*args, **kwargs)

    return guarded


class _PostkitSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus a work budget, an output budget and size checks."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "**", "%", "//"})

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict, not Jinja's ``ChainMap`` over the environment's.

        Every render copies the globals into its context, and copying a ChainMap key by key
        costs about a third of a short render. postkit sets an environment's globals once,
        before any template is loaded, so a snapshot sees the same names.
        """
        return {**self.globals, **(d or {})}

    #: Set only on a tracing copy of an environment (``posts.provenance``): given each parsed
    #: template before it is hardened, it marks every piece of output with where it comes from.
    tracer: Callable[[jinja2.nodes.Template, str, str | None, str | None], jinja2.nodes.Template] | None = None

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        tree = super()._parse(source, name, filename)
        if self.tracer is not None:
            tree = self.tracer(tree, source, name, filename)
        hardened: jinja2.nodes.Template = _Harden(name, filename).visit(tree)
        return hardened

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        tick()
        if isinstance(left, int) and isinstance(right, int):
            # Whole numbers up to MAX_INT_BITS: '*', '/', '//', '%' cost digits × digits.
            digits = (left.bit_length() // 30 + 1, right.bit_length() // 30 + 1)
            tick((digits[0] * digits[1] if operator in ("*", "/", "//", "%") else max(digits)) // WORK_UNIT)
        if operator == "%" and isinstance(left, str | bytes):
            msg = "'%' string formatting is not allowed in templates; use '~' to join text"
            raise SecurityError(msg)
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            msg = f"exponent {right!r} is too large (at most {MAX_EXPONENT})"
            raise SecurityError(msg)
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and left.bit_length() * right > MAX_INT_BITS
        ):
            msg = f"'**' would build a number of more than {MAX_INT_BITS:,} bits"
            raise SecurityError(msg)
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    msg = f"'*' would build a number of more than {MAX_INT_BITS:,} bits"
                    raise SecurityError(msg)
            else:
                seq, times = (left, right) if not isinstance(left, int) else (right, left)
                if isinstance(times, int) and times > 0 and weight(seq) * times > MAX_SIZE:
                    msg = f"'*' would build more than {MAX_SIZE:,} characters or items"
                    raise SecurityError(msg)
        if operator == "+" and not isinstance(left, int | float) and not isinstance(right, int | float):
            check_size_of("'+'", weight(left) + weight(right))
        return super().call_binop(context, operator, left, right)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        tick()
        if obj is _concat:
            return _concat(*args)
        if obj is compare:
            return compare(*args)
        if obj is built or obj is budgeted or obj is sliced:
            return obj(*args)
        check_arguments((*args, *kwargs.values()))
        for value in (*args, *kwargs.values()):
            weigh(value)  # hashing (dict.get), comparing (list.index), copying
        if isinstance(obj, jinja2.runtime.LoopContext) and args:
            # A recursive loop's loop(children) iterates outside the For node: budget it too.
            args = (budgeted(args[0]), *args[1:])
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(obj, "__name__", "")
            if name in _BLOCKED_STR_METHODS:
                msg = f"str.{name} is not allowed in templates"
                raise SecurityError(msg)
            if name == "replace":
                return _safe_replace(owner, *args, **kwargs)
            if name == "join" and len(args) == 1 and not kwargs:
                return _safe_join(owner, args[0], strings=True)
            charge(len(owner))
            for value in args:
                search_cost(value, owner)
        elif isinstance(owner, list | tuple | dict):
            weigh(owner)  # list.index / list.count compare with every item
        return check_size(super().call(context, obj, *args, **kwargs))

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``obj[argument]``: slices are charged by the size they copy, keys by hashing."""
        tick()
        if isinstance(argument, slice):
            with contextlib.suppress(TypeError, ValueError):
                charge(len(range(len(obj))[argument]))
        elif isinstance(argument, str) and isinstance(obj, str) and argument in _BLOCKED_STR_METHODS:
            msg = f"str.{argument} is not allowed in templates"
            raise SecurityError(msg)
        else:
            weigh(argument)
        return super().getitem(obj, argument)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute``; str methods that set output sizes are refused here, at access.

        (Jinja hands out ``str.format`` as a wrapper with no ``__self__``, which a check
        at call time cannot recognise.)
        """
        tick()
        if isinstance(obj, str) and attribute in _BLOCKED_STR_METHODS:
            msg = f"str.{attribute} is not allowed in templates"
            raise SecurityError(msg)
        return super().getattr(obj, attribute)


# Filters a teaser template may use: Jinja's harmless ones plus postkit's own. Left out:
# format/center/indent/wordwrap (unbounded widths), pprint, random (non-deterministic),
# urlize, xmlattr, safe/forceescape (no markup in plain-text posts).
_JINJA_FILTERS = (
    "abs",
    "attr",
    "batch",
    "capitalize",
    "count",
    "d",
    "default",
    "dictsort",
    "first",
    "float",
    "groupby",
    "int",
    "items",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "reverse",
    "round",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "tojson",
    "trim",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "wordcount",
)


def make_environment(
    loader: jinja2.BaseLoader,
    filters: Mapping[str, Callable[..., Any]],
    globals_: Mapping[str, Any],
) -> _PostkitSandbox:
    """A sandbox over ``loader`` with Jinja's harmless filters plus ``filters`` and ``globals_``.

    Every filter is guarded (budget and size checks); ``replace`` is the size-checked one.
    """
    env = _PostkitSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=400,
        finalize=_finalize,
    )
    jinja_filters = env.filters
    env.filters = {name: _guard_filter(name, jinja_filters[name]) for name in _JINJA_FILTERS}
    env.filters.update(
        {name: _guard_filter(name, func) for name, func in {**filters, "replace": _safe_replace}.items()}
    )
    # No lipsum, cycler, joiner, namespace, dict: a teaser needs none of them.
    env.tests = {name: _guard_test(test) for name, test in env.tests.items()}  # type: ignore[arg-type]
    env.globals = {
        "range": env.globals["range"],
        "_postkit_budgeted": budgeted,
        "_postkit_concat": _concat,
        "_postkit_compare": compare,
        "_postkit_built": built,
        "_postkit_slice": sliced,
        **globals_,
    }
    return env
