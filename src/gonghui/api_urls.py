"""REST API v1: one router; each app's viewsets live in its api.py module."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from gonghui.accounts.api import ObtainTokenView
from gonghui.members.api import MembershipViewSet, PersonViewSet
from gonghui.orgs.api import EnterpriseViewSet, OrgUnitViewSet

router = DefaultRouter()
router.register("orgunits", OrgUnitViewSet, basename="orgunit")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("members", PersonViewSet, basename="member")
router.register("memberships", MembershipViewSet, basename="membership")

app_name = "api"
urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("", include(router.urls)),
]
