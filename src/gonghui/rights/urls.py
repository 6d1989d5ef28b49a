from django.urls import path
from django.views.generic import RedirectView

from gonghui.core.pages import record_urls
from gonghui.rights.views import disputes, hotline, records, worker

app_name = "rights"


def _registry_urls(name: str) -> list:
    return [
        path(f"{name}/", records.RecordListView.as_view(registry=name), name=f"{name}_list"),
        path(f"{name}/new/", records.record_create, {"registry": name}, name=f"{name}_create"),
        path(f"{name}/<int:pk>/", records.record_edit, {"registry": name}, name=f"{name}_edit"),
    ]


urlpatterns = [
    # The app's front page is the 12351 work-order list.
    path("", RedirectView.as_view(pattern_name="rights:order_list"), name="index"),
    path("orders/", hotline.OrderListView.as_view(), name="order_list"),
    path("orders/new/", hotline.order_register, name="order_register"),
    path("orders/<int:pk>/", hotline.order_detail, name="order_detail"),
    path("orders/<int:pk>/<slug:step>/", hotline.order_step, name="order_step"),
    path("my/", worker.my_order_list, name="my_orders"),
    path("my/new/", worker.my_order_submit, name="my_order_submit"),
    path("my/<int:pk>/", worker.my_order_detail, name="my_order_detail"),
    path("my/<int:pk>/rate/", worker.my_order_rate, name="my_order_rate"),
    path("my/hazard/", worker.my_hazard_report, name="my_hazard_report"),
    *record_urls(
        "disputes/",
        "dispute",
        disputes,
        steps=("advance", "close", "extend", "arbitration", "arbitration-extend", "award"),
    ),
    *record_urls("committees/", "committee", disputes),
    *_registry_urls("legal_aid"),
    *_registry_urls("petition"),
    *_registry_urls("inspection"),
    *_registry_urls("ankang"),
    *_registry_urls("hazard"),
]
