from django.urls import path

from halqa.safety import card_views, contact_views, support_views, views

app_name = "safety"
urlpatterns = [
    path("", views.crisis, name="crisis"),
    path("manage/", views.manage, name="manage"),
    path("manage/<int:helpline_id>/check/", views.mark_checked, name="mark_checked"),
    path("manage/reveals/", views.reveals, name="reveals"),
    path("card/answer/", card_views.card_answer, name="card_answer"),
    path("grounding/", card_views.grounding, name="grounding"),
    path("support/", support_views.support_list, name="support_list"),
    path("support/<int:thread_id>/", support_views.support_thread, name="support_thread"),
    path("cases/<int:case_id>/", support_views.case_page, name="case"),
    path("cases/<int:case_id>/message/", support_views.case_message, name="case_message"),
    path("cases/<int:case_id>/contact/", support_views.reveal_contact, name="reveal_contact"),
    path("contact/", contact_views.contact_settings, name="contact"),
    path("contact/delete/", contact_views.contact_delete, name="contact_delete"),
]
