"""Tests for postkit.platforms: profiles, counting, link grammars and payloads."""
