"""The rule catalogue and the engine that checks posts and texts against it.

``base`` holds the rule contract (Rule, Violation, Context); one module per family
(``length``, ``structure``, ``urls``, ``unicode``, ``markup``, ``caps``, ``punctuation``,
``emojis``, ``tags``, ``clickbait``, ``hype``, ``casual``, ``templates``) holds its rules;
``registry`` collects them; ``selection`` resolves ``select`` and ``ignore``; ``tones``
holds the tone profiles; ``engine`` runs a :class:`~postkit.rules.engine.RuleSet`; ``docs``
makes the rule pages. The public names (``check``, ``RuleSet``, ``Violation``) are
:mod:`postkit`'s; like every subpackage, this one re-exports nothing.
"""
