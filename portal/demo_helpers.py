"""Small helpers shared by the apps' demo loaders."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page


def ensure_locale(language_code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


def ensure_user(*, out, role: str, email: str, password: str, superuser: bool = False, **fields):
    """Create a verified demo account once; an existing one is left untouched."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email.split("@")[0], email=email, **fields)
        user.is_staff = superuser or fields.get("is_staff", False)
        user.is_superuser = superuser
        if out.production:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    out.account(role, email, password)
    return user


def publish_translation(page: Page, locale: Locale, populate=None, **fields) -> Page:
    """Return ``page``'s translation in ``locale``, creating and publishing it once.

    ``populate(translation)`` may replace copied child objects (inline panels)
    with translated ones before the first revision is saved.
    """
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    if populate is not None:
        populate(translation)
    translation.save_revision().publish()
    return translation
