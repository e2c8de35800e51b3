"""A seed-scale data set for PostgreSQL: volunteers, teams, events, sign-ups and hours.

``scale_load`` (``manage.py load_scale``) plans every row in memory with a seeded
random generator, streams them into the tables with COPY, and then rebuilds the
rollups, so pages and benchmarks run against data shaped like the real thing.
Every generated account's username starts with ``SCALE_PREFIX``; that is how a
later run finds (and ``--replace`` removes) the rows it made, and only those.
"""

from volunteers.scale.load import scale_load
from volunteers.scale.sizes import SCALE_PREFIX, ScaleError, ScaleSizes

__all__ = ["SCALE_PREFIX", "ScaleError", "ScaleSizes", "scale_load"]
