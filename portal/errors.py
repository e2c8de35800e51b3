from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A request the service refuses, with a message fit to show the person."""
