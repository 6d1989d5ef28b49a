from rest_framework import serializers

from gonghui.core.api_views import WorkViewSet
from gonghui.orgs.api import unit_field
from tests.example_app import services
from tests.example_app.models import Library
from tests.example_app.selectors import libraries_for


class LibrarySerializer(serializers.ModelSerializer):
    org_unit = unit_field("所属工会")

    class Meta:
        model = Library
        fields = ["id", "org_unit", "name", "level", "established_on", "books", "funding", "active"]


class LibraryViewSet(WorkViewSet):
    """职工书屋。"""

    serializer_class = LibrarySerializer
    selector = libraries_for
    ordering = ["-established_on", "-pk"]
    create_service = services.library_create
    update_service = (services.library_update, "library")


ROUTES = [("libraries", LibraryViewSet, "library")]
