"""Tests for postkit.config: discovery, parsing, validation, platform profiles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounded import one_line_error, run_bounded
from postkit import RuleSet, Severity
from postkit.config import (
    MAX_CONFIG_BYTES,
    Config,
    RuleSettings,
    find_config,
    load_config,
    parse_config,
    read_config,
)
from postkit.errors import ConfigError
from postkit.platforms.registry import builtin_platforms

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "kaim-crossing.json")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def pyproject(folder: Path, body: str) -> Path:
    return write(folder / "pyproject.toml", f'[project]\nname = "demo"\n\n[tool.postkit]\n{body}')


def config_error(text: str, tmp_path: Path, name: str = "postkit.toml") -> ConfigError:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        read_config(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return info.value


class TestFindConfig:
    """Nearest postkit.toml, or pyproject.toml with [tool.postkit], walking up."""

    def test_walks_up_to_pyproject_with_section(self, tmp_path: Path) -> None:
        """A pyproject.toml without [tool.postkit] is passed over on the way up."""
        found = pyproject(tmp_path, 'tone = "casual"\n')
        write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "inner"\n')
        start = tmp_path / "pkg" / "src" / "deep"
        start.mkdir(parents=True)

        assert found == find_config(start)

    def test_postkit_toml_wins_in_the_same_folder(self, tmp_path: Path) -> None:
        """postkit.toml takes precedence over pyproject.toml, as ruff.toml does."""
        pyproject(tmp_path, "")
        own = write(tmp_path / "postkit.toml", "")

        assert own == find_config(tmp_path)

    def test_nearest_wins(self, tmp_path: Path) -> None:
        """A config nearer the start folder wins over one further up."""
        write(tmp_path / "postkit.toml", "")
        inner = pyproject(tmp_path / "sub", "")

        assert inner == find_config(tmp_path / "sub")

    def test_start_may_be_a_file(self, tmp_path: Path) -> None:
        """Starting from a file starts from its folder."""
        own = write(tmp_path / "postkit.toml", "")
        record = write(tmp_path / "a.json", "{}")

        assert own == find_config(record)

    def test_none_found(self, tmp_path: Path) -> None:
        """No config anywhere up the tree gives None."""
        start = tmp_path / "a"
        start.mkdir()
        if any((p / "postkit.toml").exists() or (p / "pyproject.toml").exists() for p in tmp_path.parents):
            pytest.skip("a config file above the temporary folder")

        assert find_config(start) is None

    def test_broken_pyproject_on_the_way_is_an_error(self, tmp_path: Path) -> None:
        """A pyproject.toml that is not TOML stops discovery with its file and line."""
        path = write(tmp_path / "pyproject.toml", "[project\nname = 1\n")

        with pytest.raises(ConfigError) as info:
            find_config(tmp_path)

        assert (str(path), 1) == (info.value.path, info.value.line)


class TestLoadConfig:
    """Explicit --config, else discovery, else defaults; optional rule validation."""

    def test_explicit_file_overrides_discovery(self, tmp_path: Path) -> None:
        """``config=`` is used even when discovery would find another file."""
        pyproject(tmp_path, 'tone = "news"\n')
        other = write(tmp_path / "ci" / "strict.toml", 'tone = "casual"\n')

        assert "casual" == load_config(other, start=tmp_path).tone

    def test_discovered(self, tmp_path: Path) -> None:
        """Without ``config=``, the nearest file is read."""
        path = pyproject(tmp_path, 'fail-on = "warning"\n')

        config = load_config(start=tmp_path)

        assert (path, Severity.WARNING) == (config.path, config.fail_on)

    def test_defaults_when_nothing_found(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """No file: the default Config, rooted at the start folder."""
        monkeypatch.setattr("postkit.config.find_config", lambda start=None: None)

        config = load_config(start=tmp_path)

        assert attrs.evolve(Config(), root=tmp_path) == config

    def test_rules_check_the_codes(self, tmp_path: Path) -> None:
        """An unknown code loads, and the rules refuse it with a suggestion, naming the file."""
        path = write(tmp_path / "postkit.toml", 'select = ["CLK0001"]\n')

        with pytest.raises(ConfigError, match="did you mean 'CLK001'") as info:
            RuleSet.from_config(load_config(path))

        assert (str(path), "select") == (info.value.path, info.value.field)

    def test_profile_is_refused_naming_tone(self, tmp_path: Path) -> None:
        """``profile``, the tone's name before 0.1.0, is an error that says to use ``tone``."""
        path = write(tmp_path / "postkit.toml", 'profile = "casual"\n')

        with pytest.raises(ConfigError) as info:
            load_config(path)

        assert (str(path), "profile") == (info.value.path, info.value.field)
        assert "unknown setting; use 'tone'" in str(info.value)


class TestReadConfig:
    """One file: pyproject.toml ([tool.postkit]) or postkit.toml (top level)."""

    def test_every_setting(self, tmp_path: Path) -> None:
        """All settings parse, paths resolve against the file's folder."""
        path = pyproject(
            tmp_path / "proj",
            """
tone = "Casual"
select = ["ALL"]
ignore = ["hyp", "CLK002"]
fail-on = "warning"
templates = "teasers"
examples = "../shared/examples"
targets = ["X", "bluesky", "twitter", "mastodon"]
utm-campaign = "spring-2025"
acronyms = ["NATO", "UEFA"]

[tool.postkit.per-rule.CLK001]
severity = "info"
max = 2
""",
        )
        config = read_config(path)

        assert (
            "casual",
            ("ALL",),
            ("HYP", "CLK002"),
            Severity.WARNING,
            tmp_path / "proj" / "teasers",
            tmp_path / "shared" / "examples",
            ("x", "bluesky", "mastodon"),
            "spring-2025",
            ("NATO", "UEFA"),
            {"CLK001": RuleSettings(Severity.INFO, {"max": 2})},
        ) == (
            config.tone,
            config.select,
            config.ignore,
            config.fail_on,
            config.templates,
            config.examples,
            config.platforms,
            config.utm_campaign,
            config.acronyms,
            dict(config.per_rule),
        )

    def test_pyproject_without_section_is_defaults(self, tmp_path: Path) -> None:
        """An explicit pyproject.toml without [tool.postkit] gives the defaults."""
        path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')

        assert attrs.evolve(Config(), path=path, root=tmp_path) == read_config(path)

    def test_tool_table_in_postkit_toml(self, tmp_path: Path) -> None:
        """postkit.toml holds settings at top level; [tool.postkit] there is an error with a hint."""
        error = config_error('[tool.postkit]\ntone = "news"\n', tmp_path)

        assert error.hint is not None
        assert "top level" in error.message

    @pytest.mark.parametrize(
        ("data", "line", "needle"),
        [
            (b'tone = "news"\nselect = ["ALL"\n', 2, "Unclosed array"),
            (b"tone = = 1\n", 1, "invalid TOML"),
            (b'tone = "n\xe9ws"\n', 1, "not UTF-8: byte 0xE9 at byte offset 9"),
            (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", None, "invalid TOML"),
        ],
        ids=["unclosed-array", "double-equals", "latin1", "deep-nesting"],
    )
    def test_unreadable_toml(self, tmp_path: Path, data: bytes, line: int | None, needle: str) -> None:
        """Broken TOML names the file and line; bad bytes the byte offset."""
        path = write(tmp_path / "postkit.toml", data)

        with pytest.raises(ConfigError) as info:
            read_config(path)

        assert (str(path), line) == (info.value.path, info.value.line)
        assert needle in info.value.message

    def test_missing_file_and_folder(self, tmp_path: Path) -> None:
        """A --config path that is missing or a folder is a ConfigError."""
        with pytest.raises(ConfigError, match="not found"):
            read_config(tmp_path / "nope.toml")
        with pytest.raises(ConfigError, match="is a folder"):
            read_config(tmp_path)

    def test_bom_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 BOM (as some Windows editors write) does not break the file."""
        path = write(tmp_path / "postkit.toml", b'\xef\xbb\xbftone = "casual"\n')

        assert "casual" == read_config(path).tone


# (TOML in a pyproject's [tool.postkit], the dotted key the error must name)
HOSTILE_CONFIG = [
    ('profil = "news"', "tool.postkit.profil"),
    ("tone = 1", "tool.postkit.tone"),
    ('select = "ALL"', "tool.postkit.select"),
    ("select = [1]", "tool.postkit.select"),
    ('select = ["CLK-001"]', "tool.postkit.select"),
    ('ignore = ["clk 1"]', "tool.postkit.ignore"),
    ('fail_on = "error"', "tool.postkit.fail_on"),
    ('fail-on = "fatal"', "tool.postkit.fail-on"),
    ("templates = 3", "tool.postkit.templates"),
    ('examples = ""', "tool.postkit.examples"),
    ('utm-campaign = "a\\nb"', "tool.postkit.utm-campaign"),
    ('acronyms = ["TWO WORDS"]', "tool.postkit.acronyms"),
    ('targets = ["blusky"]', "tool.postkit.targets"),
    ('platforms = ["x"]\ntargets = ["x"]', "tool.postkit.platforms"),
    ("per-rule = 3", "tool.postkit.per-rule"),
    ("[tool.postkit.per-rule]\nCLK = {severity = 'info'}", "tool.postkit.per-rule.CLK"),
    ("[tool.postkit.per-rule]\nCLK001 = 'info'", "tool.postkit.per-rule.CLK001"),
    ("[tool.postkit.per-rule.CLK001]\nseverity = 'fatal'", "tool.postkit.per-rule.CLK001.severity"),
    ("[tool.postkit.per-rule]\nCLK001 = {}\nclk001 = {}", "tool.postkit.per-rule.clk001"),
    ("platforms = 5", "tool.postkit.platforms"),
    ("[tool.postkit.platforms]\nmastodon = 1000", "tool.postkit.platforms.mastodon"),
    ("[tool.postkit.platforms.mastodon]\nlimt = 1000", "tool.postkit.platforms.mastodon.limt"),
    ("[tool.postkit.platforms.mastodon]\nlimit = '1000'", "tool.postkit.platforms.mastodon.limit"),
    ("[tool.postkit.platforms.mastodon]\nlimit = -1", "tool.postkit.platforms.mastodon.limit"),
    ("[tool.postkit.platforms.mastodon]\ncounter = 'bytes'", "tool.postkit.platforms.mastodon.counter"),
    ("[tool.postkit.platforms.mastodon]\npayload = 'text'", "tool.postkit.platforms.mastodon.payload"),
    ("[tool.postkit.platforms.mastodon]\nfamily = 'fedi'", "tool.postkit.platforms.mastodon.family"),
    ("[tool.postkit.platforms.fedi]\nlimit = 9\ncounter = 'x'", "tool.postkit.platforms.fedi.counter"),
    ("[tool.postkit.platforms.fedi]\nbase = 'fedi'", "tool.postkit.platforms.fedi.base"),
    ("[tool.postkit.platforms.mastodon]\nsummary = 1", "tool.postkit.platforms.mastodon.summary"),
    ("[tool.postkit.platforms.fedi]\ntitle = 'Fedi'", "tool.postkit.platforms.fedi.limit"),
    ("[tool.postkit.platforms.fedi]\nbase = 'mastadon'", "tool.postkit.platforms.fedi.base"),
    ("[tool.postkit.platforms.fedi]\nbase = 5", "tool.postkit.platforms.fedi.base"),
    ("[tool.postkit.platforms.a]\nbase = 'b'\n[tool.postkit.platforms.b]\nbase = 'a'", "tool.postkit.platforms.b.base"),
    ("[tool.postkit.platforms.all]\nlimit = 1", "tool.postkit.platforms.all"),
    ("[tool.postkit.platforms.twitter]\nlimit = 1", "tool.postkit.platforms.twitter"),
    ("[tool.postkit.platforms.'My Site']\nlimit = 1", "tool.postkit.platforms.My Site"),
]


class TestParseConfig:
    """Every bad key or value is a one-line ConfigError naming the dotted key."""

    @pytest.mark.parametrize(
        ("body", "key"), HOSTILE_CONFIG, ids=[key + f"-{i}" for i, (_, key) in enumerate(HOSTILE_CONFIG)]
    )
    def test_hostile_section(self, tmp_path: Path, body: str, key: str) -> None:
        """The error names the file and the dotted key."""
        path = pyproject(tmp_path, body + "\n")

        with pytest.raises(ConfigError) as info:
            read_config(path)

        assert (str(path), key) == (info.value.path, info.value.field)
        assert "\n" not in str(info.value)

    @pytest.mark.parametrize(
        ("body", "suggestion"),
        [
            ('ton = "news"', "'tone'"),
            ('fail_on = "error"', "'fail-on'"),
            ("[tool.postkit.platforms.mastodon]\nlimt = 1000", "'limit'"),
            ("[tool.postkit.platforms.fedi]\nbase = 'mastadon'", "'mastodon'"),
            ('targets = ["blusky"]', "'bluesky'"),
        ],
        ids=["key", "kebab-case", "platform-key", "base", "target"],
    )
    def test_did_you_mean(self, tmp_path: Path, body: str, suggestion: str) -> None:
        """Misspellings get a suggestion."""
        with pytest.raises(ConfigError, match=f"did you mean {suggestion}"):
            read_config(pyproject(tmp_path, body + "\n"))

    def test_platforms_as_a_list(self) -> None:
        """``platforms = [...]`` is the same as ``targets``; ``["all"]`` means every platform."""
        assert (("x", "bluesky"), None) == (
            parse_config({"platforms": ["x", "bluesky"]}).platforms,
            parse_config({"targets": ["all"]}).platforms,
        )

    def test_codes_are_normalised(self) -> None:
        """Codes are upper-cased and de-duplicated, keeping order."""
        assert ("CLK", "HYP001") == parse_config({"select": ["clk", " HYP001 ", "CLK"]}).select

    def test_not_a_table(self) -> None:
        """A [tool.postkit] that is not a table is an error."""
        with pytest.raises(ConfigError, match="expected a table"):
            parse_config(["tone"])

    @settings(max_examples=100, deadline=None)
    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "tone",
                    "select",
                    "ignore",
                    "per-rule",
                    "templates",
                    "examples",
                    "platforms",
                    "targets",
                    "fail-on",
                    "utm-campaign",
                    "acronyms",
                    "bogus",
                ]
            ),
            st.recursive(
                st.none()
                | st.booleans()
                | st.integers()
                | st.floats()
                | st.text(max_size=12)
                | st.sampled_from(["ALL", "CLK001", "news", "x", "mastodon", "info", "all"]),
                lambda children: (
                    st.lists(children, max_size=3)
                    | st.dictionaries(
                        st.sampled_from(["mastodon", "CLK001", "limit", "base", "severity", "x", "new"]),
                        children,
                        max_size=3,
                    )
                ),
                max_leaves=8,
            ),
            max_size=4,
        )
    )
    def test_any_table_gives_a_config_or_a_config_error(self, table: dict[str, Any]) -> None:
        """Whatever the values, the result is a Config or a one-line ConfigError naming a key."""
        outcome: Config | ConfigError
        try:
            outcome = parse_config(table, root=Path("/project"))
        except ConfigError as err:
            outcome = err
        if isinstance(outcome, ConfigError):
            assert outcome.field is not None
            assert "\n" not in str(outcome)
        else:
            assert isinstance(outcome, Config)


class TestConfigRuleSettings:
    """Per-rule severity and options, as read."""

    def test_severity_and_options(self) -> None:
        """The severity is parsed; the options are kept for the rule to check."""
        config = parse_config({"per-rule": {"CLK001": {"severity": "info", "max": 1}}})

        assert RuleSettings(Severity.INFO, {"max": 1}) == config.per_rule["CLK001"]

    def test_frozen(self) -> None:
        """Config and its tables cannot be changed after loading."""
        config = parse_config({"per-rule": {"CLK001": {"severity": "info"}}})

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            config.tone = "casual"  # type: ignore[misc]
        with pytest.raises(TypeError):
            config.per_rule["X"] = RuleSettings()  # type: ignore[index]
        assert hash(config) == hash(parse_config({"per-rule": {"CLK001": {"severity": "info"}}}))


class TestRulesCheckConfig:
    """The rules check a Config's codes, options and tone, once (RuleSet.from_config)."""

    @pytest.mark.parametrize(
        "table",
        [
            {"select": ["ALL", "CLK", "LEN001", "C"]},
            {"ignore": ["HYP"]},
            {"per-rule": {"EMO001": {"max": 4}, "CLK001": {"severity": "error"}}},
            {"tone": "casual"},
        ],
        ids=["select", "ignore", "options", "tone"],
    )
    def test_valid(self, table: dict[str, Any]) -> None:
        """Known codes, prefixes, tones and well-typed options pass."""
        assert RuleSet.from_config(parse_config(table)).codes()

    @pytest.mark.parametrize(
        ("table", "key", "needle"),
        [
            ({"select": ["CLK009"]}, "select", "unknown rule code or prefix 'CLK009'"),
            ({"ignore": ["XYZ"]}, "ignore", "unknown rule code or prefix 'XYZ'"),
            ({"per-rule": {"CLK009": {}}}, "per-rule.CLK009", "unknown rule code"),
            ({"per-rule": {"EMO001": {"maxx": 1}}}, "per-rule.EMO001.maxx", "did you mean 'max'"),
            ({"per-rule": {"EMO001": {"max": "3"}}}, "per-rule.EMO001.max", "EMO001 option 'max'"),
            ({"per-rule": {"PUN001": {"max": 2.5}}}, "per-rule.PUN001.max", "PUN001 option 'max'"),
            ({"tone": "newz"}, "tone", "did you mean 'news'"),
        ],
        ids=["select", "ignore", "per-rule-code", "option-name", "option-type", "option-int", "tone"],
    )
    def test_invalid(self, table: dict[str, Any], key: str, needle: str) -> None:
        """Unknown codes, options and tones name the key and suggest a close match."""
        with pytest.raises(ConfigError) as info:
            RuleSet.from_config(parse_config(table))

        assert key == info.value.field
        assert needle in info.value.message

    def test_pyproject_keys_are_prefixed(self, tmp_path: Path) -> None:
        """Errors from a pyproject.toml name the full dotted key."""
        config = read_config(pyproject(tmp_path, 'ignore = ["ZZZ"]\n'))

        with pytest.raises(ConfigError) as info:
            RuleSet.from_config(config)

        assert "tool.postkit.ignore" == info.value.field


class TestConfigPlatformRegistry:
    """Built-in profiles merged with overrides and additions from config."""

    def test_override_builtin(self, tmp_path: Path) -> None:
        """Overriding one key keeps the rest of the built-in profile."""
        config = read_config(pyproject(tmp_path, "[tool.postkit.platforms.mastodon]\nlimit = 1000\n"))
        registry = config.platform_registry()

        assert attrs.evolve(builtin_platforms()["mastodon"], limit=1000) == registry["mastodon"]
        assert builtin_platforms()["x"] == registry["x"]

    def test_new_platform_from_base(self, tmp_path: Path) -> None:
        """``base`` starts a new profile from a built-in, or from another configured one."""
        body = (
            "[tool.postkit.platforms.fedi]\nbase = 'mastodon'\nlimit = 5000\ntitle = 'Fedi'\n"
            "[tool.postkit.platforms.fedi-small]\nbase = 'fedi'\nlimit = 200\n"
        )
        registry = read_config(pyproject(tmp_path, body)).platform_registry()

        assert ("fedi", 5000, "Fedi", "mastodon") == (
            registry["fedi"].name,
            registry["fedi"].limit,
            registry["fedi"].title,
            registry["fedi"].family.name,
        )
        # Its own name, not its base's title: the preview labels and counts it apart (a new user's review).
        assert ("fedi-small", 200, "fedi-small") == (
            registry["fedi-small"].name,
            registry["fedi-small"].limit,
            registry["fedi-small"].title,
        )

    def test_new_platform_from_scratch(self) -> None:
        """A new profile without ``base`` needs limit and counter."""
        config = parse_config({"platforms": {"intranet": {"limit": 1000, "counter": "graphemes"}}})

        assert (1000, "graphemes") == (
            config.platform_registry()["intranet"].limit,
            config.platform_registry()["intranet"].counter,
        )

    def test_targets_may_name_configured_platforms(self) -> None:
        """``targets`` resolve against the merged registry, in order, without repeats."""
        config = parse_config({"platforms": {"fedi": {"base": "mastodon"}}, "targets": ["fedi", "x", "fedi"]})

        assert ["fedi", "x"] == [p.name for p in config.target_platforms()]

    def test_default_targets_are_every_platform(self) -> None:
        """Without targets, every profile is a target."""
        assert list(builtin_platforms()) == [p.name for p in Config().target_platforms()]


class TestHostileConfigFiles:
    """Issue 23: configuration files are regular files, capped; every attack ends in one line within bounds."""

    def test_dev_zero_is_refused_at_once(self, tmp_path: Path) -> None:
        """--config /dev/zero no longer reads until memory runs out."""
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", "--config", "/dev/zero", cwd=tmp_path))
        assert "/dev/zero: is not a regular file" in line

    def test_fifo_is_refused_without_waiting(self, tmp_path: Path) -> None:
        """A FIFO as --config (no writer): refused, not waited on."""
        os.mkfifo(tmp_path / "settings.toml")
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", "--config", "settings.toml", cwd=tmp_path))
        assert "settings.toml: is not a regular file" in line

    def test_over_the_cap(self, tmp_path: Path) -> None:
        big = tmp_path / "big.toml"
        big.write_text("# " + "x" * MAX_CONFIG_BYTES + "\n", "utf-8")
        with pytest.raises(ConfigError, match="larger than 1,048,576 bytes") as info:
            read_config(big)
        assert str(big) == info.value.path

    def test_a_postkit_toml_that_is_a_folder_is_an_error(self, tmp_path: Path) -> None:
        """Discovery no longer skips it silently (nor a FIFO, nor a dangling link)."""
        (tmp_path / "postkit.toml").mkdir()
        with pytest.raises(ConfigError, match="is a folder") as info:
            find_config(tmp_path)
        assert str(tmp_path / "postkit.toml") == info.value.path
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", cwd=tmp_path))
        assert "postkit.toml: is a folder" in line

    def test_a_postkit_toml_fifo_or_dangling_link(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "postkit.toml")
        with pytest.raises(ConfigError, match="not a regular file"):
            find_config(tmp_path)
        (tmp_path / "postkit.toml").unlink()
        (tmp_path / "postkit.toml").symlink_to(tmp_path / "nothing")
        with pytest.raises(ConfigError, match="a link to nothing"):
            find_config(tmp_path)

    def test_a_link_to_a_file_is_read(self, tmp_path: Path) -> None:
        (tmp_path / "real.toml").write_text('platforms = ["x"]\n', "utf-8")
        (tmp_path / "postkit.toml").symlink_to(tmp_path / "real.toml")
        assert ("x",) == load_config(start=tmp_path).platforms

    def test_3000_chained_platforms_in_a_file(self, tmp_path: Path) -> None:
        """The red team's chain of 3,000 base = platforms, through a file and the command line."""
        lines = ['[platforms.p0]\nbase = "linkedin"\nlimit = 1000\n']
        lines += [f'[platforms.p{i}]\nbase = "p{i - 1}"\n' for i in range(1, 3000)]
        (tmp_path / "postkit.toml").write_text("".join(lines), "utf-8")
        done = run_bounded("compose", EXAMPLE, "-p", "p2999", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "Kaim" in done.stdout

    def test_own_base_through_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "postkit.toml").write_text('[platforms.fedi]\nbase = "fedi"\nlimit = 5\n', "utf-8")
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", cwd=tmp_path))
        assert "platforms.fedi.base" in line
        assert "fedi -> fedi" in line


class TestNewsroomSettings:
    """base-url, [fields], [emoji], [cta] and utm-medium (issue 20)."""

    def test_read(self) -> None:
        config = parse_config(
            {
                "base-url": "https://blog.example/posts",
                "fields": {"Web_Title": "title", "content tags": "tags"},
                "emoji": {"Food": "🍲", "local": ":round_pushpin:"},
                "cta": {"hi": {"read-more": "और पढ़ें", "link-in-bio": "लिंक बायो में"}},
                "utm-medium": "newsletter",
            }
        )

        assert config.base_url == "https://blog.example/posts/"
        assert dict(config.fields) == {"web_title": "title", "content tags": "tags"}
        assert dict(config.emoji) == {"food": "🍲", "local": "📍"}
        assert dict(config.cta) == {"hi": ("और पढ़ें", "लिंक बायो में")}
        assert config.utm_medium == "newsletter"

    @pytest.mark.parametrize(
        ("table", "key", "needle"),
        [
            ({"base-url": "blog.example"}, "base-url", "absolute http(s) URL"),
            ({"fields": {"x": "titel"}}, "fields.x", "did you mean 'title'"),
            ({"fields": ["x"]}, "fields", "expected a table"),
            ({"emoji": {"food": "soup"}}, "emoji.food", "expected one emoji"),
            ({"cta": {"hi": {"link-in-bio": "x"}}}, "cta.hi", "needs read-more"),
            ({"cta": {"hi": {"read_mor": "x"}}}, "cta.hi.read_mor", "did you mean 'read-more'"),
            ({"cta": {"xx-invalid-tag": {"read-more": "x"}}}, "cta.xx-invalid-tag", "is not a language tag"),
            ({"cta": {"english": {"read-more": "x"}}}, "cta.english", "BCP-47 tag such as 'en'"),
            ({"utm-medium": "a\nb"}, "utm-medium", "one line"),
        ],
    )
    def test_bad_values_name_the_key(self, table: dict[str, Any], key: str, needle: str) -> None:
        with pytest.raises(ConfigError) as info:
            parse_config(table)
        assert info.value.field == key
        assert needle in str(info.value)


def test_include_drafts(tmp_path: Path) -> None:
    """include-drafts is a boolean; the Recipe of the configuration carries it."""
    from postkit import Recipe  # noqa: PLC0415

    config = read_config(write(tmp_path / "postkit.toml", "include-drafts = true\n"))
    assert config.include_drafts is True
    assert Recipe.from_config(config).drafts is True
    assert Recipe.from_config(Config()).drafts is False
    error = config_error('include-drafts = "yes"\n', tmp_path)
    assert error.field == "include-drafts"
    assert "expected true or false" in str(error)
