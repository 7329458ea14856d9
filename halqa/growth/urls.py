from django.urls import path

from halqa.growth import partner_views, views

app_name = "growth"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/new/", views.goal_form, name="goal_new"),
    path("goals/<int:goal_id>/", views.goal_detail, name="goal"),
    path("goals/<int:goal_id>/edit/", views.goal_form, name="goal_edit"),
    path("goals/<int:goal_id>/check-in/", views.checkin, name="checkin"),
    path("goals/<int:goal_id>/state/", views.goal_state, name="goal_state"),
    path("goals/<int:goal_id>/delete/", views.goal_delete, name="goal_delete"),
    path("goals/<int:goal_id>/share/", views.share_goal, name="goal_share"),
    path("commitments/<int:commitment_id>/withdraw/", views.withdraw_commitment, name="withdraw"),
    path("commitments/<int:commitment_id>/react/", views.react, name="react"),
    path("mood/", views.mood, name="mood"),
    path("mood/<int:entry_id>/delete/", views.mood_delete, name="mood_delete"),
    path("settings/", views.settings, name="settings"),
    path("partners/", partner_views.partner_list, name="partners"),
    path("partners/link/", partner_views.invite_link, name="invite_link"),
    path("partners/join/<str:token>/", partner_views.join, name="join"),
    path("partners/<int:partnership_id>/", partner_views.partner_page, name="partner"),
    path("partners/<int:partnership_id>/share/", partner_views.partner_share, name="partner_share"),
    path(
        "partners/<int:partnership_id>/encourage/",
        partner_views.partner_encourage,
        name="partner_encourage",
    ),
    path(
        "partners/<int:partnership_id>/<str:verb>/",
        partner_views.partner_action,
        name="partner_action",
    ),
]
