"""Request hygiene shared by every view."""

from django.http import Http404, QueryDict


class NulCharacterMiddleware:
    """Keep NUL characters away from the database.

    PostgreSQL cannot store or compare text containing NUL, so ``?tag=%00`` would
    turn an ordinary filter into a server error. Query-string values lose their
    NUL characters (the page then behaves as for any unknown value); a path that
    contains one names nothing and is a 404. Form fields already refuse NUL
    (Django's CharField validates it), so POST data is left to the forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
