from django.urls import path

from hrbureau.core import views
from hrbureau.core.audit_list import AUDIT

app_name = "core"
urlpatterns = [
    path("audit/", AUDIT.view, name="audit_list"),
    path("todo/", views.todo_list, name="todo"),
    path("inbox/", views.inbox, name="inbox"),
    path("supervision/", views.supervision, name="supervision"),
    path("inbox/<int:pk>/open/", views.notice_open, name="notice_open"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<slug:key>/", views.guide_detail, name="guide"),
    path("cases/<str:case_type>/<int:pk>/comments/", views.case_comment, name="case_comment"),
    path("cases/<str:case_type>/<int:pk>/attachments/", views.case_attach, name="case_attach"),
    path("cases/<str:case_type>/<int:pk>/actions/<slug:name>/", views.case_action, name="case_action"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
