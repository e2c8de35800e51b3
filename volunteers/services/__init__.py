"""Everything that changes state in the volunteer domain.

Functions are keyword-only and named ``<thing>_<action>``. They raise
``ServiceError`` (a ValidationError with a message for the person) when the
request makes no sense, and ``PermissionDenied`` when the person may not do it.
"""

from volunteers.services.errors import ServiceError

__all__ = ["ServiceError"]
