"""Plans URLs; each views module owns its own urlpatterns list."""

from gonghui.plans.views import (
    assessment,
    cascade,
    dashboard,
    plan_pages,
    progress_pages,
    review_actions,
)

app_name = "plans"
urlpatterns = [
    *plan_pages.urlpatterns,
    *dashboard.urlpatterns,
    *review_actions.urlpatterns,
    *progress_pages.urlpatterns,
    *cascade.urlpatterns,
    *assessment.urlpatterns,
]
