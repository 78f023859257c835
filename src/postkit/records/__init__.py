"""Read article records from files, folders and stdin.

``load_articles`` yields one :class:`Article` or one :class:`RecordError` per record,
so a bad record is reported where it is and never hides the rest; ``iter_records``
yields the same outcomes as :class:`Record` values that also say where each record
is (file, record number, line), for a CLI's labels. Formats:

- ``.json``: one object, or an array of objects (errors name the line each record
  starts on, and its number), or a CMS document read as it comes: JSON Feed 1.0/1.1,
  WordPress REST posts, a Ghost Content API response or export, any ``{"posts": [...]}``
  (:mod:`postkit.records.cms`). A malformed file is one error; nothing from it loads.
- ``.jsonl`` / ``.ndjson``: one object per line, streamed line by line (flat memory
  for any number of records); blank lines are skipped; errors name the line.
- ``.csv``: a header row, then one record per row (RFC 4180 quoting, strict). In the
  ``tags``, ``topics`` and ``sources`` columns items are split on ``;`` when the cell
  has one, else on ``,`` (so ``"Washington, D.C.; Politics"`` keeps its comma; a list
  given as one string in any format is split the same way). Empty cells are absent
  fields. Streamed; a row with more cells than the header, or a quoting error, is that
  row's error and the next line starts a new row.
- ``.md`` / ``.markdown``: TOML (``+++``) or YAML (``---``) front matter, then the
  Markdown body, which becomes ``body``. Without a ``summary`` (or its static-site
  alias ``description``) the first plain prose paragraph of the body, with Markdown
  links and emphasis removed, becomes the summary; headings, lists, quotes, tables,
  code and HTML blocks are passed over. ``date`` is accepted for ``published``.
  PyYAML, which reads YAML, is a dependency: Jekyll, Hugo and Eleventy files work as they are.
- ``.txt``: the seed's plain-text form (see :func:`parse_text_record`).
- a folder: every supported file inside, recursively, in sorted path order. Files
  with other extensions, ``README.*`` files and hidden entries (``.git``,
  ``.DS_Store``) are skipped without a word (a folder of records often holds a
  script and a README); symlinked folders are not followed. A folder with no record
  file at all is an error, so a CI job pointed at the wrong folder does not pass on
  nothing.
- ``.xml`` / ``.rss`` / ``.atom`` / ``.rdf``: an RSS or Atom feed, one record per entry (see
  :mod:`postkit.records.from_feed`); a document that is not a feed is an error.
- ``-``: stdin, a feed, JSON or JSON Lines, sniffed: a first line starting with ``<`` is
  a feed; a first line that is a whole JSON value (other than an array) means JSON
  Lines, streamed; anything else is one JSON document.

Input other than feeds must be UTF-8 (feedparser reads a feed's declared encoding);
a UTF-8 byte-order mark is dropped. Other encodings, NUL bytes and empty files are
errors naming the file and the byte offset or line, never "repaired". In JSON Lines and
CSV a line with bad bytes is one error and the next lines still load.

Field names and values as other tools write them (synonyms such as ``headline``, a
newsroom's ``[tool.postkit.fields]`` mapping, CMS value shapes, a base URL for records
without a url) are read as :mod:`postkit.records.fields` says; what would repeat for every
record of a file (an unknown column, a synonym read) is said once, with a count.

An ``id`` seen twice in one call (across all files of a folder) is an error at the
later record, naming where the first one was; both records are accounted for.

The public names (``load_articles``, ``RecordError``) are :mod:`postkit`'s; ``iter_records``
and ``Record`` are in :mod:`postkit.records.reading` and :mod:`postkit.records.record`.
Like every subpackage, this one re-exports nothing.
"""
