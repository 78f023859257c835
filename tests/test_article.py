"""Tests for postkit.article: normalisation and validation of records."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.article import LENIENT_FIELDS, Article, check_url, normalise_language, read_article
from postkit.errors import RecordError

URL = "https://news.example/world/kaim-crossing"


class TestNormalisation:
    def test_title_is_trimmed_and_collapsed(self):
        """Whitespace runs (newlines included) in a title become one space."""
        assert "Iraq and Syria reopen" == Article(title="  Iraq \n and\t Syria   reopen ", url=URL).title

    @pytest.mark.parametrize(
        ("raw", "title"),
        [
            ("SACRED SPACE\nNurturing Relations", "SACRED SPACE: Nurturing Relations"),
            ("  TIMES VIEW \r\n  The budget is late", "TIMES VIEW: The budget is late"),
            ("NASA\n\nLaunch delayed", "NASA: Launch delayed"),
            # Not a kicker: a label already punctuated, one letter, five words, a headline set in capitals.
            ("BREAKING:\nDam opens", "BREAKING: Dam opens"),
            ("I\nlove it", "I love it"),
            ("A B C D E\nfoo", "A B C D E foo"),
            ("KARNATAKA BANK BAGS\nMSME AWARD", "KARNATAKA BANK BAGS MSME AWARD"),
            ("Iraq and\nSyria", "Iraq and Syria"),
        ],
    )
    def test_a_kicker_on_its_own_line_keeps_a_colon(self, raw, title):
        """A line break between kicker and headline is folded as the page reads it, not as shouting."""
        assert title == Article(title=raw, url=URL).title

    @given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
    def test_a_title_on_one_line_gets_no_colon(self, text):
        """Only a line break makes a kicker: a one-line title is never given a colon."""
        text = text.replace("\n", " ").replace("\r", " ")
        try:
            title = Article(title=text, url=URL).title
        except RecordError:
            return
        assert title.count(":") <= text.count(":")

    def test_text_is_nfc(self):
        """Decomposed input is composed (NFC), so counting sees one code point per letter."""
        assert "Café" == Article(title="Cafe\u0301", url=URL).title

    @pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2066", "\ufeff", "\x07"], ids=repr)
    def test_invisible_characters_are_removed(self, char):
        """Zero-width and bidi controls never pass through silently."""
        assert "Kaim crossing" == Article(title=f"Kaim{char} crossing", url=URL).title.replace("  ", " ")

    def test_zwj_sequences_stay(self):
        """ZWJ is legitimate inside emoji sequences."""
        family = "👨\u200d👩\u200d👧"
        assert family in Article(title=f"Families {family}", url=URL).title

    def test_tags_deduplicated_case_insensitively(self):
        """The first spelling of a tag wins; later case variants are dropped."""
        assert ("Iraq", "Middle East") == Article(
            title="t", url=URL, tags=["Iraq", "IRAQ", " Middle  East", "iraq"]
        ).tags

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("EN", "en"),
            ("en_us", "en-US"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("pt-br", "pt-BR"),
            ("es-419", "es-419"),
        ],
        ids=["upper", "underscore", "script", "region", "numeric-region"],
    )
    def test_language_is_canonical_bcp47(self, raw, expected):
        """Language tags get canonical case and hyphens."""
        assert expected == Article(title="t", url=URL, language=raw).language

    def test_empty_optional_text_is_none(self):
        """An empty summary is no summary."""
        assert Article(title="t", url=URL, summary="   ").summary is None


class TestValidation:
    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "data:text/html,hi",
            "/relative/path",
            "ftp://news.example/a",
            "https://user:pw@news.example/a",
            "https://news.example/a b",
            "https://",
            "news.example/a",
            "https://news.example/\u202eevil",
        ],
        ids=["javascript", "data", "relative", "ftp", "credentials", "space", "no-host", "no-scheme", "bidi"],
    )
    def test_bad_urls_are_rejected(self, url):
        """Only absolute http(s) URLs with a host and no credentials are accepted."""
        with pytest.raises(RecordError) as info:
            Article(title="t", url=url)
        assert "url" == info.value.field

    @pytest.mark.parametrize(
        ("given", "stored"),
        [
            ("2016-05-19 10:00:00 +0200", "2016-05-19T10:00:00+02:00"),
            ("20160519", "2016-05-19"),
            (" 2016-05-19T10:00:00Z ", "2016-05-19T10:00:00Z"),
        ],
    )
    def test_published_is_stored_in_iso_8601(self, given, stored):
        """A date Python reads but written otherwise is stored as ISO 8601 says (the docs' promise)."""
        assert Article(title="t", url=URL, published=given).published == stored

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("title", 5),
            ("summary", ["a"]),
            ("tags", [1]),
            ("language", "not a tag!"),
            ("published", "yesterday"),
            ("id", 1.5),
        ],
        ids=["title-int", "summary-list", "tags-int", "language", "published", "id-float"],
    )
    def test_wrong_types_name_the_field(self, field, value):
        """A wrong type is a RecordError naming the field."""
        values = {"title": "t", "url": URL, field: value}
        with pytest.raises(RecordError) as info:
            Article(**values)
        assert field == info.value.field

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("Iraq, Syria", ("Iraq", "Syria")), ("Washington, D.C.; Politics", ("Washington, D.C.", "Politics"))],
    )
    def test_list_fields_take_one_string(self, value, expected):
        """tags, topics and sources as one string are split as CSV cells are: on ';' if it has one, else ','."""
        article = Article(title="t", url=URL, tags=value, topics=value, sources=value)
        assert (article.tags, article.topics, article.sources) == (expected, expected, expected)

    def test_every_field_error_in_one_message(self):
        """A record with several bad fields is one error naming each, the first as its field."""
        with pytest.raises(RecordError) as info:
            Article.from_dict({"title": 5, "summary": 3, "image": "ftp://x.example/a.png"}, path="a.json")
        assert info.value.field == "title"
        message = str(info.value)
        assert "field 'title': expected a string, got int 5" in message
        assert "field 'url': is required" in message
        assert "field 'summary': expected a string, got int 3" in message
        assert "field 'image': expected an absolute http(s) URL" in message
        assert "\n" not in message

    def test_lenient_fields_are_warnings(self):
        """read_article keeps a record whose date, image or language cannot be read, with a warning each."""
        article, warnings = read_article(
            {"title": "t", "url": URL, "published": "Seg, 24 Set 2018", "language": "English", "image": "/etc/passwd"},
            lenient=LENIENT_FIELDS,
        )
        assert (article.published, article.language, article.image) == (None, "en", None)
        assert sorted(w.field or "" for w in warnings) == ["image", "language", "published"]
        assert "the default 'en' is used" in str(next(w for w in warnings if w.field == "language"))

    def test_missing_title(self):
        """title is required."""
        with pytest.raises(RecordError, match="required"):
            Article.from_dict({"url": URL})

    def test_from_dict_names_location(self):
        """from_dict errors carry the file, record and field in one line."""
        with pytest.raises(RecordError) as info:
            Article.from_dict({"title": "t", "url": "ftp://x.example"}, path="a.jsonl", line=3)
        assert "a.jsonl, line 3, field 'url': " in str(info.value)
        assert "\n" not in str(info.value)

    def test_from_dict_flags_typo_of_required_field(self):
        """A near-miss of a missing required field is reported with a suggestion."""
        with pytest.raises(RecordError, match="did you mean 'title'"):
            Article.from_dict({"titel": "t", "url": URL})

    def test_from_dict_ignores_unrelated_keys(self):
        """CMS exports carry extra keys; they are ignored."""
        assert "t" == Article.from_dict({"title": "t", "url": URL, "cms_revision": 7}).title

    def test_check_url_accepts_idn(self):
        """Internationalised hosts are fine."""
        assert "https://bücher.example/ä?q=1#x" == check_url("https://bücher.example/ä?q=1#x")

    def test_normalise_language_rejects_garbage(self):
        """Non-tags raise ValueError."""
        with pytest.raises(ValueError, match="BCP-47"):
            normalise_language("english please")


@given(st.text(max_size=200))
def test_any_title_is_clean_or_an_error(title):
    """For any text, an Article title is one NFC line with no invisible controls, or a RecordError."""
    try:
        article = Article(title=title, url=URL)
    except RecordError as err:
        assert "title" == err.field  # noqa: PT017 - the property holds for every outcome
        return
    assert article.title == article.title.strip()
    assert "\n" not in article.title
    assert not any(c in article.title for c in "\u200b\u202e\ufeff\x00")
