from django.urls import path

from gonghui.contracts import views, views_work
from gonghui.contracts.importer import IMPORTER
from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls

app_name = "contracts"
urlpatterns = [
    *record_urls("", "contract", views, steps=("file", "terminate", "resign", "adopt")),
    path("<int:pk>/objection/", views.contract_object, name="contract_object"),
    path("<int:pk>/clauses/new/", views_work.clause_create, name="clause_create"),
    path("clauses/<int:pk>/edit/", views_work.clause_edit, name="clause_edit"),
    path("<int:pk>/checks/new/", views_work.check_create, name="check_create"),
    *import_urls(IMPORTER),
    *record_urls("wage/", "bargaining", views_work),
]
