"""`{{ message.body|live_markdown }}`: the same sanitised HTML as the WebSocket's body_html."""

from django import template
from django.utils.safestring import SafeString

from halqa.conversations.markdown import render

register = template.Library()


@register.filter
def live_markdown(text: str) -> SafeString:
    return render(text)
