"""Site search with Chinese tokenising.

The database search backends (SQLite FTS5, PostgreSQL's ``simple`` parser)
treat a run of Chinese characters between punctuation as one word, so a
two-character word inside a sentence is never found. Pages therefore index a
tokenised copy of their text (:mod:`portal.search.mixins`) and the view
tokenises the query the same way (:mod:`portal.search.tokenise`).

This package imports nothing from Django's model layer at import time so that
``portal.models`` can use the mixin without an import cycle.
"""
