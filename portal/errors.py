"""The refusal every service raises, and the two ways pages show one."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A request the service refuses, with a message fit to show the person."""


def error_text(error: ValidationError) -> str:
    """All of a refusal's messages as one sentence, for a flash message."""
    return " ".join(str(message) for message in error.messages)


def form_add_service_error(form, error: ValidationError) -> None:
    """Show a refusal on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
