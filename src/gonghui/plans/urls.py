"""Plans URLs; each views module owns its own urlpatterns list."""

from gonghui.plans.views import assessment, cascade, plans

app_name = "plans"
urlpatterns = [*plans.urlpatterns, *cascade.urlpatterns, *assessment.urlpatterns]
