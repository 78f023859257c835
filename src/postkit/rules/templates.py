"""Template rules (TPL): raised by the template validator of `postkit check`, not by text checks.

Their checks are no-ops on plain text; the codes, docs and severities live here so that
selection, ``postkit rules`` and the generated docs treat them like every other rule.

Sources: the Jinja2 documentation (Template Designer Documentation, the meta API,
StrictUndefined, the sandbox); ruff's RUF100 for unused suppressions.
"""

from __future__ import annotations

from typing import Any

from postkit.rules.base import Context, Hit, Rule
from postkit.severity import Severity


def template_only(ctx: Context, prepared: Any) -> tuple[Hit, ...]:
    """Template findings come from the template validator; plain text has none."""
    del ctx, prepared
    return ()


_JINJA = "- Jinja2, Template Designer Documentation: https://jinja.palletsprojects.com/en/stable/templates/"

RULES = (
    Rule(
        "TPL001",
        "template-syntax",
        Severity.ERROR,
        f"""\
## What it does
Checks for template syntax errors, reported with the template file and line.

## Why is this bad?
A template that does not parse composes nothing, for any record or platform.

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
{_JINJA}
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL002",
        "undeclared-variable",
        Severity.ERROR,
        f"""\
## What it does
Checks for variables a template uses that postkit does not provide (`headline` instead of `title`).

## Why is this bad?
Under StrictUndefined the render fails for every record; without it the post silently loses the text.

## Example
```text
{{{{ headline }}}}
```

## Use instead
```text
{{{{ title }}}}
```

## Sources
{_JINJA}
- Jinja2 API, the meta API (`find_undeclared_variables`): https://jinja.palletsprojects.com/en/stable/api/#the-meta-api
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL003",
        "render-failure",
        Severity.ERROR,
        f"""\
## What it does
Checks for templates that fail to render for an example record: an undefined value, a sandbox violation, a filter error.

## Why is this bad?
The post for that record cannot be made, and publishing scripts stop at it.

## Example
```text
{{{{ title.upper(1) }}}}
```

## Use instead
```text
{{{{ title | upper }}}}
```

## Sources
{_JINJA}
- Jinja2 API, `StrictUndefined`: https://jinja.palletsprojects.com/en/stable/api/#jinja2.StrictUndefined
- Jinja2, Sandbox: https://jinja.palletsprojects.com/en/stable/sandbox/
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL004",
        "unused-noqa",
        Severity.WARNING,
        f"""\
## What it does
Checks for `{{# postkit: noqa: CODE #}}` comments in a template that suppress nothing, or name an unknown code.

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
{_JINJA}
- ruff, RUF100 unused-noqa: https://docs.astral.sh/ruff/rules/unused-noqa/
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL005",
        "prints-none",
        Severity.ERROR,
        f"""\
## What it does
Checks for templates that print `None` for a record with only its required fields (`title`, `url`).

## Why is this bad?
`postkit check` renders every template on every platform for such a record too, and reports the template line.
Example records tend to be complete, so the template passes them; then a record without a summary posts
`Kaim Crossing: None`. On platforms with `summary = false` in their profile (X, Bluesky) `summary` is always None.

## Example
```text
{{{{ title }}}}: {{{{ summary }}}}
```

## Use instead
```text
{{{{ title }}}}{{% if summary %}}: {{{{ summary }}}}{{% endif %}}
```

## Sources
{_JINJA}
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL006",
        "empty-placeholder-line",
        Severity.WARNING,
        f"""\
## What it does
Checks for template lines made of placeholders that print an empty line for a record with only `title` and `url`.

## Why is this bad?
The post gets a blank line where the template meant text; postkit keeps at most one blank line in a row, but the
layout the template intended (a line of hashtags, a byline) is gone without a word.

## Example
```text
{{{{ title }}}}

{{{{ hashtags | join(" ") }}}}
```

## Use instead
```text
{{{{ title }}}}
{{% if hashtags %}}

{{{{ hashtags | join(" ") }}}}
{{% endif %}}
```

## Sources
{_JINJA}
""",
        template_only,
        scope="template",
    ),
    Rule(
        "TPL007",
        "dangling-separator",
        Severity.WARNING,
        f"""\
## What it does
Checks for template lines that end (or start) with a separator whose placeholder prints nothing for a bare record.

## Why is this bad?
The separators are `:`, `-`, `–`, `—`, `|`, `·`, `•`, `/`, `,` and `;`; a bare record has only `title` and `url`.
`Kaim crossing reopens ·` or `📝🔗 Link in bio:` (Instagram has no link) reads as a broken post.

## Example
```text
{{{{ title }}}} · {{{{ author | default("", true) }}}}
{{{{ cta }}}}: {{{{ link }}}}
```

## Use instead
```text
{{{{ title }}}}{{% if author %}} · {{{{ author }}}}{{% endif %}}
{{{{ cta }}}}: {{{{ link }}}}
```

## Sources
{_JINJA}
""",
        template_only,
        scope="template",
    ),
)
