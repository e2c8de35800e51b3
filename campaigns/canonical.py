"""The one page of a campaign that its pledges hang on, whatever page a visitor used."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When

from campaigns.models import CampaignPage


def canonical_campaign(page) -> CampaignPage:
    """The page of a campaign that pledges are stored on: the default language's original.

    Aliases follow their original, so pledges never hang on a page Wagtail
    rebuilds; without a page in the default language the oldest page is used.
    """
    default = settings.LANGUAGE_CODE
    return (
        CampaignPage.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .annotate(
            is_default=Case(
                When(locale__language_code=default, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_default", "pk")
        .first()
        or page
    )
