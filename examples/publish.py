"""A publishing script using postkit's API: compose one article for three platforms, print payloads.

Run: python examples/publish.py [RECORD_FILE]   (default: the seed article as JSON)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from postkit import Article, PostkitError, compose, load_articles

PLATFORMS = ("x", "bluesky", "mastodon")


def main() -> int:
    """Compose and print each post's text, counter and API payload; report bad records."""
    source = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("kaim-crossing.json"))
    status = 0
    for item in load_articles(source):
        if not isinstance(item, Article):
            print(f"skipped: {item}", file=sys.stderr)
            status = 1
            continue
        for platform in PLATFORMS:
            try:
                post = compose(item, platform, campaign="publish-script")
            except PostkitError as err:
                print(f"{platform}: {err}", file=sys.stderr)
                status = 1
                continue
            print(f"== {platform}: {post.length}/{post.limit} {post.platform.unit}")
            print(json.dumps(post.payload(), ensure_ascii=False, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
