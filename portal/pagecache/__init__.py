"""Whole-page cache for anonymous visitors, invalidated precisely by tags.

Public pages are the same for every visitor who is not signed in, so each is
rendered once per language and URL and then served from the cache
(``middleware``). Every stored page names the *tags* of the data it shows
("events", "event:42", "teams", "figures", "pages" …) and remembers the
version of each tag at the time it was rendered; a change anywhere calls
``tags_touch`` (after its transaction commits), which gives those tags new
versions, so every page that showed the old data is missed on its next read
and rendered again (``tags``). Nothing is ever deleted by pattern and no list
of cached URLs is kept, which keeps invalidation exact, cheap and correct even
when the cache evicts keys on its own.

The cache is an accelerator, never a store: every cache error falls back to
rendering the page, and a lost invalidation is bounded by a short lifetime.
docs/caching.md says which page carries which tags and why this is our own
code rather than a package.
"""
