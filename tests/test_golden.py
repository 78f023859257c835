"""Golden files: the default templates' output for every shipped example on every platform.

A change to a template, the ladder, counting or the example records shows up here as a
diff to review. After an intended change, regenerate with:

    python tests/test_golden.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from postkit.platforms.registry import builtin_platforms
from postkit.posts.composer import compose
from postkit.records.reading import iter_records

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "examples.jsonl"


def _posts() -> list[dict[str, object]]:
    """Every example record composed on every platform, in a stable order (no timestamps)."""
    out: list[dict[str, object]] = []
    for rec in iter_records(ROOT / "examples"):
        assert not isinstance(rec.value, Exception), str(rec.value)
        for platform in builtin_platforms().values():
            post = compose(rec.value, platform)
            out.append(
                {
                    "record": f"{Path(rec.path).relative_to(ROOT).as_posix()}:{rec.line or rec.index}",
                    "platform": post.platform.name,
                    "length": post.length,
                    "truncated": list(post.truncated),
                    "text": post.text,
                }
            )
    return out


def _load() -> list[dict[str, object]]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]


class TestGolden:
    def test_examples_match_golden_posts(self):
        """The shipped templates give exactly the pinned post for each example and platform."""
        expected = {(p["record"], p["platform"]): p for p in _load()}
        actual = {(p["record"], p["platform"]): p for p in _posts()}
        assert sorted(expected) == sorted(actual)
        for key, post in actual.items():
            assert expected[key] == post, f"{key} changed; review, then run python tests/test_golden.py --update"

    def test_golden_posts_fit(self):
        """Every pinned post is within its platform's limit."""
        limits = {p.name: p.limit for p in builtin_platforms().values()}
        assert all(int(p["length"]) <= limits[str(p["platform"])] for p in _load())


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_golden.py --update")
    GOLDEN.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in _posts()), encoding="utf-8")
