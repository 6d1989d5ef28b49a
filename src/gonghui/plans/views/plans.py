"""URLs of the plan pages: list, import, review, dashboard, progress (views in sibling modules)."""

from django.urls import path

from gonghui.plans.views import dashboard, plan_pages, progress_pages, review_actions

urlpatterns = [
    *review_actions.urlpatterns,
    path("", plan_pages.PlanListView.as_view(), name="plan_list"),
    path("new/", plan_pages.plan_create, name="plan_create"),
    path("<int:pk>/", dashboard.plan_dashboard, name="plan_dashboard"),
    path("<int:pk>/review/", plan_pages.plan_review, name="plan_review"),
    path("<int:pk>/activate/", plan_pages.plan_activate, name="plan_activate"),
    path("targets/<int:pk>/progress/", progress_pages.progress_add, name="progress_add"),
    path(
        "targets/<int:pk>/chart/monthly/",
        dashboard.target_chart_monthly,
        name="target_chart_monthly",
    ),
    path("evidence/<int:pk>/", progress_pages.evidence_download, name="evidence_download"),
]
