"""The adversarial set: strings designed, by category, to make a counter count under the platform.

Where ``corpus.py`` samples text like postkit's own, this set aims at the places where a
counter that agrees on ordinary text can still count less than the platform's own code:

``mention-word``
    a character Mastodon's ``Account::MENTION_RE`` takes as a word character (Ruby's
    ``[[:word:]]``: letters, marks, digits, connector punctuation, and also letter numbers,
    other alphabetics such as circled letters, joiners) before or inside ``@user@domain``.
``url-parens``
    parentheses, brackets and braces in URL paths, in every script (``/wiki/東京_(曖昧さ回避)``).
``idn-host``
    hosts in other scripts, mapped characters, punycode, IDNA 2003/2008 and UTS #46 differences.
``host-invalid``
    overlong (over 253 characters, labels over 63) and invalid hosts, bad ports.
``bsky-url-reject``
    links Bluesky's ``detectFacets`` makes but the app's URL parser (WHATWG, node's ICU)
    rejects, so the app shows them whole: ``https://example.com…``, ``x⒈.com``, hosts with
    the newest emoji (🫆).
``newest-emoji``
    Emoji 15.0 to 17.0, alone, with skin tones, as ZWJ sequences and in text.
``virama-joiner``
    viramas, ZWJ and ZWNJ in every position (``a्क``, ``্ক``, ``कः्क``), in the six scripts of
    the Indic conjunct rule (GB9c) and others.
``bidi``
    bidi marks, embeddings, overrides and isolates, in prose, URLs, mentions and hashtags.
``combining``
    combining marks: long runs, on spaces, on URL, mention and hashtag characters.
``keycap``
    keycap sequences, complete and partial, on keycap bases and on others.
``tag-sequence``
    emoji tag sequences, RGI and not, broken, and tag characters alone.
``invisible``
    U+FEFF and other invisibles, noncharacters (U+FFFE, U+FFFF), in every position.
``composed-shape``
    teaser-shaped posts (title, summary, call to action, link, hashtags) near the platforms'
    limits, built from the fragments above.

``designed()`` is deterministic (fixed seed; it does not call postkit). ``adversarial.jsonl`` beside
this file holds the designed strings then ``composed-x``, ``composed-bluesky`` and
``composed-mastodon``: posts postkit's ``compose`` made, when the file was written, from
articles built to hit these categories (frozen as data: the Mastodon fixture
``mastodon/adversarial.json`` counts exactly these strings). Remake both with::

    python tests/oracles/adversarial.py            # rewrites adversarial.jsonl
    python tests/oracles/mastodon/generate.py --set adversarial ...   # see mastodon/README.md
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from postkit.article import Article
from postkit.errors import PostkitError
from postkit.posts.composer import compose

SEED = 20261207
HERE = Path(__file__).resolve().parent
DATA = HERE / "adversarial.jsonl"

# Ruby's [[:word:]] (Onigmo: Alphabetic, Mark, Decimal_Number, Connector_Punctuation,
# Join_Control) is wider than \p{L}\p{M}\p{Nd}\p{Pc}: letter numbers, circled and squared
# letters (Other_Alphabetic), joiners. And a few that both take, for contrast.
WORD_CHARS = [
    "\u24b6",  # Ⓐ CIRCLED LATIN CAPITAL LETTER A (So, Other_Alphabetic)
    "\u24d0",  # ⓐ
    "\u2177",  # ⅷ SMALL ROMAN NUMERAL EIGHT (Nl)
    "\u2160",  # Ⅰ ROMAN NUMERAL ONE (Nl)
    "\u00aa",  # ª FEMININE ORDINAL INDICATOR (Lo)
    "\u00ba",  # º
    "\u3007",  # 〇 IDEOGRAPHIC NUMBER ZERO (Nl)
    "\u16ee",  # ᛮ RUNIC ARLAUG SYMBOL (Nl)
    "\U00010341",  # 𐍁 GOTHIC LETTER NINETY (Nl)
    "\U0001f150",  # 🅐 NEGATIVE CIRCLED LATIN CAPITAL LETTER A (So, Other_Alphabetic)
    "\U0001f130",  # 🄰 SQUARED LATIN CAPITAL LETTER A
    "\u200d",  # ZWJ (Join_Control)
    "\u200c",  # ZWNJ (Join_Control)
    "\u0345",  # COMBINING GREEK YPOGEGRAMMENI (Mn)
    "\u203f",  # ‿ UNDERTIE (Pc)
    "\uff3f",  # ＿ FULLWIDTH LOW LINE (Pc)
    "\u0663",  # ٣ ARABIC-INDIC DIGIT THREE (Nd)
    "\u01c5",  # ǅ (Lt)
    "\u02b0",  # ʰ (Lm)
    "\u0903",  # ः DEVANAGARI SIGN VISARGA (Mc)
    "\u2460",  # ① CIRCLED DIGIT ONE (No: not a word character)
    "\u00b2",  # ² (No: not a word character)
    "\U00010d50",  # GARAY letter (Unicode 16: a letter for Python, unassigned for Ruby 3.4)
    "\U0001e900",  # 𞤀 ADLAM CAPITAL LETTER ALIF
]

# Scripts for URL paths, mention domains and prose.
SCRIPT_WORDS = [
    ("ja", "東京", "曖昧さ回避"),
    ("zh", "北京", "消歧义"),
    ("ko", "서울", "동음이의"),
    ("ar", "القاهرة", "توضيح"),
    ("he", "ירושלים", "פירושונים"),
    ("fa", "تهران", "ابهام‌زدایی"),
    ("hi", "दिल्ली", "बहुविकल्पी"),
    ("bn", "ঢাকা", "দ্ব্যর্থতা"),
    ("ta", "சென்னை", "பக்கம்"),
    ("th", "กรุงเทพ", "แก้ความกำกวม"),
    ("ru", "Москва", "значения"),
    ("el", "Αθήνα", "αποσαφήνιση"),
    ("hy", "Երևան", "այլ"),
    ("ka", "თბილისი", "მრავალმნიშვნელოვანი"),
    ("am", "አዲስ", "አበባ"),
    ("my", "ရန်ကုန်", "မြို့"),
    ("km", "ភ្នំពេញ", "ទីក្រុង"),
    ("de", "Zürich", "Begriffsklärung"),
    ("vi", "Hà_Nội", "định_hướng"),
    ("emoji", "🙂", "🏳️‍🌈"),
]

NEWEST_EMOJI = [
    # Emoji 15.0
    "\U0001fae8",  # 🫨 shaking face
    "\U0001fa77",  # 🩷 pink heart
    "\U0001faad",  # 🪭
    "\U0001f426\u200d\u2b1b",  # 🐦‍⬛ black bird
    "\U0001faf7\U0001f3fd",  # 🫷🏽
    # Emoji 15.1
    "\U0001f426\u200d\U0001f525",  # 🐦‍🔥 phoenix
    "\U0001f642\u200d\u2194\ufe0f",  # 🙂‍↔️ head shaking horizontally
    "\U0001f9d1\u200d\U0001f9d1\u200d\U0001f9d2",  # 🧑‍🧑‍🧒 family: adult, adult, child
    "\U0001f3c3\U0001f3fd\u200d\u27a1\ufe0f",  # 🏃🏽‍➡️ person running facing right
    "\u26d3\ufe0f\u200d\U0001f4a5",  # ⛓️‍💥 broken chain
    "\U0001f34b\u200d\U0001f7e9",  # 🍋‍🟩 lime
    # Emoji 16.0
    "\U0001fac6",  # 🫆 fingerprint
    "\U0001fabe",  # 🪾 leafless tree
    "\U0001fae9",  # 🫩 face with bags under eyes
    "\U0001fadf",  # 🫟 splatter
    "\U0001fa89",  # 🪉 harp
    "\U0001fa8f",  # 🪏 shovel
    "\U0001fadc",  # 🫜 root vegetable
    "\U0001f1e8\U0001f1f6",  # 🇨🇶 flag: Sark
    # Emoji 17.0
    "\U0001fac8",  # hairy creature
    "\U0001facd",  # orca
    "\U0001fa8a",  # trombone
    "\U0001faea",  # distorted face
    "\U0001fa8e",  # treasure chest
    "\U0001faef",  # fight cloud
    "\U0001fadd",  # apple core
    "\U0001f9d1\u200d\U0001fa70",  # person in ballet (ZWJ, 17.0)
    "\U0001f9d1\U0001f3fb\u200d\U0001f430\u200d\U0001f9d1\U0001f3ff",  # people with bunny ears, skin tones (17.0)
]

# The six scripts of the Indic conjunct rule (GB9c: InCB=Linker), then some without it.
INDIC = [
    # (script, consonant, consonant2, virama, vowel sign, nukta or "", independent vowel, visarga/anusvara)
    ("deva", "क", "ष", "\u094d", "\u093f", "\u093c", "अ", "\u0903"),
    ("beng", "ক", "ষ", "\u09cd", "\u09bf", "\u09bc", "অ", "\u0983"),
    ("gujr", "ક", "ષ", "\u0acd", "\u0abf", "\u0abc", "અ", "\u0a83"),
    ("orya", "କ", "ଷ", "\u0b4d", "\u0b3f", "\u0b3c", "ଅ", "\u0b03"),
    ("telu", "క", "ష", "\u0c4d", "\u0c3f", "", "అ", "\u0c03"),
    ("mlym", "ക", "ഷ", "\u0d4d", "\u0d3f", "", "അ", "\u0d03"),
    ("taml", "க", "ஷ", "\u0bcd", "\u0bbf", "", "அ", "\u0b83"),
    ("knda", "ಕ", "ಷ", "\u0ccd", "\u0cbf", "\u0cbc", "ಅ", "\u0c83"),
    ("sinh", "ක", "ෂ", "\u0dca", "\u0dd2", "", "අ", "\u0d83"),
    ("mymr", "က", "သ", "\u1039", "\u102d", "", "အ", "\u1038"),
    ("khmr", "ក", "ស", "\u17d2", "\u17b7", "", "អ", "\u17c7"),
]

BIDI = {
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}

INVISIBLE = {
    "BOM": "\ufeff",
    "FFFE": "\ufffe",
    "FFFF": "\uffff",
    "ZWSP": "\u200b",
    "WJ": "\u2060",
    "SHY": "\u00ad",
    "CGJ": "\u034f",
    "HF": "\u3164",
    "VS16": "\ufe0f",
    "MVS": "\u180e",
}


def _mention_word() -> list[str]:
    found = []
    for char in WORD_CHARS:
        found.append(f"{char}@bob@example.com")
        found.append(f"cc {char}@alice@mastodon.social thanks")
        found.append(f"@bob@ex{char}ample.com hi")
    found.extend(
        [
            "Ⓐ@bob@example.com Ⓑ@carol@example.org Ⓒ@dave@example.net",
            "ⅷ@editor@news.example.social ⅷ@desk@news.example.social",
            "〇@a@b.c",
            "ª@x@" + "d" * 40 + ".example",
            "Ⅰ@user@münchen.de",
            "a@bob@example.com",
            "_@bob@example.com",
            "é@bob@example.com",
            "=@bob@example.com",
            "/@bob@example.com",
            "(@bob@example.com)",
            "「@bob@example.com」",
            "@bob@example.com\u200d",
            "@bob@example.com\u2160",
            "@bob@ⓔⓧⓐⓜⓟⓛⓔ.com",
            "@bob@Ⅻ.example",
            "@bob@例え.jp",
            "@bob@пример.рф",
            "@bob@xn--mnchen-3ya.de",
            "@bob@a_b.example",
            "@bob@example.com@extra.org",
            "@bob@@example.com",
            "@bob@.example.com",
            "@bob@example..com",
            "@bob@example.com.",
            "@bob@-example.com",
            "@bob.smith@example.com",
            "@bob-@example.com",
            "@b@e",
            "＠bob@example.com",
            "@bob＠example.com",
            "@bob@example.com:8080",
            "@bob@example.com/path",
            "email bob@example.com stays",
            "@bob@" + "sub." * 60 + "example.com",
        ]
    )
    return found


def _url_parens() -> list[str]:
    found = []
    for _, place, note in SCRIPT_WORDS:
        found.append(f"https://ja.wikipedia.org/wiki/{place}_({note})")
        found.append(f"https://example.com/{place}/({note})/x")
        found.append(f"See https://example.com/a_[{note}] now")
        found.append(f"https://example.com/{{{note}}}")
    found.extend(
        [
            "https://ja.wikipedia.org/wiki/東京_(曖昧さ回避)",
            "https://en.wikipedia.org/wiki/Mercury_(planet)",
            "https://en.wikipedia.org/wiki/Mercury_(élément)",
            "https://en.wikipedia.org/wiki/Mercury_(элемент)",
            "https://example.com/(a)(b)(c)",
            "https://example.com/((東京))",
            "https://example.com/(東(京)都)",
            "https://example.com/(a(b(c)))",
            "https://example.com/(東京",
            "https://example.com/東京)",
            "(https://example.com/東京)",
            "(https://example.com/(東京))",
            "https://example.com/a_(b)?q=(東京)",
            "https://example.com/a_(東京)#(x)",
            "https://example.com/a_(東京).",
            "https://example.com/a_(東京)!",
            "https://example.com/a_(東京)/",
            "https://example.com/a_(東京)_b",
            "https://example.com/a_(🙂)",
            "https://example.com/a_(ü)",
            "https://example.com/a_(ß)",
            "https://example.com/a_(ı)",
            "https://example.com/a_(é)",
            "https://example.com/a_(\u0301)",
            "https://example.com/a_( )",
            "https://example.com/a_()",
            "https://example.com/a_（東京）",
            "https://example.com/a_「東京」",
            "https://example.com/a_[東京]",
            "https://example.com/a_{東京}",
            "https://example.com/a_<東京>",
            "https://example.com/[a]/[b]",
            "https://example.com/%E6%9D%B1(%E4%BA%AC)",
            "http://example.com/wiki/Foo_(bar)_(baz)",
            "example.com/wiki/東京_(曖昧さ回避)",
            "www.example.com/(東京)",
            "https://t.co/(東京)",
            "https://example.com/a_(" + "東" * 100 + ")",
        ]
    )
    return found


def _idn_host() -> list[str]:
    hosts = [
        "münchen.de",
        "MÜNCHEN.DE",
        "bücher.example",
        "例え.jp",
        "例え。jp",
        "пример.рф",
        "мвд.рф",
        "مثال.com",
        "مثال.إختبار",
        "דוגמה.com",
        "उदाहरण.भारत",
        "উদাহরণ.বাংলা",
        "ตัวอย่าง.ไทย",
        "예시.한국",
        "例子.中国",
        "例子.公司",
        "faß.de",
        "ẞtraße.de",
        "ςx.gr",
        "Ⅻ.com",
        "ⓔⓧⓐⓜⓟⓛⓔ.com",
        "ｅｘａｍｐｌｅ.com",
        "𝐞xample.com",
        "ﬁ.com",
        "㍱.com",
        "①.com",
        "xn--mnchen-3ya.de",
        "xn--r8jz45g.jp",
        "XN--MNCHEN-3YA.DE",
        "xn--ls8h.la",
        "i❤.ws",
        "🙂.ws",
        "a\u00adb.com",
        "a\u034fb.com",
        "a\ufe0fb.com",
        "a\u2060b.com",
        "a．b.com",
        "a｡b.com",
        "a\u3002b.com",
        "ab\u200c.com",
        "क्\u200dष.com",
        "a\u0300.com",
        "ǅ.com",
        "K.com",  # KELVIN SIGN
        "İstanbul.tr",
        "ſtraße.de",
        "паypal.com",
        "аррӏе.com",
    ]
    found = []
    for i, host in enumerate(hosts):
        scheme = ["https://", "http://", ""][i % 3]
        found.append(f"{scheme}{host}/{'path/ü' if i % 2 else ''}")
        if i % 4 == 0:
            found.append(f"Read: https://{host} today")
    return found


def _host_invalid() -> list[str]:
    label63 = "a" * 63
    label64 = "b" * 64
    long_host = ".".join([label63] * 4) + ".com"  # 259 characters
    host253 = ".".join(["c" * 49] * 5) + ".com"  # 249
    return [
        f"https://{long_host}/",
        f"https://{long_host}/x",
        f"{long_host}",
        f"https://{host253}/",
        f"https://{host253}x.com/",
        f"https://{label64}.com/",
        f"https://{label63}.com/",
        f"{label64}.com",
        f"https://{'d' * 300}.com",
        f"https://{'a.' * 130}com",
        f"@bob@{long_host}",
        f"hi @bob@{'e' * 270}.com ok",
        f"@bob@{host253}",
        f"@bob@{host253}xxxx.org",
        f"@bob@{'é' * 254}",
        f"@bob@{'例' * 254}.jp",
        "https://a..b.com/",
        "https://.com/",
        "https://a.com./",
        "https://a.com../",
        "https://-a.com/",
        "https://a-.com/",
        "https://a_b.com/",
        "https://a b.com/",
        "https://a|b.com/",
        "https://a^b.com/",
        "https://a%zz.com/",
        "https://a%41.com/",
        "https://1.2.3.999/",
        "https://256.256.256.256/",
        "https://0x7f.1/",
        "https://[::1/",
        "https://[::g]/",
        "https://example.com:99999/",
        "https://example.com:0/",
        "https://example.com:65536/x",
        "https://example.com:/x",
        "https://example.123/",
        "https://example.c/",
        "https://example.comm/",
        "https://localhost/",
        "https://xn--a.com/",
        "https://xn--.com/",
        "https://xn---.com/",
        "https://a\u0378.com/",
        "https://\u0300a.com/",
        "https://user@/",
        "https://@example.com/",
        "https://example.com@evil.com/",
        "https://:pw@example.com/",
        "https://" + "x" * 4096 + ".com/",
        "https://example.com/" + "p" * 4200,
    ]


def _bsky_url_reject() -> list[str]:
    found = [
        "https://example.com…",
        "https://example.com/a…",
        "see https://example.com… now",
        "https://x⒈.com",
        "x⒈.com",
        "https://example.com.․",
        "example.com.․",
        "https://a․b.com",
        "https://a‥b.com",
        "https://example.com\u3002\u3002",
        "https://ex\u200dample.com",
        "https://ab\u200c.com",
        "https://a\u200fb.com",
        "https://a\u202eb.com",
        "https://a\u061cb.com",
        "https://#️⃣.com",
        "https://ab\U000e0041.com",
        "https://a\u0378.com",
        "https://xn--a.com",
        "https://xn--zz.com/path",
        "https://1.2.3.999",
        "https://a%zz.com",
        "https://a|b.com",
        "https://a^b.com",
        "https://a<b.com",
        "https://[::1",
        "https://example.com:99999",
        "https://example.com:99999/ü",
        "https://example.com:99999/" + "p" * 20,
        "http://example.com:70000/abcdefghijklmnopqrstuvwxyz",
        "https://\u0300a.com/x",
        "https://a\u0660\u06f0.com",  # mixed Arabic-Indic digits (bidi/digit rules)
    ]
    for emoji in NEWEST_EMOJI[11:]:
        found.append(f"https://{emoji}.ws/path")
        found.append(f"https://a{emoji}b.com")
    return found


def _newest_emoji() -> list[str]:
    found = []
    for emoji in NEWEST_EMOJI:
        found.append(emoji)
        found.append(f"News {emoji} today")
    found.extend(
        [
            "".join(NEWEST_EMOJI),
            " ".join(NEWEST_EMOJI),
            "\U0001fac6" * 140,
            "\U0001faea\U0001f3fd",  # modifier on a new emoji
            "\U0001fac6\ufe0f",
            "\U0001fac6\ufe0e",
            "\U0001fac6\u200d\U0001fac6",
            "\U0001f9d1\u200d\U0001fa70\U0001f3fb",
            "#\U0001fac6",
            "#tag\U0001fac6",
            "@bob\U0001fac6",
            "\U0001fac6https://example.com",
            "\U0001f1e8\U0001f1f6\U0001f1e8",  # Sark flag then a lone indicator
            "\U0001f1e8\U0001f1f6" * 3,
        ]
    )
    return found


def _virama_joiner(rng: random.Random) -> list[str]:
    found = [
        "a्क",
        "্ক",
        "कः्क",
        "क््क",
        "क्\u200dष",
        "क्\u200cष",
        "क\u200d्ष",
        "\u200dक्ष",
        "क्ष\u200d",
        "क्",
        "्",
        "\u200d",
        "\u200c",
        "a\u200db",
        "a\u200cb",
        "\U0001f469\u200d",
        "\u200d\U0001f469",
        "क্ক",  # Devanagari consonant, Bengali virama
        "ক्क",
        "क्\u0951क",  # virama, a stress mark (Extend), consonant
        "क्\u093cक",  # virama, nukta, consonant
        "क\u093c्क",
        "क्क्क्क्क्क्क",
        "1्क",
        " ्क",
        "🙂्क",
        "#क्ष",
        "#a्क",
        "@a्क",
        "https://example.com/क्ष",
        "https://example.com/a्क",
        "क्ष्",
        "ক্ষ্",
        "ক্\u200dষ",
        "ক্\u200cষ",
    ]
    for script, cons, cons2, virama, vowel, nukta, ind, visarga in INDIC:
        contexts = {
            "start": "",
            "latin": "a",
            "space": " ",
            "digit": "1",
            "consonant": cons,
            "vowel-sign": cons + vowel,
            "visarga": cons + visarga,
            "nukta": cons + nukta if nukta else cons + "\u0300",
            "independent": ind,
        }
        joins = {"virama": virama, "virama-zwj": virama + "\u200d", "virama-zwnj": virama + "\u200c"}
        followers = {"consonant": cons2, "end": "", "latin": "x"}
        combos = [(c, j, f) for c in contexts for j in joins for f in followers]
        for context, join, follower in rng.sample(combos, 9):
            found.append(contexts[context] + joins[join] + followers[follower])
        del script
    return found


def _bidi() -> list[str]:
    found = []
    for name, mark in BIDI.items():
        found.append(f"{mark}שלום world")
        found.append(f"https://example.com/{mark}path")
        found.append(f"@bob{mark}@example.com")
        if name in ("RLM", "RLO", "RLI", "LRM"):
            found.append(f"#tag{mark}x")
            found.append(f"{mark}https://example.com")
            found.append(f"example.com{mark}/x")
    found.extend(
        [
            "\u202eexample.com",
            "\u202ehttps://example.com/abc\u202c",
            "\u2067مرحبا https://example.com/مرحبا\u2069",
            "\u200f\u200f\u200f",
            "abc دexample.co",
            "شلومexample.com",
            "\u202b" * 50 + "x",
        ]
    )
    return found


def _combining() -> list[str]:
    zalgo = "".join(chr(0x0300 + i) for i in range(0x70))
    return [
        "a" + zalgo,
        "e\u0301" * 100,
        " \u0301",
        "\u0301",
        "\u0301abc",
        "\n\u0301",
        "\r\n\u0301",
        "a\u20dd",
        "🙂\u0301",
        "#\u0301tag",
        "#tag\u0301",
        "#e\u0301\u0301\u0301",
        "@bob\u0301@example.com",
        "@bob@example.com\u0301",
        "\u0301@bob@example.com",
        "https://example.com/e\u0301",
        "https://example.com\u0301/x",
        "https://e\u0301xample.com/",
        "example.com\u0301",
        "www.example.com\u0301/x",
        "a\u034fb",
        "\u034f",
        "a" + "\u0301" * 600,
        "ก\u0e31\u0e49\u0e4c",
        "ᄀ\u1161\u11a8\u0301",
        "\u1100\u1100\u1161\u11a8\u11a8",
        "x\u0903\u0903",
        "\u0600\u0661",  # Prepend then a digit
        "\u0600",
        "\u0600 x",
        "\U000110bd\U000110a0",
        "a\u0e33",
        "\u0d4e\u0d15",
    ]


def _keycap() -> list[str]:
    return [
        "#\ufe0f\u20e3",
        "#\u20e3",
        "*\ufe0f\u20e3",
        "*\u20e3",
        "0\ufe0f\u20e3",
        "1\u20e3",
        "9\ufe0f\u20e3" * 10,
        "a\u20e3",
        "a\ufe0f\u20e3",
        "🙂\u20e3",
        "#\u20e3\u20e3",
        "#\ufe0f",
        "\u20e3",
        "\ufe0f\u20e3",
        "#1\ufe0f\u20e3",
        "#\ufe0f\u20e3tag",
        "@1\ufe0f\u20e3",
        "x#\ufe0f\u20e3",
        "1\ufe0f\u20e32\ufe0f\u20e33\ufe0f\u20e3",
        "Step 1️⃣ then 2️⃣ then #️⃣",
        "https://example.com/1\ufe0f\u20e3",
        "\U0001f51f",
        "#\ufe0e\u20e3",
        "#\U000e0041\u20e3",
    ]


def _tag_sequence() -> list[str]:
    tags = lambda s: "".join(chr(0xE0000 + ord(c)) for c in s)  # noqa: E731
    flag = "\U0001f3f4"
    cancel = "\U000e007f"
    return [
        flag + tags("gbeng") + cancel,
        flag + tags("gbsct") + cancel,
        flag + tags("gbwls") + cancel,
        flag + tags("ustx") + cancel,
        flag + tags("gbeng"),
        flag + cancel,
        flag + tags("a" * 30) + cancel,
        "a" + tags("gbeng") + cancel,
        tags("hello"),
        tags("gbeng") + cancel,
        cancel,
        "🙂" + tags("x") + cancel,
        "#" + flag + tags("gbeng") + cancel,
        "#tag" + tags("x"),
        "@bob" + tags("x") + "@example.com",
        "https://example.com/" + tags("x"),
        (flag + tags("gbsct") + cancel) * 20,
        "Go " + flag + tags("gbwls") + cancel + " go",
        flag + "\ufe0f" + tags("gbeng") + cancel,
        flag + tags("gbeng") + cancel + "\U0001f3fb",
    ]


def _invisible() -> list[str]:
    found = []
    for name, char in INVISIBLE.items():
        found.append(f"{char}hello")
        found.append(f"hello{char}")
        found.append(f"https://example.com/a{char}b")
        found.append(f"@bob{char}@example.com")
        if name in ("BOM", "FFFE", "FFFF", "ZWSP"):
            found.append(f"#tag{char}x")
            found.append(f"{char}https://example.com/a")
            found.append(f"Kaim crossing reopens{char} after talks. Read more: https://example.com/a")
            found.append(char)
            found.append(char * 10)
    found.extend(
        [
            "\ufeff\ufeff",
            "\ufeff@bob@example.com",
            "\ufeff#tag",
            "example.com\ufeff/x",
            "https://exa\ufeffmple.com/",
            "\ufeffhello https://example.com/a",
            "a\ufeff\u0301",
            "\ufeff\U0001f642",
        ]
    )
    return found


def _composed_shape(rng: random.Random, pools: dict[str, list[str]]) -> list[str]:
    """Teaser-shaped posts near the platforms' limits, packed with the fragments above."""
    titles = [
        "Kaim crossing reopens after talks",
        "東京で新しい駅が開業",
        "दिल्ली में बारिश से यातायात प्रभावित",
        "ঢাকায় নতুন সেতু খুলেছে",
        "افتتاح معبر كايم بعد المحادثات",
    ]
    ctas = ["Read more:", "続きを読む:", "और पढ़ें:", "اقرأ المزيد:"]
    found = []
    for i in range(24):
        kind = list(pools)[i % len(pools)]
        fragments = rng.sample(pools[kind], min(len(pools[kind]), rng.randint(3, 9)))
        body = " ".join(fragments)
        url = rng.choice(
            [
                "https://ja.wikipedia.org/wiki/東京_(曖昧さ回避)",
                "https://news.example.com/world/kaim-crossing",
                "https://example.com…",
                "https://münchen.de/ü",
                "https://example.com/a_(ঢাকা)",
            ]
        )
        tags = " ".join(rng.sample(["#News", "#東京", "#हिन्दी", "#Ⓐ", "#क्ष", "#a\u200db"], 2))
        post = f"{rng.choice(titles)}\n\n{body}\n\n{rng.choice(ctas)} {url}\n{tags}"
        found.append(post)
    return found


def designed() -> list[tuple[str, str]]:
    """Every designed string with its category, in a fixed order."""
    rng = random.Random(SEED)
    parts = {
        "mention-word": _mention_word(),
        "url-parens": _url_parens(),
        "idn-host": _idn_host(),
        "host-invalid": _host_invalid(),
        "bsky-url-reject": _bsky_url_reject(),
        "newest-emoji": _newest_emoji(),
        "virama-joiner": _virama_joiner(rng),
        "bidi": _bidi(),
        "combining": _combining(),
        "keycap": _keycap(),
        "tag-sequence": _tag_sequence(),
        "invisible": _invisible(),
    }
    pools = {key: [t for t in texts if len(t) < 120] for key, texts in parts.items()}
    parts["composed-shape"] = _composed_shape(rng, pools)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for category, texts in parts.items():
        for text in texts:
            if text not in seen:
                seen.add(text)
                found.append((category, text))
    return found


def load() -> list[tuple[str, str]]:
    """The whole set as committed: ``(category, text)``, designed strings then composed posts."""
    with DATA.open(encoding="utf-8") as lines:
        return [(row["category"], row["text"]) for row in map(json.loads, lines)]


def composed(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Posts postkit composes today from articles built to hit the categories.

    Each platform gets articles whose title and summary are packed with the categories
    that platform's counter is most exposed to, so the post fills up to the limit with them.
    """
    rng = random.Random(SEED + 1)
    by_category: dict[str, list[str]] = {}
    for category, text in texts:
        if len(text) < 300 and category != "composed-shape":
            by_category.setdefault(category, []).append(text)
    aimed = {
        "x": ["invisible", "newest-emoji", "url-parens", "keycap", "tag-sequence", "idn-host"],
        "bluesky": ["bsky-url-reject", "virama-joiner", "host-invalid", "idn-host", "combining"],
        "mastodon": ["mention-word", "url-parens", "host-invalid", "virama-joiner", "bidi"],
    }
    urls = [
        "https://ja.wikipedia.org/wiki/東京_(曖昧さ回避)",
        "https://example.com/wiki/ঢাকা_(দ্ব্যর্থতা)",
        "https://news.example.com/a/(東京)",
        "https://münchen.de/ü",
        "https://news.example.com/world/kaim-crossing",
    ]
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for platform, categories in aimed.items():
        made = 0
        attempt = 0
        while made < 20 and attempt < 200:
            attempt += 1
            pool = [text for category in categories for text in by_category[category]]
            title = " ".join(rng.sample(pool, rng.randint(2, 12))).replace("\n", " ")
            summary = " ".join(rng.sample(pool, rng.randint(8, 40)))
            try:
                article = Article(
                    title=title.strip() or "Title",
                    url=rng.choice(urls),
                    summary=summary,
                    tags=rng.sample(["News", "東京", "हिन्दी", "क्ष", "Ⓐ"], 2),
                    language=rng.choice(["en", "ja", "hi"]),
                )
                post = compose(article, platform)
            except PostkitError:
                continue
            if post.text not in seen:
                seen.add(post.text)
                found.append((f"composed-{platform}", post.text))
                made += 1
    return found


def main() -> None:
    texts = designed()
    rows = [*texts, *composed(texts)]
    with DATA.open("w", encoding="utf-8") as out:
        for category, text in rows:
            out.write(json.dumps({"category": category, "text": text}) + "\n")
    sys.stdout.write(f"{len(rows)} strings ({len(texts)} designed) -> {DATA}\n")


if __name__ == "__main__":
    main()
