urlpatterns: list = []  # being built
