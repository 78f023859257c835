"""Tests for postkit.rules: one module per rule family, plus catalogue meta-tests."""

#: The seed article's link and blurb line (examples/kaim-crossing.txt, "The house style").
LINK = "https://news.example/world/kaim-crossing"
BLURB = f"📝🌍🔗 Read More: {LINK}"
