"""Pages of the assistance work line, mounted at /assistance/. Each part of the line adds its
own paths to ``urlpatterns``."""

from django.urls import path

from gonghui.assistance import views_report
from gonghui.assistance.views import campaigns, centres, employment, trainings
from gonghui.core.pages import record_urls

app_name = "assistance"

CAMPAIGN_STEPS = (
    "build",
    "publicize",
    "print",
    "export",
    "payments",
    "approve",
    "bank-file",
    "bank-return",
    "reissue",
    "in-kind",
)

urlpatterns = [
    *record_urls(
        "campaigns/",
        "campaign",
        campaigns,
        pages=("list", "create", "detail"),
        steps=CAMPAIGN_STEPS,
    ),
    path("campaigns/entries/<int:pk>/remove/", campaigns.entry_remove, name="entry_remove"),
    *record_urls("centres/", "centre", centres, steps=("close",)),
    *record_urls("pairs/", "pair", centres, steps=("end", "visit")),
    path("visits/", centres.VisitListView.as_view(), name="visit_list"),
    path("visits/<int:pk>/follow-up/", centres.visit_follow_up, name="visit_follow_up"),
    *record_urls("job-seekers/", "seeker", employment, steps=("leave",)),
    *record_urls("placements/", "placement", employment),
    *record_urls("trainings/", "training", trainings, steps=("enrol",)),
    path(
        "trainings/enrolments/<int:pk>/complete/",
        trainings.enrolment_complete,
        name="enrolment_complete",
    ),
    *record_urls("job-fairs/", "fair", trainings, steps=("attend",)),
    path("report/", views_report.year_end_report, name="year_end_report"),
]
