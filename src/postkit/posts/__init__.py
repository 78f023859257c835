"""Posts: a composed :class:`~postkit.posts.post.Post`, from template to fitted text.

``composer`` builds the context and calls ``fit`` (the ladder); templates come from
``loader`` and render in ``sandbox`` with ``filters``; ``blurb`` picks emoji and call to
action; ``tracking`` adds UTM parameters to the link.
"""
