"""The filters a list is narrowed by, as chips a visitor can take off one by one."""


def filter_chips(request, labels) -> list[dict]:
    """A chip for each ``(parameter, label)`` with a label: the label, and this page's
    address without that parameter (and back on the first page)."""
    chips = []
    for param, label in labels:
        if not label:
            continue
        query = request.GET.copy()
        query.pop(param, None)
        query.pop("page", None)
        rest = query.urlencode()
        chips.append({"label": label, "url": f"{request.path}?{rest}" if rest else request.path})
    return chips
