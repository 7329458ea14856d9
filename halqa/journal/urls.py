from django.urls import path

from halqa.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_new, name="new"),
    path("<int:entry_id>/", views.entry_detail, name="detail"),
    path("<int:entry_id>/edit/", views.entry_edit, name="edit"),
    path("<int:entry_id>/delete/", views.entry_delete, name="delete"),
    path("safety-plan/", views.safety_plan, name="safety_plan"),
    path("safety-plan/print/", views.safety_plan_print, name="safety_plan_print"),
    path("safety-plan/sharing/", views.safety_plan_sharing, name="safety_plan_sharing"),
    path("safety-plan/<slug:section>/", views.safety_plan_section, name="safety_plan_section"),
    path("safety-plan/shared/<int:user_id>/", views.shared_safety_plan, name="shared_safety_plan"),
]
