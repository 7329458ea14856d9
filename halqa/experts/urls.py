from django.urls import path

from halqa.experts import question_views, views

app_name = "experts"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("profile/", views.profile, name="profile"),
    path("review/", views.review_list, name="review_list"),
    path("review/<int:application_id>/", views.review, name="review"),
    path("office-hours/new/", views.office_hours, name="office_hours"),
    path("questions/", question_views.question_list, name="questions"),
    path("questions/ask/", question_views.ask, name="ask"),
    path("questions/<int:question_id>/", question_views.question, name="question"),
    path("questions/<int:question_id>/reply/", question_views.reply, name="reply"),
    path("questions/<int:question_id>/helpful/", question_views.helpful, name="helpful"),
]
