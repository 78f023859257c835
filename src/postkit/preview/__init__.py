"""The preview: the pipeline's rows as one self-contained HTML page.

``page`` renders and writes the page (``render_preview``: rows to HTML; ``write_preview``:
rows to a file, with the counts); ``display`` turns a post's text into display pieces.
"""

from postkit.preview.page import PreviewSummary, is_rtl, render_preview, summarize, write_preview

__all__ = ["PreviewSummary", "is_rtl", "render_preview", "summarize", "write_preview"]
