from django.urls import path

from halqa.accounts import session_views, settings_views, staff_views, views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/suggestions/", views.suggestions, name="suggestions"),
    path("signup/pseudonym/", views.pseudonym_field, name="pseudonym_field"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("recover/", views.recover, name="recover"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("settings/", settings_views.settings_page, name="settings"),
    path("settings/password/", settings_views.password, name="password"),
    path("settings/recovery-codes/", settings_views.new_codes, name="new_codes"),
    path("settings/break/", settings_views.take_break, name="take_break"),
    path("settings/export/", settings_views.export, name="export"),
    path("settings/delete/", settings_views.delete, name="delete"),
    path("settings/sessions/", session_views.sessions, name="sessions"),
    path("settings/sessions/end-others/", session_views.end_others, name="end_other_sessions"),
    path("settings/sessions/<str:public_id>/end/", session_views.end, name="end_session"),
    path("settings/apps/<int:token_id>/revoke/", session_views.revoke_app, name="revoke_app"),
    path("two-factor/setup/", staff_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", staff_views.two_factor, name="two_factor"),
    path("staff/", staff_views.staff_home, name="staff_home"),
]
