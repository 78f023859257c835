"""Template rules (TPL): raised by the template validator of `postkit check`, not by text checks.

Sources: Jinja2 documentation (Template Designer Documentation; jinja2.meta; StrictUndefined).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity


def _none(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Template findings come from ``postkit.validate``; plain text has none."""
    del ctx, options
    return iter(())


_SOURCE = "- Jinja2 Template Designer Documentation; jinja2.meta.find_undeclared_variables; StrictUndefined"

RULES = (
    Rule("TPL001", "template-syntax", Severity.ERROR, f"""\
## What it does
Checks for template syntax errors, reported with the file and line.

## Why is this bad?
A template that does not parse composes nothing.

## Example
```text
{{{{ title }}}}
{{% if %}}
```

## Use instead
```text
{{{{ title }}}}
{{% if summary %}}{{{{ summary }}}}{{% endif %}}
```

## Sources
{_SOURCE}
""", _none),
    Rule("TPL002", "undeclared-variable", Severity.ERROR, f"""\
## What it does
Checks for variables a template uses that postkit does not provide (`headline` instead of `title`).

## Why is this bad?
Under StrictUndefined the render fails for every record.

## Example
```text
{{{{ headline }}}}
```

## Use instead
```text
{{{{ title }}}}
```

## Sources
{_SOURCE}
""", _none),
    Rule("TPL003", "render-failure", Severity.ERROR, f"""\
## What it does
Checks for templates that fail to render for an example record (an undefined value, a sandbox violation, too much work).

## Why is this bad?
The post for that record cannot be made.

## Example
```text
{{{{ title.upper(1) }}}}
```

## Use instead
```text
{{{{ title | upper }}}}
```

## Sources
{_SOURCE}; Jinja2 Sandbox documentation
""", _none),
    Rule("TPL004", "unused-noqa", Severity.WARNING, f"""\
## What it does
Checks for `{{# postkit: noqa: CODE #}}` comments that suppress nothing.

## Why is this bad?
A stale suppression hides the next real finding of that code.

## Example
```text
{{# postkit: noqa: CLK001 #}}{{{{ title }}}}
```

## Use instead
```text
{{{{ title }}}}
```

## Sources
{_SOURCE}; ruff's RUF100 (unused-noqa)
""", _none),
)
