"""REST API v1: one router; each app's viewsets live in its api.py module."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from gonghui.accounts.api import ObtainTokenView
from gonghui.contracts import api as contracts_api
from gonghui.democracy import api as democracy_api
from gonghui.members.api import MembershipViewSet, PersonViewSet
from gonghui.orgs.api import EnterpriseViewSet, OrgUnitViewSet
from gonghui.plans.api import (
    MetricViewSet,
    MilestoneViewSet,
    PlanViewSet,
    ProgressViewSet,
    ResultViewSet,
    RunViewSet,
    ShareViewSet,
    TargetViewSet,
)
from gonghui.rights import api as rights_api

router = DefaultRouter()
router.register("orgunits", OrgUnitViewSet, basename="orgunit")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("members", PersonViewSet, basename="member")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("plans", PlanViewSet, basename="plan")
router.register("targets", TargetViewSet, basename="target")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("shares", ShareViewSet, basename="share")
router.register("assessment-runs", RunViewSet, basename="assessment-run")
router.register("assessment-results", ResultViewSet, basename="assessment-result")
router.register("metrics", MetricViewSet, basename="metric")

# Work-line apps declare their routes in api.ROUTES.
for _routes in (democracy_api.ROUTES, contracts_api.ROUTES, rights_api.ROUTES):
    for _prefix, _viewset, _basename in _routes:
        router.register(_prefix, _viewset, basename=_basename)

app_name = "api"
urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path(
        "targets/<int:target_pk>/progress/",
        ProgressViewSet.as_view({"post": "create"}),
        name="target-progress",
    ),
    path("", include(router.urls)),
]
