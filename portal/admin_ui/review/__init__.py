"""A review queue in the Wagtail admin: items that wait for a staff decision.

A queue is a listing that opens on the items waiting (paged by keyset, see
``portal/admin_ui/keyset.py``), a review page for one item, and one view for
each decision staff may take on it (approve, return, ...). A decision is
offered where the item's status allows it, but the service it calls has the
last word: its ``ServiceError`` shows on the decision's form or as a message,
and only a decision taken is logged. Nothing in a queue adds, edits or
deletes an item.

- ``decisions.py``: a ``Decision`` and the views that take one (one click, or a page with a form);
- ``listing.py``: the queue's filters, columns and index view;
- ``viewset.py``: the review page, and the ``ReviewViewSet`` that puts a queue together.

What is reviewed, its columns and filters, the services and the templates
belong to the queue (templates/portal/admin_ui/review_*.html are the shared parts).
"""
