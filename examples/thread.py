"""Post an article as a thread: compose it, then chain each post to the one before.

Run: python examples/thread.py [RECORD_FILE] [PLATFORM]
     (default: the first entry of examples/feeds/harbour-wire.rss, on bluesky)

Nothing is sent: ``send`` below stands in for the API call and invents the ids an API
returns. Each API chains replies its own way, and ``reply_to`` fills in its spelling:

- Bluesky: the record gets ``reply = {root, parent}``, strong refs ``{uri, cid}`` from
  ``com.atproto.repo.createRecord`` (atproto: ``client.com.atproto.repo.create_record``);
  the first post's link card wants its thumbnail uploaded (``post.card_image``).
- Mastodon: ``in_reply_to_id``, the previous status's ``id`` (Mastodon.py:
  ``api.status_post(**payload)``).
- X: ``in_reply_to_tweet_id``, the previous tweet's id (tweepy: ``client.create_tweet(**payload)``,
  which sends it as ``reply.in_reply_to_tweet_id`` in the ``POST /2/tweets`` body).
- Threads: ``reply_to_id`` on the media container.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

from postkit import Article, PostkitError, compose_thread, load_articles, reply_to

_ids = itertools.count(1)


def send(payload: dict[str, Any], platform: str) -> Any:
    """Stand-in for the API call: print the request, return what the API would (an id or a strong ref)."""
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    number = next(_ids)
    if platform == "bluesky":
        return {"uri": f"at://did:plc:example/app.bsky.feed.post/{number}", "cid": f"bafyexample{number}"}
    return str(1000 + number)


def main() -> int:
    """Compose the thread and "post" it, each post replying to the previous one."""
    default = Path(__file__).with_name("feeds") / "harbour-wire.rss"
    source = sys.argv[1] if len(sys.argv) > 1 else str(default)
    platform = sys.argv[2] if len(sys.argv) > 2 else "bluesky"
    article = next((a for a in load_articles(source) if isinstance(a, Article)), None)
    if article is None:
        print(f"no article in {source}", file=sys.stderr)
        return 1
    try:
        thread = compose_thread(article, platform, max_posts=6, campaign="thread-example")
    except PostkitError as err:
        print(f"{platform}: {err}", file=sys.stderr)
        return 1
    root = parent = None
    for post, payload in zip(thread.posts, thread.payloads(), strict=True):
        print(f"== {platform} {len(thread.parts)} posts: {post.length}/{post.limit} {post.platform.unit}")
        if post.card_image:
            print(f"(upload {post.card_image} as a blob and set embed.external.thumb)")
        parent = send(payload if parent is None else reply_to(payload, platform, parent, root), platform)
        root = root or parent
    return 0


if __name__ == "__main__":
    sys.exit(main())
