"""Make a fixture of Mastodon's own StatusLengthValidator run over the oracle corpus.

``--set corpus`` (the default) counts ``corpus.py`` into ``status_length.json``; ``--set
adversarial`` counts ``adversarial.jsonl`` (the adversarial set) into ``adversarial.json``.

Mastodon is AGPL-licensed, so none of its code is in this repository: you bring a checkout.
See README.md beside this file. Usage::

    npm ci --prefix tests/oracles/mastodon
    python tests/oracles/mastodon/generate.py --mastodon PATH/TO/mastodon --gem PATH/TO/twitter-text-3.1.0 \\
        --mastodon-source "mastodon/mastodon@<commit>" --gem-source "twitter-text 3.1.0 (gem unpack)"

``--gem`` is an unpacked twitter-text 3.1.0 gem (``gem unpack twitter-text -v 3.1.0``): its
``lib/`` (with ``lib/assets/tld_lib.yml``) and ``config/``. The validator runs in Ruby 3.4
(npm ``@ruby/3.4-wasm-wasi``, Unicode 15.0 grapheme rules, as Mastodon pins Ruby 3.4).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # tests/, for oracles.corpus

from oracles import adversarial  # noqa: E402
from oracles.corpus import SEED, corpus, emoji_sequences  # noqa: E402


def idna_2003(domain: str) -> str | None:
    """libidn's ``idna_to_ascii_8z`` (IDNA 2003) as Python's codec computes it; None on error."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None


CHUNK = 500  # texts per ruby.wasm run: one run over all of them crashes node 20's garbage collector


def run_pass(number: int, args: argparse.Namespace, work: Path, texts: list[str]) -> dict[str, list[Any]]:
    """Run count.rb over ``texts`` in chunks; the counts, and the domains IDN was asked about."""
    found: dict[str, list[Any]] = {"counts": [], "asked": []}
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        (work / "corpus.jsonl").write_text("".join(json.dumps(text) + "\n" for text in chunk), encoding="utf-8")
        out = work / f"pass{number}.json"
        # node may crash, now and then, and on its way out after count.rb has written its
        # answer: the answer is checked instead of the exit code, and a chunk is tried again.
        for _ in range(5):
            out.unlink(missing_ok=True)
            subprocess.run(
                [
                    "node",
                    "--single-threaded",
                    str(HERE / "run.mjs"),
                    str(number),
                    str(args.mastodon),
                    str(args.gem),
                    str(work),
                ],
                check=False,
                stderr=subprocess.DEVNULL,
            )
            if out.exists():
                break
        answer = json.loads(out.read_text(encoding="utf-8"))
        if len(answer["counts"]) != len(chunk):
            raise SystemExit(f"count.rb answered {len(answer['counts'])} of {len(chunk)} texts")
        found["counts"].extend(answer["counts"])
        found["asked"].extend(answer["asked"])
        found["about"] = [answer["ruby"], answer["unicode"]]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mastodon", type=Path, required=True, help="a Mastodon checkout")
    parser.add_argument("--gem", type=Path, required=True, help="the unpacked twitter-text 3.1.0 gem")
    parser.add_argument("--mastodon-source", required=True, help="where the checkout came from (recorded)")
    parser.add_argument("--gem-source", required=True, help="where the gem came from (recorded)")
    parser.add_argument("--set", choices=["corpus", "adversarial"], default="corpus", help="which strings to count")
    parser.add_argument("--out", type=Path, help="default: status_length.json (corpus) or adversarial.json")
    args = parser.parse_args()

    if args.set == "corpus":
        texts = [*corpus(), *emoji_sequences()]
        source = f"tests/oracles/corpus.py, seed {SEED}: corpus() then emoji_sequences()"
        out = args.out or HERE / "status_length.json"
    else:
        texts = [text for _, text in adversarial.load()]
        digest = hashlib.sha256(adversarial.DATA.read_bytes()).hexdigest()
        source = f"tests/oracles/adversarial.jsonl (sha256 {digest}), every string in order"
        out = args.out or HERE / "adversarial.json"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        asked = run_pass(1, args, work, texts)["asked"]
        table = {domain: idna_2003(domain) for domain in asked}
        (work / "idna.json").write_text(json.dumps(table), encoding="utf-8")
        result = run_pass(2, args, work, texts)

    counts = result["counts"]
    ruby, unicode = result["about"]
    fixture = {
        "about": "Mastodon StatusLengthValidator#countable_length(combined_text(status)) per text "
        "(spoiler_text empty), made by tests/oracles/mastodon/generate.py",
        "mastodon": args.mastodon_source,
        "twitter_text_gem": args.gem_source,
        "ruby": f"{ruby} (npm @ruby/3.4-wasm-wasi 2.10.1), Unicode {unicode}",
        "idn": "IDNA 2003 via Python's idna codec, standing in for idn-ruby/libidn (see stubs/idn.rb)",
        "corpus": source,
        "counts": [[text, count] for text, count in zip(texts, counts, strict=True)],
    }
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(counts)} texts -> {out}")  # noqa: T201


if __name__ == "__main__":
    main()
