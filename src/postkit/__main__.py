"""``python -m postkit``: the same as the ``postkit`` command."""

from postkit.cli.main import run

run()
