"""REST API v1: one router; apps register their viewsets in their api.py modules."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = [path("", include(router.urls))]
