"""Shared by the prevention pages: the staff-only decorator and paging."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from netra.accounts.api_auth import is_staff_member

PAGE_SIZE = 50


def officer_required(view):
    """Logged-in staff attached to an office; anyone else is sent to log in or refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def page_of(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def chosen_election(request):
    """``?election=ID``, else the latest active election (None when there is none)."""
    from netra.prevention.selectors import election_for_coverage

    asked = request.GET.get("election", "")
    return election_for_coverage(int(asked) if asked.isdigit() else None)
