"""Placeholder: being built."""

from django.http import Http404


def import_upload(request, *args, **kwargs):
    raise Http404


def import_template(request, *args, **kwargs):
    raise Http404


def import_job_detail(request, *args, **kwargs):
    raise Http404


def import_job_progress(request, *args, **kwargs):
    raise Http404
