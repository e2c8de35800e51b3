"""Cards of the pages an editor linked as related, the same for every visitor."""

from django.utils.translation import get_language

from portal.pagecache.fragments import shared_part


def related_cards(request, page, find) -> list[dict]:
    """Title, kind, summary and URL of ``find(page)``'s pages, worked out once until a page
    is published, moved or unpublished (the related pages' own changes included)."""

    def build():
        return [
            {
                "title": related.title,
                "kind": str(related.specific_class._meta.verbose_name),
                "summary": getattr(related, "summary", ""),
                "url": related.get_url(request),
            }
            for related in find(page)
        ]

    return shared_part(f"related:{request.get_host()}:{get_language()}:{page.pk}", build)
