"""Meta-tests of the rule catalogue, generated from the rule docs (proselint's examples.py).

Every rule's doc is a test case: its Example must raise its code and its Use instead must
not. The catalogue itself is checked too: codes unique and prefixed by their family
module, every family module registered, every doc complete and citing a source, and every
option a rule defines documented (and nothing else).
"""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import attrs
import pytest

import postkit.rules
from postkit import RuleSet
from postkit.ci import validate
from postkit.cli.main import main
from postkit.platforms.registry import get_platform
from postkit.rules import docs
from postkit.rules.base import SECTION_TITLES, Rule, doc_section, doc_sections
from postkit.rules.registry import MODULES, RULES
from postkit.rules.tones import tones as profiles

#: Family module -> code prefix. A new family module must be added here, deliberately.
FAMILIES = {
    "length": "LEN",
    "structure": "STR",
    "urls": "URL",
    "unicode": "UNI",
    "markup": "HTM",
    "caps": "CAP",
    "punctuation": "PUN",
    "emojis": "EMO",
    "tags": "TAG",
    "clickbait": "CLK",
    "hype": "HYP",
    "casual": "CAS",
    "templates": "TPL",
}
#: Modules of postkit/rules that are not rule families.
NOT_FAMILIES = {"base", "docs", "engine", "registry", "selection", "tones"}
REQUIRED = ("What it does", "Why is this bad?", "Example", "Use instead", "Sources")

ALL_RULES = list(RULES.values())
TEXT_RULES = [rule for rule in ALL_RULES if rule.scope == "text"]
TEMPLATE_RULES = [rule for rule in ALL_RULES if rule.scope == "template"]
_OPTION_ENTRY = re.compile(r"^- `([A-Za-z0-9_-]+)`:", re.MULTILINE)


def _ids(rules: list[Rule]) -> list[str]:
    return [rule.code for rule in rules]


def _module_name(module: object) -> str:
    return str(getattr(module, "__name__", "")).rsplit(".", 1)[-1]


class TestExamples:
    """The doc's Example raises the rule's code; its Use instead does not."""

    @pytest.mark.parametrize("rule", TEXT_RULES, ids=_ids(TEXT_RULES))
    def test_example_raises_its_code(self, rule: Rule):
        """Checked alone on its example platform, the Example text raises the rule."""
        example = doc_section(rule.doc, "Example") or ""

        found = [v.code for v in RuleSet(select=(rule.code,)).check(example, rule.example_platform)]

        assert rule.code in found

    @pytest.mark.parametrize("rule", TEXT_RULES, ids=_ids(TEXT_RULES))
    def test_use_instead_is_clean(self, rule: Rule):
        """Checked alone on its example platform, the Use instead text does not raise the rule."""
        better = doc_section(rule.doc, "Use instead") or ""

        assert [] == RuleSet(select=(rule.code,)).check(better, rule.example_platform)

    @pytest.mark.parametrize("rule", TEXT_RULES, ids=_ids(TEXT_RULES))
    def test_use_instead_passes_the_whole_catalogue_on_this_rule(self, rule: Rule):
        """With every rule on (news profile), the Use instead text still does not raise the rule."""
        better = doc_section(rule.doc, "Use instead") or ""

        assert rule.code not in [v.code for v in RuleSet().check(better, rule.example_platform)]

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_every_code_has_both_examples(self, rule: Rule):
        """Example and Use instead are fenced, non-empty and different."""
        example, better = doc_section(rule.doc, "Example"), doc_section(rule.doc, "Use instead")

        assert example
        assert better
        assert example != better

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_example_platform_exists(self, rule: Rule):
        """The platform the examples are checked on is a built-in one."""
        assert rule.example_platform == get_platform(rule.example_platform).name

    @pytest.mark.parametrize("rule", TEMPLATE_RULES, ids=_ids(TEMPLATE_RULES))
    def test_template_examples(self, rule: Rule, tmp_path: Path):
        """A TPL rule's Example, used as a template, raises it under `postkit check`; Use instead does not."""
        record = tmp_path / "kaim.json"
        record.write_text(
            '{"title": "Kaim crossing reopens", "url": "https://news.example/world/kaim"}', encoding="utf-8"
        )

        def codes(source: str, name: str) -> list[str]:
            folder = tmp_path / name
            folder.mkdir()
            (folder / "teaser.txt.j2").write_text(source + "\n", encoding="utf-8")
            result = validate(
                templates=folder, examples=[str(record)], platforms=[get_platform("mastodon")], rules=RuleSet()
            )
            return [f.code for f in result.findings if f.code.startswith("TPL")]

        assert rule.code in codes(doc_section(rule.doc, "Example") or "", "example")
        assert [] == codes(doc_section(rule.doc, "Use instead") or "", "better")


class TestCodes:
    """Codes are unique, well-formed and prefixed by their family module's letters."""

    def test_codes_are_unique(self):
        """No two rules share a code (the registry would silently keep only one)."""
        codes = [rule.code for module in MODULES for rule in module.RULES]

        assert len(codes) == len(set(codes))
        assert codes == list(RULES)

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_code_shape(self, rule: Rule):
        """Three capitals, three digits; the family is the letters."""
        assert re.fullmatch(r"[A-Z]{3}[0-9]{3}", rule.code)
        assert rule.code[:3] == rule.family

    @pytest.mark.parametrize("module", MODULES, ids=[_module_name(m) for m in MODULES])
    def test_codes_match_their_module(self, module: object):
        """Every code in a family module starts with that family's prefix."""
        prefix = FAMILIES[_module_name(module)]

        assert [prefix] * len(module.RULES) == [rule.code[:3] for rule in module.RULES]  # type: ignore[attr-defined]

    def test_one_module_per_family(self):
        """Families and modules map one to one."""
        assert len(set(FAMILIES.values())) == len(FAMILIES)
        assert {rule.family for rule in ALL_RULES} == set(FAMILIES.values())

    def test_names_are_unique_kebab_case(self):
        """Rule names (page names, SARIF names) are unique and kebab-case."""
        names = [rule.name for rule in ALL_RULES]

        assert len(names) == len(set(names))
        assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) for name in names)

    def test_since_is_a_version(self):
        """Every rule records the version that added it."""
        assert all(re.fullmatch(r"\d+\.\d+\.\d+", rule.since) for rule in ALL_RULES)


class TestRegistry:
    """Every family module is registered, and only those."""

    def test_every_module_is_registered(self):
        """Each module of postkit/rules (but the engine's own) is in MODULES, and vice versa."""
        found = {info.name for info in pkgutil.iter_modules(postkit.rules.__path__)}
        families = {name for name in found if not name.startswith("_")} - NOT_FAMILIES

        assert families == {_module_name(m) for m in MODULES}
        assert set(FAMILIES) == families

    @pytest.mark.parametrize("module", MODULES, ids=[_module_name(m) for m in MODULES])
    def test_module_registers_all_its_rules(self, module: object):
        """Every Rule defined in a module is in its RULES tuple, and so in the registry."""
        rules = module.RULES  # type: ignore[attr-defined]

        assert rules
        assert all(RULES[rule.code] is rule for rule in rules)

    def test_template_rules_are_template_scoped(self):
        """TPL rules are raised by the template validator only; every other rule runs on text."""
        assert {"TPL"} == {rule.family for rule in TEMPLATE_RULES}
        assert "TPL" not in {rule.family for rule in TEXT_RULES}


class TestDocs:
    """Every doc has ruff's sections, in order, a "Checks for" sentence and real sources."""

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_required_sections(self, rule: Rule):
        """What it does, Why is this bad?, Example, Use instead and Sources are all there."""
        missing = [title for title in REQUIRED if doc_section(rule.doc, title) is None]

        assert [] == missing

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_sections_known_and_in_order(self, rule: Rule):
        """Only known sections, in ruff's order."""
        titles = doc_sections(rule.doc)

        assert set(titles) <= set(SECTION_TITLES)
        assert sorted(titles, key=SECTION_TITLES.index) == titles

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_what_it_does_starts_checks_for(self, rule: Rule):
        """ "What it does" is one sentence starting "Checks for"."""
        what = doc_section(rule.doc, "What it does") or ""

        assert what.startswith("Checks for ")
        assert "\n" not in what

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_sources_cited(self, rule: Rule):
        """Sources is a non-empty list with no '???' placeholder."""
        sources = doc_section(rule.doc, "Sources") or ""
        entries = [line for line in sources.splitlines() if line.startswith("- ")]

        assert entries
        assert "???" not in sources
        assert all(len(entry) > len("- ") + 5 for entry in entries)

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_options_section_names_exactly_the_options(self, rule: Rule):
        """The Options section documents each option the rule defines, and no other."""
        documented = _OPTION_ENTRY.findall(doc_section(rule.doc, "Options") or "")

        assert sorted(rule.options) == sorted(documented)

    def test_profiles_tune_only_real_options(self):
        """Tone profiles name only registered codes and options those rules define."""
        for profile in profiles().values():
            assert profile.off <= set(RULES)
            for code, values in profile.options.items():
                assert set(values) <= set(RULES[code].options)

    def test_generator_fails_on_an_unknown_option(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ):
        """`python -m postkit.rules.docs` exits 1, naming rule and option, if Options names an undefined option."""
        bad = attrs.evolve(RULES["EMO001"], options={"limit": 3})
        monkeypatch.setattr(docs, "RULES", {**RULES, "EMO001": bad})

        assert 1 == docs.main(["--out", str(tmp_path / "rules")])
        assert "EMO001: the Options section names 'max', which EMO001 does not define" in capsys.readouterr().err
        assert not (tmp_path / "rules").exists()

    @pytest.mark.parametrize("rule", ALL_RULES, ids=_ids(ALL_RULES))
    def test_cli_prints_the_doc(self, rule: Rule, capsys: pytest.CaptureFixture[str]):
        """`postkit rules CODE` prints the rule's title, its code and every section of its doc."""
        assert 0 == main(["rules", rule.code.lower()])
        out = capsys.readouterr().out

        assert f"({rule.code})" in out.splitlines()[0]
        assert [f"## {title}" for title in doc_sections(rule.doc)] == [
            line for line in out.splitlines() if line.startswith("## ")
        ]
