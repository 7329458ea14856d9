"""Demo journal entries and a safety plan for one member, in Arabic. Idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from halqa.accounts.models import User
from halqa.journal import actions
from halqa.journal.models import Entry, SafetyPlan

MEMBER = "قمر_الليل"

ENTRIES = (
    (
        6,
        "gratitude",
        "صباح هادئ",
        "أنا ممتنة لفنجان القهوة مع أمي هذا الصباح. تحدّثنا قليلًا عن "
        "أيام الجامعة وضحكنا. لم أتوقع أن يخفّ الثقل في صدري بهذه السرعة.",
    ),
    (
        3,
        "worry",
        "",
        "أخاف من مقابلة العمل يوم الخميس. أكتب الخوف هنا لأتركه جانبًا قليلًا: "
        "إن لم تنجح المقابلة فستكون هناك فرص أخرى، وقيمتي لا تتحدد بها.",
    ),
    (
        1,
        "helped",
        "المشي بعد المغرب",
        "ساعدني اليوم المشي بعد المغرب حول الحيّ. عددت أنفاسي "
        "كما تعلّمت في المجموعة، ونمت أبكر من المعتاد.",
    ),
)

PLAN = {
    "warning_signs": ["أتوقف عن الرد على الرسائل", "أسهر حتى الفجر أفكر في الشيء نفسه"],
    "coping": ["التنفس البطيء: شهيق إلى أربعة وزفير إلى ستة", "المشي حول الحيّ", "الكتابة هنا"],
    "distractions": ["المقهى القريب من البيت", "زيارة خالتي"],
    "helpers": ["أختي سلمى", "صديقتي نور"],
    "professionals": ["معالجتي في العيادة (موعد كل أسبوعين)", "رقم الطوارئ في بلدي"],
    "safer": ["أطلب من أختي أن تحتفظ بالأدوية وتعطيني حاجتي كل أسبوع"],
    "reasons": ["أمي", "أن أُكمل دراستي", "قطّتي زيتونة"],
}


def seed(users: dict[str, User], now: datetime) -> None:
    member = users.get(MEMBER)
    if member is None:
        return
    if not Entry.objects.filter(author=member).exists():
        for days, prompt, title, body in ENTRIES:
            entry = actions.create_entry(author=member, title=title, body=body, prompt=prompt)
            Entry.objects.filter(pk=entry.pk).update(created_at=now - timedelta(days=days))
    if not SafetyPlan.objects.filter(owner=member).exists():
        actions.save_safety_plan(owner=member, sections=PLAN)
