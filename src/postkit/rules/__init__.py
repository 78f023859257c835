"""The rule catalogue and the engine that checks posts and texts against it.

``registry`` collects the family modules' rules; ``selection`` resolves ``select`` and
``ignore``; ``tones`` holds the tone profiles; ``engine`` runs a :class:`RuleSet`.
"""

from postkit.rules.base import Rule, Severity, Violation
from postkit.rules.engine import RuleSet, check, format_rule_doc, rules_table
from postkit.rules.registry import MODULES, RULES, all_codes, get_rule
from postkit.rules.selection import is_selected
from postkit.rules.tones import TONES, Tone, tones

__all__ = [
    "MODULES",
    "RULES",
    "TONES",
    "Rule",
    "RuleSet",
    "Severity",
    "Tone",
    "Violation",
    "all_codes",
    "check",
    "format_rule_doc",
    "get_rule",
    "is_selected",
    "rules_table",
    "tones",
]
