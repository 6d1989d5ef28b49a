from django.urls import path

from gonghui.contracts import views, views_work
from gonghui.contracts.importer import IMPORTER
from gonghui.core.imports.views import template_view, upload_view

app_name = "contracts"
urlpatterns = [
    path("", views.ContractListView.as_view(), name="contract_list"),
    path("new/", views.contract_create, name="contract_create"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/file/", views.contract_file, name="contract_file"),
    path("<int:pk>/objection/", views.contract_object, name="contract_object"),
    path("<int:pk>/terminate/", views.contract_terminate, name="contract_terminate"),
    path("<int:pk>/clauses/new/", views_work.clause_create, name="clause_create"),
    path("clauses/<int:pk>/edit/", views_work.clause_edit, name="clause_edit"),
    path("<int:pk>/checks/new/", views_work.check_create, name="check_create"),
    path("import/", upload_view(IMPORTER), name="import"),
    path("import/template/", template_view(IMPORTER), name="import_template"),
    path("wage/", views_work.BargainingListView.as_view(), name="bargaining_list"),
    path("wage/new/", views_work.bargaining_create, name="bargaining_create"),
    path("wage/<int:pk>/", views_work.bargaining_detail, name="bargaining_detail"),
    path("wage/<int:pk>/edit/", views_work.bargaining_edit, name="bargaining_edit"),
]
