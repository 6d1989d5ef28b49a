"""Placeholder: being built."""

from django.http import Http404
from django.views import View


def orgunit_tree(request, *args, **kwargs):
    raise Http404


def orgunit_create(request, *args, **kwargs):
    raise Http404


def orgunit_detail(request, *args, **kwargs):
    raise Http404


def orgunit_edit(request, *args, **kwargs):
    raise Http404


def orgunit_deactivate(request, *args, **kwargs):
    raise Http404


def enterprise_create(request, *args, **kwargs):
    raise Http404


def enterprise_detail(request, *args, **kwargs):
    raise Http404


def enterprise_edit(request, *args, **kwargs):
    raise Http404


def enterprise_deactivate(request, *args, **kwargs):
    raise Http404


class OrgUnitListView(View):
    pass


class EnterpriseListView(View):
    pass
