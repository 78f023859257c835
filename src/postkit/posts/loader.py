"""Template folders over the shipped defaults, and rendering within the sandbox's budget."""

from __future__ import annotations

import errno
import functools
import os
import stat
import traceback
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import regex
from jinja2.exceptions import SecurityError

from postkit.errors import TemplateError
from postkit.posts.filters import FILTERS, GLOBALS
from postkit.posts.sandbox import make_environment, rendering

__all__ = [
    "BASE_TEMPLATE",
    "DEFAULT_TEMPLATES",
    "MAX_TEMPLATE_BYTES",
    "SUFFIX",
    "TEMPLATE_VARIABLES",
    "TemplateSet",
    "load",
    "read_template",
    "render",
    "template_set",
    "undeclared",
]

#: The folder of default templates shipped inside the package.
DEFAULT_TEMPLATES = Path(str(resources.files("postkit").joinpath("templates")))
BASE_TEMPLATE = "teaser.txt.j2"
SUFFIX = ".txt.j2"

#: What a template receives: the Article's fields and the composed parts.
TEMPLATE_VARIABLES = frozenset(
    {
        "title",
        "url",
        "summary",
        "social",
        "tags",
        "topics",
        "language",
        "id",
        "sources",
        "published",
        "image",
        "author",
        "body",
        "link",
        "emoji",
        "cta",
        "hashtags",
        "platform",
        "limit",
        "unit",
    }
)


#: The largest template file postkit reads (a teaser template is a few hundred bytes).
MAX_TEMPLATE_BYTES = 256 * 1024


def _new_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    return make_environment(loader, FILTERS, GLOBALS)


def read_template(folder: str | os.PathLike[str], name: str, *, max_bytes: int = MAX_TEMPLATE_BYTES) -> str:
    """The text of template ``name`` (``a/b.txt.j2``) in ``folder``, read safely.

    Templates come from pull requests and render in CI, so only a regular file that is
    inside ``folder`` once every link is resolved is read: a link to ``/proc/self/environ``
    or to ``/`` is refused, as are FIFOs and devices (opened without blocking, then
    checked), files over ``max_bytes`` and text that is not UTF-8.

    Raises:
        TemplateError: (TPL001) naming the template and why it cannot be read.
        jinja2.TemplateNotFound: when there is no such file.
    """
    pieces = jinja2.loaders.split_template_path(name)  # refuses '..' and absolute names
    root = os.path.realpath(folder)
    wanted = os.path.join(root, *pieces)  # noqa: PTH118 - str paths throughout
    if not os.path.lexists(wanted):
        raise jinja2.TemplateNotFound(name)
    real = os.path.realpath(wanted)
    shown = os.path.join(os.fspath(folder), *pieces)  # noqa: PTH118

    def refuse(why: str) -> TemplateError:
        return TemplateError(
            f"cannot read template: {why}",
            code="TPL001",
            template=name,
            path=shown,
            hint="templates are regular files inside the template folder",
        )

    if os.path.commonpath([root, real]) != root:
        raise refuse("it is a link to a place outside the template folder")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as err:
        if err.errno == errno.ENOENT:
            raise refuse("it is a link to nothing (a dangling link)") from None
        raise refuse(err.strerror or str(err)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise refuse("it is not a regular file (a folder, FIFO, socket or device)")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise refuse(f"it is larger than {max_bytes:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise refuse(f"not UTF-8 (byte offset {err.start})") from None


class _FolderLoader(jinja2.BaseLoader):
    """Loads templates with ``read_template``: the template and every include, import, extends.

    (Jinja's FileSystemLoader follows links anywhere.)
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = os.fspath(folder)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:  # noqa: ARG002
        source = read_template(self.folder, template)
        path = os.path.join(self.folder, *jinja2.loaders.split_template_path(template))  # noqa: PTH118
        return source, path, lambda: True


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
        self._user = _new_environment(_FolderLoader(self.folder)) if self.folder else None
        self._default = _new_environment(_FolderLoader(DEFAULT_TEMPLATES))
        self._inline = _new_environment(jinja2.DictLoader({}))
        self._resolved: dict[str, jinja2.Template] = {}

    @property
    def environment(self) -> jinja2.Environment:
        """The sandbox that loads this set's own templates (the user folder, else the defaults)."""
        return self._user if self._user is not None else self._default

    def names(self) -> list[str]:
        """Template file names in the user folder (or the defaults when there is none)."""
        folder = self.folder or DEFAULT_TEMPLATES
        return sorted(p.name for p in folder.glob(f"*{SUFFIX}"))

    def path_of(self, name: str) -> str:
        """Where a template name resolves to, for messages."""
        if self.folder is not None and os.path.lexists(self.folder / name):
            return str(self.folder / name)
        return f"<postkit defaults>/{name}"

    def for_platform(self, platform: str) -> jinja2.Template:
        """The compiled template for ``platform`` (cached), or TemplateError (TPL001)."""
        cached = self._resolved.get(platform)
        if cached is not None:
            return cached
        candidates: list[tuple[jinja2.Environment, str, Path]] = []
        if self._user is not None and self.folder is not None:
            candidates += [(self._user, f"{platform}{SUFFIX}", self.folder), (self._user, BASE_TEMPLATE, self.folder)]
        candidates += [
            (self._default, f"{platform}{SUFFIX}", DEFAULT_TEMPLATES),
            (self._default, BASE_TEMPLATE, DEFAULT_TEMPLATES),
        ]
        for env, name, folder in candidates:
            if os.path.lexists(folder / name):  # a link or FIFO is refused by the loader, not skipped
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
            raise TemplateError(f"syntax error: {err.message}", code="TPL001", template=name, line=err.lineno) from None


def load(env: jinja2.Environment, name: str, path: str) -> jinja2.Template:
    """Load and compile one template, turning Jinja's errors into TPL001 TemplateErrors."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            f"syntax error: {err.message}", code="TPL001", template=name, path=path, line=err.lineno
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(f"cannot read template: {err}", code="TPL001", template=name, path=path) from None


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
    name = template.name or "<template>"
    path = template.filename or name
    try:
        with rendering():
            return template.render(context)
    except jinja2.UndefinedError as err:
        code = "TPL003"
        hint = None
        message = str(err.message)
        variable = regex.search(r"'([^']+)' is undefined", message)
        if variable and variable.group(1) not in TEMPLATE_VARIABLES:
            code = "TPL002"
            hint = f"templates receive: {', '.join(sorted(TEMPLATE_VARIABLES))}"
        raise TemplateError(
            message, code=code, template=name, path=path, line=_template_line(err, template), hint=hint
        ) from None
    except jinja2.TemplateNotFound as err:
        raise TemplateError(
            f"template {err.name!r} not found: include, import and extends only reach templates in the template folder",
            code="TPL003",
            template=name,
            path=path,
            line=_template_line(err, template),
        ) from None
    except SecurityError as err:
        raise TemplateError(
            f"unsafe template: {err}", code="TPL003", template=name, path=path, line=_template_line(err, template)
        ) from None
    except jinja2.TemplateError as err:
        raise TemplateError(
            f"render failed: {err}", code="TPL003", template=name, path=path, line=_template_line(err, template)
        ) from None
    except RecursionError:
        raise TemplateError("render failed: recursion too deep", code="TPL003", template=name, path=path) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError, MemoryError) as err:
        hint = None
        if isinstance(err, TypeError) and "object is not callable" in str(err):
            hint = (
                "a variable is called like a function: 'hashtags' is both a variable (a list) and a filter; "
                "write `tags | hashtags(3)` for the filter"
            )
        raise TemplateError(
            f"render failed: {type(err).__name__}: {err}",
            code="TPL003",
            template=name,
            path=path,
            line=_template_line(err, template),
            hint=hint,
        ) from None
