"""Tests for postkit.records: every format, folders, stdin and the id registry."""
