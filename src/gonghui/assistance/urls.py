"""Pages of the assistance work line, mounted at /assistance/. Each part of the line adds its
own paths to ``urlpatterns``."""

from django.urls import path

from gonghui.assistance import views_report
from gonghui.assistance.attachments import HARDSHIP_EVIDENCE
from gonghui.assistance.mutual_import import IMPORTER as ENROLMENT_IMPORTER
from gonghui.assistance.views import (
    campaigns,
    centres,
    employment,
    files,
    funds,
    mutual,
    mutual_claims,
    my_mutual,
    payments,
    trainings,
    worker,
)
from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls
from gonghui.core.uploads import files_of

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
    "bank-return-template",
    "reissue",
    "in-kind",
)

FILE_STEPS = (
    "check",
    "survey",
    "verify",
    "publicize",
    "objection",
    "file",
    "return",
    "review",
    "exit",
    "withdraw",
    "resubmit",
    "reveal",
)
PAGES = ("list", "create", "detail")
CLAIM_STEPS = ("review", "approve", "refuse", "paid", "second-round")
PAYMENT_STEPS = ("approve", "paid", "failed", "cancel", "reissue")

urlpatterns = [
    *record_urls(
        "campaigns/",
        "campaign",
        campaigns,
        pages=("list", "create", "detail"),
        steps=CAMPAIGN_STEPS,
    ),
    path("campaigns/entries/<int:pk>/remove/", campaigns.entry_remove, name="entry_remove"),
    *record_urls("files/", "file", files, pages=PAGES, steps=FILE_STEPS),
    *files.EVIDENCE.urls("files/"),
    path("objections/<int:pk>/resolve/", files.objection_resolve, name="objection_resolve"),
    *record_urls("funds/", "fund", funds, pages=PAGES, steps=("income",)),
    path("funds/entries/<int:pk>/reverse/", funds.entry_reverse, name="entry_reverse"),
    *record_urls("payments/", "payment", payments, pages=PAGES, steps=PAYMENT_STEPS),
    path("my/", worker.my_assistance, name="my_assistance"),
    path("my/apply/", files_of(HARDSHIP_EVIDENCE)(worker.my_file_apply), name="my_file_apply"),
    path("my/files/<int:pk>/", worker.my_file_detail, name="my_file_detail"),
    path("my/files/<int:pk>/resubmit/", worker.my_file_resubmit, name="my_file_resubmit"),
    path("my/files/<int:pk>/withdraw/", worker.my_file_withdraw, name="my_file_withdraw"),
    *worker.MY_EVIDENCE.urls("my/files/"),
    path("my/mutual/claims/apply/", my_mutual.my_claim_apply, name="my_claim_apply"),
    path("my/mutual/claims/<int:pk>/", my_mutual.my_claim_detail, name="my_claim_detail"),
    *my_mutual.MY_DOCUMENTS.urls("my/mutual/claims/"),
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
    *record_urls("mutual/schemes/", "scheme", mutual),
    *record_urls("mutual/groups/", "group", mutual, pages=PAGES, steps=("confirm",)),
    *import_urls(ENROLMENT_IMPORTER, prefix="mutual/enrolments/"),
    path("mutual/enrolments/<int:pk>/remove/", mutual.enrolment_remove, name="enrolment_remove"),
    *record_urls("mutual/claims/", "claim", mutual_claims, pages=PAGES, steps=CLAIM_STEPS),
    *mutual_claims.DOCUMENTS.urls("mutual/claims/"),
    path("report/", views_report.year_end_report, name="year_end_report"),
]
