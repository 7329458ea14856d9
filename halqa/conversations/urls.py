"""Mounted under groups/<slug>/threads/ by halqa.groups.urls: names are groups:conversations:*."""

from django.urls import path

from halqa.conversations import post_views, reader_views, views

app_name = "conversations"
urlpatterns = [
    path("", views.thread_list, name="list"),
    path("new/", views.new_thread, name="new_thread"),
    path("muted-words/", reader_views.muted_words, name="muted_words"),
    path("muted-words/<int:word_id>/remove/", reader_views.unmute, name="unmute"),
    path("muted-words/topics/", reader_views.muted_topics, name="muted_topics"),
    path("<int:thread_id>/", views.thread_page, name="thread"),
    path("<int:thread_id>/unread/", views.go_to_unread, name="unread"),
    path("<int:thread_id>/reply/", post_views.reply, name="reply"),
    path("<int:thread_id>/post/<int:post_id>/", views.go_to_post, name="post"),
    path("<int:thread_id>/post/<int:post_id>/edit/", post_views.edit, name="edit"),
    path("<int:thread_id>/post/<int:post_id>/delete/", post_views.delete, name="delete"),
    path("<int:thread_id>/post/<int:post_id>/react/", post_views.react, name="react"),
]
