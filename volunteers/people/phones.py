"""Mainland mobile numbers: what people type, what is stored, what is shown.

Stored in E.164 (``+8613800138000``), the form allauth and SMS providers use;
typed the way people write them (``138 0013 8000``, ``+86 138-0013-8000``);
shown to leaders and staff as the 11 digits people write.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

COUNTRY_PREFIX = "+86"
E164_MAINLAND = re.compile(r"^\+861[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-().·]")

mainland_e164 = RegexValidator(
    E164_MAINLAND, _("Enter an 11-digit mainland China mobile number, e.g. 13800138000.")
)


def phone_normalise(raw: str) -> str:
    """``raw`` as E.164, or a ValidationError that says what is wrong with it."""
    value = _SEPARATORS.sub("", raw or "")
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
            break
    else:
        if value.startswith(("+", "00")):
            raise ValidationError(
                _("Only mainland China mobile numbers (+86) can be used."), code="foreign_phone"
            )
        if len(value) == 13 and value.startswith("86"):
            value = value[2:]
    if not value.isdigit():
        raise ValidationError(_("A mobile number has digits only."), code="phone_not_digits")
    if value.startswith("0"):
        raise ValidationError(
            _(
                "This looks like a landline number (it starts with an area code such as 0719);"
                " enter a mobile number."
            ),
            code="phone_landline",
        )
    if len(value) != 11:
        raise ValidationError(
            _("A mainland mobile number has 11 digits; this one has %(count)d."),
            code="phone_length",
            params={"count": len(value)},
        )
    if not re.match(r"^1[3-9]", value):
        raise ValidationError(
            _("Mainland mobile numbers begin with 13 to 19."), code="phone_prefix"
        )
    return COUNTRY_PREFIX + value


def phone_national(e164: str) -> str:
    """``+8613800138000`` → ``13800138000``; anything else unchanged."""
    if not E164_MAINLAND.match(e164 or ""):
        return e164 or ""
    return e164[len(COUNTRY_PREFIX) :]


def phone_masked(e164: str) -> str:
    """``+8613800138000`` → ``138****8000``, for messages to someone who typed it."""
    digits = e164[len(COUNTRY_PREFIX) :] if E164_MAINLAND.match(e164 or "") else ""
    return f"{digits[:3]}****{digits[7:]}" if digits else ""
