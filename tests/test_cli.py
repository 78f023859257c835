"""Tests for postkit.cli: exit codes, formats and error reporting, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from postkit.cli.common import ExitCode

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD = {"title": "Kaim crossing reopens", "url": "https://news.example/world/kaim"}


def _jsonl(tmp_path: Path, records: list[object], name: str = "in.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


class TestVersionAndHelp:
    def test_version(self, run):
        """--version prints the version and exits 0."""
        code, out, _ = run("--version")
        assert (0, "postkit 0.1.0\n") == (code, out)

    def test_no_command_is_usage(self, run):
        """No command is a usage error."""
        assert ExitCode.USAGE == run()[0]

    def test_bad_option_is_usage(self, run):
        """argparse errors exit 2."""
        assert ExitCode.USAGE == run("compose", "--nope", "x")[0]


class TestPlatforms:
    def test_table_lists_limits_and_units(self, run):
        """`postkit platforms` prints every platform with its limit and unit."""
        code, out, _ = run("platforms")
        assert 0 == code
        for needle in ("x", "280", "weighted characters", "bluesky", "300 + 3,000 B", "4,096 (1,024 caption)"):
            assert needle in out

    def test_a_configured_platform_shows_its_title(self, run):
        """The new user's review: a configured platform was listed by its name alone, not its ``title`` (README)."""
        Path("postkit.toml").write_text(
            '[platforms.gazette]\nbase = "mastodon"\ntitle = "Gazette Social"\nlimit = 800\n', encoding="utf-8"
        )
        _code, out, _ = run("platforms")
        [row] = [line for line in out.splitlines() if line.startswith("gazette")]

        assert row.startswith("gazette (Gazette Social)")
        assert "800" in row
        assert any(line.startswith("linkedin ") for line in out.splitlines())  # a built-in's own title: its name

    def test_json(self, run):
        """The json format lists the profiles as objects."""
        _code, out, _ = run("platforms", "--format", "json")
        assert 8 == len(json.loads(out))


class TestCompose:
    def test_examples_all_platforms(self, run):
        """The README's main job: every example on every platform, exit 0."""
        code, out, err = run("compose", str(EXAMPLES), "--platform", "all", "--format", "jsonl")
        posts = [json.loads(line) for line in out.splitlines()]
        assert 0 == code
        assert {p["platform"] for p in posts} == {
            "x",
            "bluesky",
            "mastodon",
            "threads",
            "linkedin",
            "facebook",
            "instagram",
            "telegram",
        }
        assert all(p["length"] <= p["limit"] and p["fits"] for p in posts)
        assert "0 records failed" in err

    def test_bad_records_are_reported_and_the_run_goes_on(self, run, tmp_path):
        """Nothing lost: records in == good records composed + errors reported; exit 1."""
        path = _jsonl(tmp_path, [GOOD, {"title": "no url"}, {**GOOD, "url": "javascript:alert(1)"}, GOOD | {"id": 2}])
        code, out, err = run("compose", path, "--platform", "x", "--format", "jsonl")
        assert ExitCode.FINDINGS == code
        assert 2 == len(out.splitlines())
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        assert 2 == len(errors)
        assert "line 2, field 'url'" in errors[0]
        assert "line 3, field 'url'" in errors[1]
        assert "2 posts from 4 records on 1 platform; 2 records failed" in err

    def test_json_document(self, run, tmp_path):
        """json is one document with a schema version and a summary."""
        code, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "--platform", "x,bluesky", "--format", "json")
        doc = json.loads(out)
        assert (0, "postkit.compose/1", 2) == (code, doc["schema"], len(doc["posts"]))

    def test_text_format_shows_counter(self, run, tmp_path):
        """Text output shows platform and length/limit in the platform's unit."""
        code, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "--platform", "bluesky")
        assert 0 == code
        assert "· bluesky · " in out
        assert "/300 graphemes" in out

    def test_payload_flag(self, run, tmp_path):
        """--payload adds the API payload."""
        _, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "--platform", "mastodon", "--format", "jsonl", "--payload")
        assert "status" in json.loads(out)["payload"]

    def test_output_file(self, run, tmp_path):
        """-o writes posts to a file."""
        target = tmp_path / "posts.jsonl"
        code, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "-p", "x", "-f", "jsonl", "-o", str(target))
        assert (0, "") == (code, out)
        assert 1 == len(target.read_text(encoding="utf-8").splitlines())

    def test_unknown_platform_is_usage_error(self, run, tmp_path):
        """A typo in --platform exits 2 with a suggestion."""
        code, _, err = run("compose", _jsonl(tmp_path, [GOOD]), "--platform", "blusky")
        assert ExitCode.USAGE == code
        assert "did you mean 'bluesky'" in err

    def test_broken_template_is_usage_error(self, run, tmp_path):
        """A template syntax error stops the run before any record (exit 2), naming file and line."""
        folder = tmp_path / "tpl"
        folder.mkdir()
        (folder / "teaser.txt.j2").write_text("{{ title }}\n{% if %}\n", encoding="utf-8")
        code, _, err = run("compose", _jsonl(tmp_path, [GOOD]), "-p", "x", "--templates", str(folder))
        assert ExitCode.USAGE == code
        assert "teaser.txt.j2, line 2" in err
        assert "Traceback" not in err

    def test_utm_campaign(self, run, tmp_path):
        """--utm-campaign lands in the link."""
        _, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "-p", "x", "-f", "jsonl", "--utm-campaign", "spring")
        assert json.loads(out)["link"].endswith("utm_source=x&utm_medium=social&utm_campaign=spring")

    def test_missing_file(self, run, tmp_path):
        """A missing input path is a usage error (exit 2) naming it, found before any work; no traceback."""
        code, out, err = run("compose", _jsonl(tmp_path, [GOOD]), str(tmp_path / "nope.json"), "-p", "x")
        assert (ExitCode.USAGE, "") == (code, out)
        assert f"postkit: error: no such file or folder: {tmp_path / 'nope.json'}" in err
        assert "Traceback" not in err

    def test_duplicate_ids_across_paths(self, run, tmp_path):
        """An id seen in an earlier path is reported at the later record."""
        a = _jsonl(tmp_path, [GOOD | {"id": "k1"}], "a.jsonl")
        b = _jsonl(tmp_path, [GOOD | {"id": "k1"}], "b.jsonl")
        code, _, err = run("compose", a, b, "-p", "x")
        assert ExitCode.FINDINGS == code
        assert "b.jsonl" in err

    def test_config_platforms_used_by_default(self, run, tmp_path):
        """Without --platform, the config's platforms are composed."""
        (tmp_path / "postkit.toml").write_text('platforms = ["mastodon"]\n', encoding="utf-8")
        _, out, _ = run("compose", _jsonl(tmp_path, [GOOD]), "-f", "jsonl")
        assert ["mastodon"] == [json.loads(line)["platform"] for line in out.splitlines()]

    def test_bad_config_is_usage_error(self, run, tmp_path):
        """A broken config exits 2 naming the key."""
        (tmp_path / "postkit.toml").write_text('profil = "news"\n', encoding="utf-8")
        code, _, err = run("compose", _jsonl(tmp_path, [GOOD]))
        assert ExitCode.USAGE == code
        assert "profil" in err


class TestNewsroomOptions:
    """--base-url, --map and --utm-medium over the configuration (issue 20)."""

    def test_map_base_url_and_medium(self, run, tmp_path):
        path = tmp_path / "export.csv"
        path.write_text("web_title,slug,content_tags\nHello,hello,Iraq; Syria\n", encoding="utf-8")
        code, out, err = run(
            "compose", str(path), "-p", "x", "-f", "jsonl",
            "--map", "web_title=title", "--map", "content_tags=tags",
            "--base-url", "https://news.example/p", "--utm-medium", "newsletter",
        )  # fmt: skip
        (post,) = [json.loads(line) for line in out.splitlines()]

        assert ExitCode.OK == code, err
        assert post["link"] == "https://news.example/p/hello/?utm_source=x&utm_medium=newsletter"
        assert post["hashtags"] == ["#Iraq", "#Syria"]
        assert "warning" not in err

    def test_config_gives_them_too(self, run, tmp_path):
        (tmp_path / "postkit.toml").write_text(
            'base-url = "https://news.example/p/"\nutm-medium = "feed"\n[fields]\nweb_title = "title"\n'
            '[emoji]\nfood = "🍲"\n[cta.hi]\nread-more = "और पढ़ें"\n',
            encoding="utf-8",
        )
        path = _jsonl(tmp_path, [{"web_title": "Dal", "slug": "dal", "topics": ["food"], "language": "hi"}])
        code, out, err = run("--config", str(tmp_path / "postkit.toml"), "compose", path, "-p", "x")

        assert ExitCode.OK == code, err
        assert "📝🍲🔗 और पढ़ें: https://news.example/p/dal/?utm_source=x&utm_medium=feed" in out

    def test_a_bad_map_is_a_usage_error(self, run, tmp_path):
        code, _, err = run("compose", _jsonl(tmp_path, [GOOD]), "-p", "x", "--map", "web_title")

        assert ExitCode.USAGE == code
        assert "--map takes OLD=NEW" in err

    def test_a_synonym_note_and_strict(self, run, tmp_path):
        path = _jsonl(tmp_path, [{"headline": "H", "link": "https://n.example/a"}] * 2)
        code, _, err = run("compose", path, "-p", "x")
        strict, _, strict_err = run("compose", path, "-p", "x", "--strict")

        assert ExitCode.OK == code
        assert err.count("read as 'title'") == 1
        assert "(in 2 records; the first is here)" in err
        assert ExitCode.FINDINGS == strict
        assert strict_err.count("a synonym of 'title', which --strict does not take") == 2


class TestOptionsNamedAsOptions:
    def test_thread_on_platforms_without_replies_names_the_option(self, run, tmp_path):
        """`compose --thread -p all`: the error names --thread, the option given, not "field 'thread'"."""
        code, out, err = run("compose", "--thread", "-p", "all", _jsonl(tmp_path, [GOOD]))
        assert (code, out) == (ExitCode.USAGE, "")
        assert err.startswith("postkit: error: --thread: a thread needs replies, and linkedin, facebook, instagram")
        assert "field 'thread'" not in err
