from django.urls import path

from hrbureau.core.imports import views
from hrbureau.core.imports.jobs_list import IMPORT_JOBS

app_name = "imports"
urlpatterns = [
    path("", IMPORT_JOBS.view, name="list"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/commit/", views.job_commit, name="job_commit"),
    path("jobs/<int:pk>/header/", views.job_header, name="job_header"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("jobs/<int:pk>/errors.xlsx", views.job_errors, name="job_errors"),
    path("<slug:spec_key>/", views.upload, name="upload"),
    path("<slug:spec_key>/template.xlsx", views.template_file, name="template"),
]
