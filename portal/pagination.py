from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int):
    """A page of results that never fails: ``?page=abc`` is page 1, ``?page=99999`` the last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
