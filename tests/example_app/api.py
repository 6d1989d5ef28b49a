from rest_framework import serializers

from gonghui.core.api_views import ScopedRelatedField, ScopedViewSet
from gonghui.core.roles import Perm
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for
from tests.example_app import services
from tests.example_app.models import Library
from tests.example_app.selectors import libraries_for


class LibrarySerializer(serializers.ModelSerializer):
    org_unit = ScopedRelatedField(
        selector=orgunits_for, label_noun="所属工会", queryset=OrgUnit.objects.all()
    )

    class Meta:
        model = Library
        fields = ["id", "org_unit", "name", "level", "established_on", "books", "funding", "active"]


class LibraryViewSet(ScopedViewSet):
    """职工书屋。"""

    queryset = Library.objects.all()
    serializer_class = LibrarySerializer
    selector = libraries_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    ordering = ["-established_on", "-pk"]

    def create_object(self, data):
        return services.library_create(actor=self.request.access, **data)

    def update_object(self, instance, data):
        return services.library_update(actor=self.request.access, library=instance, **data)


ROUTES = [("libraries", LibraryViewSet, "library")]
