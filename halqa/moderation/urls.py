from django.urls import URLPattern, path

from halqa.moderation import views

app_name = "moderation"

urlpatterns: list[URLPattern] = [
    path("", views.queue_page, name="queue"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/claim/", views.claim, name="claim"),
    path("cases/<int:case_id>/act/<slug:action>/", views.act, name="act"),
    path("duty/", views.duty, name="duty"),
    path("debrief/", views.debrief, name="debrief"),
    path("audit/", views.audit_log, name="audit"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("flag/", views.flag_page, name="flag"),
    path("reports/<int:flag_id>/", views.report_page, name="report"),
    path("notices/<int:entry_id>/", views.notice_page, name="notice"),
]
