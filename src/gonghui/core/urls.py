from django.urls import path

from gonghui.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home")]
