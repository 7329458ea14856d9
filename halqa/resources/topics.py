"""Which library topics a piece of text is about: a small bilingual keyword list per topic."""

from __future__ import annotations

import functools

from halqa.resources import text as terms
from halqa.resources.enums import Topic

KEYWORDS: dict[str, str] = {
    Topic.ANXIETY: "anxiety anxious worry worried nervous fear قلق خوف توتر متوتر خائف وسواس",
    Topic.PANIC: "panic attack heart racing breathless هلع ذعر نوبة خفقان اختناق",
    Topic.DEPRESSION: "depression depressed hopeless empty numb sad اكتئاب حزين فراغ يأس محبط",
    Topic.SLEEP: "sleep insomnia awake night tired nightmares نوم أرق سهر كوابيس ليل تعب",
    Topic.GRIEF: "grief loss died death mourning bereaved miss حزن فقدان فقد وفاة موت رحيل عزاء",
    Topic.SELF_HARM: "self-harm cutting hurt myself scars إيذاء جرح أجرح ندوب",
    Topic.CRISIS: "suicide suicidal kill myself انتحار أنتحر أموت",
    Topic.ADDICTION: "addiction drinking alcohol drugs relapse sober إدمان مخدرات كحول "
    "انتكاس تعافي",
    Topic.CAREGIVING: "caregiver carer caring looking after parent mother father رعاية أرعى "
    "أمي أبي مريض",
    Topic.RELATIONSHIPS: "relationship partner friend family marriage divorce علاقة صديق زوج "
    "زوجة أسرة طلاق",
    Topic.STRESS: "stress pressure overwhelmed exams work burnout ضغط إرهاق امتحانات عمل",
    Topic.LONELINESS: "lonely loneliness alone isolated وحدة وحيد عزلة",
    Topic.TRAUMA: "trauma flashback abuse war صدمة حرب إساءة ذكريات",
    Topic.HELP_SEEKING: "therapist therapy doctor psychiatrist counselling معالج علاج طبيب "
    "نفسي استشارة",
}


@functools.cache
def _stems() -> dict[str, frozenset[str]]:
    return {topic: frozenset(terms.stems_of(words)) for topic, words in KEYWORDS.items()}


def topics_in(text: str) -> dict[str, int]:
    """Topic -> how many of its keywords' stems occur in `text` (topics with none left out)."""
    found = terms.stems_of(text)
    counts = {topic: len(found & stems) for topic, stems in _stems().items()}
    return {topic: n for topic, n in counts.items() if n}
