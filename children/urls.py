from django.urls import include, path

app_name = "children"
urlpatterns = [
    # registry pages: list, profile, forms (children/urls_registry.py)
    path("", include("children.urls_registry")),
    # import, export and the officers' lists (children/urls_io.py)
    path("", include("children.urls_io")),
    # protection cases (children/cases/urls.py, namespace "cases")
    path("cases/", include("children.cases.urls")),
]
