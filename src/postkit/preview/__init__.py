"""The preview: the pipeline's rows as one self-contained HTML page.

``page`` renders and writes the page (``render_preview``: rows to HTML; ``write_preview``:
rows to a file, with the counts); ``display`` turns a post's text into display pieces.
Like every subpackage, this one re-exports nothing: import from ``postkit.preview.page``.
"""
