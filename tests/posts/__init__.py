"""Tests for postkit.posts: composing, fitting, templates, blurb and tracking."""
