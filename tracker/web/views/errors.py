"""The site's answer to a bad request (Django's handler400)."""

from django.shortcuts import render


def bad_request(request, exception):
    """400.html rendered with the request, as Django renders 403.html and 404.html: Django's
    own handler renders it without, which would leave the page without the reader's account
    and a working language switcher."""
    return render(request, "400.html", status=400)
