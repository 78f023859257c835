"""Tests for CLK003, the learned clickbait score (postkit.rules._clickscore)."""

from __future__ import annotations

import functools
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import Article, RuleSet, check, compose
from postkit._data import clickbait_model
from postkit.errors import ConfigError
from postkit.rules._clickscore import LEAD_WORDS, Model, features, lead, lead_words, lines, reference_logit

REPO = Path(__file__).parents[2]
sys.path.insert(0, str(REPO / "evals"))

from _datasets import stop_clickbait, training_splits  # noqa: E402
from train_clickbait import OUT, data_hash, main, pooled, train  # noqa: E402

BAIT = "Which Kaim Border Guard Are You Based On Your Favourite Snack"
NEWS = "Iraq and Syria reopen the Kaim border crossing to trucks"


@functools.cache
def _fast() -> Model:
    return Model(*clickbait_model())


@pytest.fixture(name="model")
def _model() -> Model:
    return _fast()


class TestModel:
    def test_fast_path_matches_the_definition_on_held_out_headlines(self, model):
        """The fast sum equals bias + every feature's weight (the definition) on real headlines."""
        _, test = stop_clickbait()
        bias, weights = clickbait_model()
        for example in test[:1000]:
            [words] = lines(example.text.lower())
            assert math.isclose(
                reference_logit(weights, bias, words), model.logit(example.text.lower().split()), abs_tol=1e-9
            )

    def test_contributions_add_up(self, model):
        """Each word's share of the score sums, with the bias, to the log-odds."""
        [words] = lines(BAIT.lower())
        assert math.isclose(
            model.bias + sum(model.contributions(words)), model.logit(BAIT.lower().split()), abs_tol=1e-9
        )

    def test_features(self):
        """Words, the opening and closing word, and the edges of longer words."""
        assert ["b:^ 24", "w:24", "w:hilarious", "p:hil", "s:ous", "b:hilarious $"] == [
            name for name, _ in features(["24", "hilarious"])
        ]

    def test_lines(self):
        """Lines are scored apart; hashtags, mentions, emoji and dashes are not words; edges are trimmed."""
        assert [["<n>", "dogs", "who", "won't"], ["kaim", "reopens"]] == lines(
            "24 dogs — who “won’t” @stop 🐶 #cute.\n\nkaim reopens"
        )


class TestRule:
    def test_flags_clickbait_and_names_the_words(self):
        """The message gives the score, the threshold and the words that pushed it most."""
        [violation] = check(BAIT, "x", select=["CLK003"])

        assert ("CLK003", "info") == (violation.code, str(violation.severity))
        assert violation.message.startswith("clickbait score 1.00 (threshold 0.4); most telling: ")
        assert '"You"' in violation.message
        assert (0, len(BAIT)) == (violation.start, violation.end)

    def test_news_is_not_flagged(self, codes):
        assert [] == codes(NEWS, select=["CLK003"])

    def test_only_the_lead_is_scored(self, lint):
        """The lead (the first line with words) is scored, not the summary below it, nor links, tags or the CTA."""
        text = f"{BAIT}!\n\n📝🌍🔗 Read More: https://news.example/you-wont-believe #YouWontBelieve"

        assert [("CLK003", "info", f"{BAIT}!")] == lint(text, select=["CLK003"])
        assert [] == lint(f"{NEWS}\n\n{BAIT}", select=["CLK003"])  # a title and its summary: the title
        assert [] == lint(
            "Kaim reopens\n\n📝🌍🔗 Read More: https://news.example/which-are-you-quiz #Quiz", select=["CLK003"]
        )
        assert [("CLK003", "info", BAIT)] == lint(f"📝🌍🔗\n{BAIT}", select=["CLK003"])  # no word: not the lead

    @pytest.mark.parametrize("platform", ["facebook", "linkedin", "telegram", "x"])
    def test_a_composed_post_is_scored_on_its_title(self, platform):
        """A title + summary post is scored on the title: a clickbait summary under a plain title raises nothing."""
        rules = RuleSet(select=["CLK003"])
        plain = Article(title=NEWS, url="https://news.example/a", summary=BAIT)
        bait = Article(title=BAIT, url="https://news.example/a", summary=NEWS)

        assert [] == rules.check(compose(plain, platform))
        [found] = rules.check(compose(bait, platform))
        assert BAIT == compose(bait, platform).text[found.start : found.end]

    def test_a_long_first_line_is_cut_to_its_first_sentences(self):
        """A first line past LEAD_WORDS words is a summary typed as a post: its first sentences are the lead."""
        summary = "Iraq and Syria reopen the Kaim border crossing. " + " ".join(["Trucks queue for days"] * 12)
        start, end = lead(summary)

        assert "Iraq and Syria reopen the Kaim border crossing." == summary[start:end]
        assert LEAD_WORDS >= len(lead_words(summary + " and more words " * 10))

    def test_dotted_capital_i_keeps_offsets(self, lint):
        """A text with "İ" (two characters once lowercased) is still scored, with the right span."""
        text = f"İstanbul: {BAIT}"

        assert [("CLK003", "info", text)] == lint(text, select=["CLK003"])

    def test_threshold_and_severity(self, lint):
        """The threshold and the severity are configured like other rules' options."""
        assert [] == lint("You Need To See This Dog", select=["CLK003"], options={"CLK003": {"threshold": 0.999}})
        assert [("CLK003", "warning", BAIT)] == lint(BAIT, select=["CLK003"], severities={"CLK003": "warning"})

    @pytest.mark.parametrize("value", [0, 1, 1.5, "high", True])
    def test_bad_threshold(self, value):
        with pytest.raises(ConfigError, match="CLK003 option 'threshold'"):
            RuleSet(options={"CLK003": {"threshold": value}})


class TestTraining:
    def test_shipped_model_records_the_vendored_train_parts(self):
        """The shipped file names the hash of the train parts evals/_datasets.py makes from the vendored data."""
        examples = pooled(training_splits())
        header = OUT.read_text("utf-8").splitlines()[:10]

        assert any(line.startswith("# train: stop-clickbait 25600, webis-17-posts") for line in header)
        assert any(line.endswith(f"sha256 {data_hash(examples)}") for line in header)

    def test_no_held_out_text_is_trained_on(self):
        """Each source's test part shares no text with any train part (hold-out is by text, not only by row)."""
        splits = training_splits()
        trained = {e.text for _, e in pooled(splits)}
        for name, (_, test) in splits.items():
            assert not trained & {e.text for e in test}, name

    def test_training_is_deterministic(self):
        """Same data and settings, same bytes (on a small sample, to stay fast)."""
        pytest.importorskip("sklearn")
        sample = [x for x in pooled(training_splits()) if x[0] != "webis-17-posts"][::60]
        first = train(sample)

        assert first == train(sample)
        assert first.splitlines()[9].startswith("bias\t")

    @pytest.mark.slow
    def test_shipped_model_is_what_training_makes(self):
        """Retraining on the vendored data gives the shipped file byte for byte (same scikit-learn)."""
        sklearn = pytest.importorskip("sklearn")
        if f"scikit-learn={sklearn.__version__}" not in OUT.read_text("utf-8").splitlines()[7]:
            pytest.skip("the shipped model was trained with another scikit-learn version")
        assert 0 == main(["--check"])


class TestProperties:
    @given(
        st.lists(
            st.sampled_from(
                [
                    "You",
                    "will",
                    "24",
                    "Hilarious",
                    "this",
                    "Iraq",
                    "reopens",
                    "the",
                    "Kaim",
                    "Which",
                    "are",
                    "border",
                    "dogs",
                    "who",
                    "Syria",
                    "believe",
                ]
            ),
            min_size=1,
            max_size=14,
        ),
        st.sampled_from(
            [
                "",
                "📝🌍🔗 Read More: https://news.example/you-wont-believe-24-dogs",
                "#YouWontBelieve #Dogs",
                "https://news.example/which-are-you?utm_source=x 🎉🐶",
            ]
        ),
    )
    def test_only_the_prose_counts(self, words, tail):
        """Links, hashtags, emoji and the call to action never change what CLK003 finds in the prose."""
        prose = " ".join(words)
        rules = RuleSet(select=["CLK003"])
        alone = [(v.message, v.start, v.end) for v in rules.check(prose, "x")]

        assert alone == [(v.message, v.start, v.end) for v in rules.check(f"{prose}\n\n{tail}", "x")]
