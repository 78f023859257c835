"""``python -m postkit``: the same as the ``postkit`` command."""

from postkit.cli import run

run()
