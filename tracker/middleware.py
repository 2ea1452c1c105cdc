"""Middleware of the whole site (pages, API, admin)."""

from django.http import Http404


def null_characters_not_found(get_response):
    """A path with a NUL character names nothing: 404, before any view hands it to PostgreSQL,
    which refuses NUL in text (and the view would answer 500)."""

    def middleware(request):
        if "\x00" in request.path_info:
            raise Http404
        return get_response(request)

    return middleware
