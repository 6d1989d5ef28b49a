app_name = "orgs"
urlpatterns: list = []
