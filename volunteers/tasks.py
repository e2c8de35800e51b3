"""Celery finds tasks in ``<app>.tasks``: this makes each package's tasks known.

Task names stay ``volunteers.tasks.<name>`` (set on each task), so the beat
schedule and messages already queued keep working.
"""

from volunteers.events import tasks as event_tasks
from volunteers.participation import tasks as participation_tasks
from volunteers.recognition import tasks as recognition_tasks
from volunteers.teams import tasks as team_tasks

__all__ = ["event_tasks", "participation_tasks", "recognition_tasks", "team_tasks"]
