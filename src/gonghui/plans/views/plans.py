"""URLs of the plan pages: list, import, review, dashboard, progress (views in sibling modules)."""

from django.urls import path

from gonghui.plans.views import dashboard, plan_pages, progress_pages, review_actions

urlpatterns = [
    path("", plan_pages.PlanListView.as_view(), name="plan_list"),
    path("new/", plan_pages.plan_create, name="plan_create"),
    path("<int:pk>/", dashboard.plan_dashboard, name="plan_dashboard"),
    path("<int:pk>/review/", plan_pages.plan_review, name="plan_review"),
    path("<int:pk>/activate/", plan_pages.plan_activate, name="plan_activate"),
    path("<int:pk>/targets/add/", review_actions.target_add, name="target_add"),
    path("<int:pk>/milestones/add/", review_actions.milestone_add, name="milestone_add"),
    path("targets/<int:pk>/confirm/", review_actions.target_confirm, name="target_confirm"),
    path("targets/<int:pk>/edit/", review_actions.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", review_actions.target_delete, name="target_delete"),
    path("targets/<int:pk>/bind/", review_actions.target_bind, name="target_bind"),
    path("targets/<int:pk>/progress/", progress_pages.progress_add, name="progress_add"),
    path(
        "targets/<int:pk>/chart/monthly/",
        dashboard.target_chart_monthly,
        name="target_chart_monthly",
    ),
    path(
        "milestones/<int:pk>/confirm/", review_actions.milestone_confirm, name="milestone_confirm"
    ),
    path("milestones/<int:pk>/edit/", review_actions.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", review_actions.milestone_delete, name="milestone_delete"),
    path("milestones/<int:pk>/done/", review_actions.milestone_done, name="milestone_done"),
    path("evidence/<int:pk>/", progress_pages.evidence_download, name="evidence_download"),
]
