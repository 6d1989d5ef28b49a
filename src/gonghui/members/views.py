"""Placeholder: being built."""

from django.http import Http404
from django.views import View


def person_create(request, *args, **kwargs):
    raise Http404


def person_detail(request, *args, **kwargs):
    raise Http404


def person_edit(request, *args, **kwargs):
    raise Http404


def person_reveal_id(request, *args, **kwargs):
    raise Http404


def membership_join(request, *args, **kwargs):
    raise Http404


def membership_transfer(request, *args, **kwargs):
    raise Http404


def membership_leave(request, *args, **kwargs):
    raise Http404


class PersonListView(View):
    pass
