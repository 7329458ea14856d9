"""Demo data for experts: one verified (clearly fictional) expert, a pending application, two
questions with expert answers (one private, one marked helpful), and office hours.

The demo expert has no two-factor device: the first expert page asks them to set one up with
a QR code (docs/experts.md), so no secret is ever printed or stored in the demo.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from halqa.accounts.enums import Language, Role
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.experts import actions
from halqa.experts.models import Application, Expert, OfficeHours, Question
from halqa.groups.actions import add_member
from halqa.groups.models import Group
from halqa.groups.queries import is_member

EXPERT = "د.سلمى"
OFFICE_GROUP = "anxiety-and-stress"


QUESTIONS = [
    (
        "غيمة_بيضاء",
        "أستيقظ في الثالثة فجرًا كل ليلة ولا أستطيع العودة إلى النوم",
        "منذ شهرين أستيقظ في منتصف الليل وتبدأ الأفكار بالدوران. أحاول البقاء في السرير لكن "
        "الأمر يزداد سوءًا. ماذا يمكنني أن أجرّب؟",
        "sleep",
        False,
        "هذا شائع جدًا في فترات الضغط، ولستِ وحدك فيه. جرّبي ثلاثة أشياء لأسبوعين: موعد استيقاظ "
        "ثابت كل يوم حتى في العطلة، وإن بقيتِ مستيقظة أكثر من عشرين دقيقة فاخرجي من السرير إلى "
        "ضوء خافت ونشاط هادئ ثم عودي حين تشعرين بالنعاس، ودوّني الأفكار المقلقة على ورقة قبل "
        "النوم بساعة. إن استمر الأرق أكثر من ثلاثة أشهر أو أثّر على يومك كثيرًا، فاستشارة مختص "
        "في العلاج المعرفي السلوكي للأرق تساعد كثيرًا.",
    ),
    (
        "قمر_الليل",
        "نوبات هلع في العمل: هل هذا خطير؟",
        "يتسارع قلبي فجأة في الاجتماعات وأشعر أنني سأفقد السيطرة. أخاف أن يلاحظ أحد.",
        "panic",
        True,
        "ما تصفينه يشبه نوبات الهلع، وهي مخيفة جدًا لكنها ليست خطيرة بحد ذاتها وتهدأ عادة خلال "
        "دقائق. عند بدايتها جرّبي التنفس البطيء: شهيق لأربع عدّات وزفير لست. ومن المهم أن "
        "يفحصك طبيب مرة للاطمئنان على القلب. وإن تكررت النوبات فالعلاج المعرفي السلوكي فعّال جدًا.",
    ),
]


def seed(users: dict[str, User], now: datetime) -> None:
    expert = _expert(users["Lantern"])
    _pending(users["MorningTea"])
    for asker, title, body, topic, private, answer in QUESTIONS:
        _question(users[asker], expert, title, body, topic, private, answer)
    _office_hours(expert, now)


def _expert(operator: User) -> Expert:
    user = User.objects.filter(pseudonym_key=pseudonym_key(EXPERT)).first()
    if user is None:
        from halqa.core.demo import DEMO_PASSWORD

        user = User.objects.create_user(
            pseudonym=EXPERT, password=DEMO_PASSWORD, role=Role.MEMBER, language=Language.ARABIC
        )
    existing = Expert.objects.filter(user=user).first()
    if existing is not None:
        return existing
    application = actions.apply(
        user=user,
        profession="أخصائية نفسية إكلينيكية (شخصية تجريبية)",
        specialties=["anxiety", "sleep", "panic", "depression"],
        languages=["ar", "en"],
        display_name="د. سلمى — حساب تجريبي",
        licence_number="DEMO-0000",
        licence_body="Demo licensing board (fictional)",
    )
    return actions.approve(operator=operator, application=application)


def _pending(member: User) -> None:
    if Application.objects.filter(applicant=member).exists():
        return
    actions.apply(
        user=member,
        profession="School counsellor (demo)",
        specialties=["anxiety", "relationships"],
        languages=["en"],
        licence_number="DEMO-1234",
        licence_body="Demo counselling council (fictional)",
    )


def _question(
    asker: User, expert: Expert, title: str, body: str, topic: str, private: bool, answer: str
) -> None:
    if Question.objects.filter(asker=asker, title=title).exists():
        return
    question = actions.ask(asker=asker, title=title, body=body, topic=topic, private=private)
    given = actions.reply(author=expert.user, question=question, body=answer, expert=expert)
    if not private:
        actions.mark_helpful(user=asker, question=question, answer=given)


def _office_hours(expert: Expert, now: datetime) -> None:
    if OfficeHours.objects.filter(expert=expert).exists():
        return
    group = Group.objects.get(slug=OFFICE_GROUP)
    if not is_member(expert.user, group):
        add_member(user=expert.user, group=group)
    starts = now + timedelta(days=3, hours=2)
    actions.schedule_office_hours(
        expert=expert,
        group=group,
        title="ساعات مكتبية: أسئلتكم عن القلق والنوم",
        starts_at=starts.replace(minute=0, second=0, microsecond=0),
        ends_at=starts.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1),
    )
