"""Tests for .pre-commit-hooks.yaml: the hook pre-commit users install."""

from __future__ import annotations

from pathlib import Path

import yaml

from postkit.cli.parser import build_parser

HOOKS = Path(__file__).parents[1] / ".pre-commit-hooks.yaml"


class TestHook:
    def test_postkit_hook(self):
        """One hook, id ``postkit``, running ``postkit check`` without file names."""
        [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))

        assert ("postkit", "postkit check", "python", False) == (
            hook["id"],
            hook["entry"],
            hook["language"],
            hook["pass_filenames"],
        )

    def test_entry_is_a_real_command(self):
        """The entry's subcommand parses with the CLI's own parser."""
        [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))

        assert "check" == build_parser().parse_args(hook["entry"].split()[1:]).command
