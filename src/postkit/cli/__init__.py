"""The ``postkit`` command: compose, publish, check, lint, rules, platforms, preview.

``main`` parses the command line, runs one command and turns errors into exit codes
(``postkit.cli.main:run`` is the console script); ``parser`` builds the argument parser;
``commands``, ``composing`` and ``publishing`` hold the commands, each parsing its arguments
and making one library call; ``common``, ``printing`` and ``progress`` what they share. Like every
subpackage, this one re-exports nothing.
"""
