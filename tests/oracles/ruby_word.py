"""Write src/postkit/data/ruby_word.txt: Ruby 3.4's ``[[:word:]]``, the word class of Mastodon's mentions.

Mastodon finds mentions with ``Account::MENTION_RE``,
``(?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)``, on Ruby 3.4, whose
Onigmo takes as ``[[:word:]]`` every Alphabetic character (Ⓐ, Ⅰ, 〇 too), marks, decimal
digits, connector punctuation and the joiners, of Unicode 15.0. postkit's Mastodon counter
(``platforms/mastodon_api.py``) uses this class itself, asked of Ruby 3.4 in ruby.wasm
(``mastodon/ruby.mjs word``). Run from the repository root, after
``npm ci --prefix tests/oracles/mastodon``::

    python tests/oracles/ruby_word.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for oracles.*

from oracles import client  # noqa: E402

OUT = HERE.parent.parent / "src" / "postkit" / "data" / "ruby_word.txt"


def table() -> str:
    """The file's text, as Ruby 3.4 answers now."""
    answer = client.ruby("word")
    lines = [
        f"# Ruby {answer['ruby']}'s [[:word:]] (Onigmo, Unicode {answer['unicode']}): the code points it matches.",
        "# Mastodon's Account::MENTION_RE takes these as word characters: before @ (no mention) and in a",
        "# mention's domain; Mastodon runs on Ruby 3.4 (postkit/platforms/mastodon_api.py).",
        "# Generated, do not edit: python tests/oracles/ruby_word.py (node, npm ci --prefix tests/oracles/mastodon).",
        f"ruby {answer['ruby']} unicode {answer['unicode']}",
    ]
    lines += [f"{a:04X}-{b:04X}" for a, b in answer["ranges"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(table(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
