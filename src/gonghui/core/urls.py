from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from gonghui.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page declares.
    path("favicon.ico", RedirectView.as_view(url=static("gonghui/favicon.svg"), permanent=True)),
]
