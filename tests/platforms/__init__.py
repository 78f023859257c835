"""Tests for postkit.platform: profiles, counting, link grammars and payloads."""
