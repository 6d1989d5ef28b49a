"""REST API routes of this app: (prefix, viewset, basename) registered by gonghui.api_urls."""

ROUTES: list = []
