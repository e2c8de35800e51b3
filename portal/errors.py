from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A request the service refuses, with a message fit to show the person."""


def error_text(error: ValidationError) -> str:
    """A refusal's messages as one line, for a flash message or a page."""
    return " ".join(str(m) for m in error.messages)
