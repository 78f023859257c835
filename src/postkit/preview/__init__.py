"""The preview: the pipeline's rows as one self-contained HTML page.

``page`` builds and writes the page; ``marks`` turns a post's text into display pieces.
"""

from postkit.preview.page import (
    PreviewSummary,
    cli_preview,
    is_rtl,
    preview_records,
    preview_rows,
    render_preview,
    summarize,
    write_page,
)

__all__ = [
    "PreviewSummary",
    "cli_preview",
    "is_rtl",
    "preview_records",
    "preview_rows",
    "render_preview",
    "summarize",
    "write_page",
]
