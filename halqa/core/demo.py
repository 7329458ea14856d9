"""Demo data: a few warm, safe support groups so a fresh installation looks alive.

Idempotent: members are keyed on pseudonym, groups on slug, threads on (group, title); a second
run creates nothing and changes nothing. The conversations are written for the demo: no crisis
content, and nothing from the classifier data sets.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from halqa.accounts.enums import Language, Role
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.conversations.actions import reply, start_thread
from halqa.conversations.models import Thread
from halqa.groups.actions import add_member, create_group
from halqa.groups.enums import GroupLanguage, GroupRole, JoinPolicy, Topic, Visibility
from halqa.groups.models import Group

DEMO_PASSWORD = "halqa-demo-circle"  # noqa: S105 - printed on purpose; demo installations only

# (pseudonym, site role, interface language)
MEMBERS: list[tuple[str, Role, Language]] = [
    ("Lantern", Role.OPERATOR, Language.ENGLISH),
    ("زيتونة", Role.MODERATOR, Language.ARABIC),
    ("سنديانة", Role.FACILITATOR, Language.ARABIC),
    ("غيمة_بيضاء", Role.MEMBER, Language.ARABIC),
    ("قمر_الليل", Role.MEMBER, Language.ARABIC),
    ("MorningTea", Role.MEMBER, Language.ENGLISH),
    ("BlueHeron", Role.MEMBER, Language.ENGLISH),
    ("Pebble", Role.MEMBER, Language.ENGLISH),
]

# Apps that add their own demo data: `halqa.<app>.demo.seed(users, now)`, idempotent, where
# `users` maps the pseudonyms of MEMBERS to their accounts.
DEMO_EXTENSIONS = ("moderation", "safety", "resources", "experts", "growth", "journal")

RULES_AR = [
    "كن لطيفًا: نحن هنا لنسند بعضنا، لا لنحكم على أحد.",
    "لا نصائح في جرعات الأدوية أو إيقافها: هذا حديث مكانه عند الطبيب.",
    "احترم الخصوصية: لا أسماء حقيقية ولا أرقام هواتف ولا عناوين، لك أو لغيرك.",
    "نتحدث عن المشاعر الصعبة بحرية، لكن لا نذكر تفاصيل طرق إيذاء النفس.",
    "هذه ليست خدمة طوارئ: إن كنت في خطر الآن فاستخدم رابط «في أزمة؟» أعلى الصفحة.",
]
RULES_EN = [
    "Be kind: we are here to support each other, not to judge.",
    "No advice on medication doses or on stopping medication: that belongs with a doctor.",
    "Respect privacy: no real names, phone numbers or addresses, yours or anyone else's.",
    "Hard feelings are welcome here, but we never describe ways of hurting oneself.",
    "This is not an emergency service: if you are in danger now, use the “In crisis?” link.",
]

# Each thread: (title, author, days ago, opening post, [(author, reply), ...]).
GROUPS: list[dict[str, Any]] = [
    {
        "slug": "anxiety-and-stress",
        "name": "القلق والتوتر",
        "description": (
            "مساحة هادئة لمن يعيش مع القلق: قبل الامتحانات، في العمل، أو بلا سبب واضح. "
            "نتبادل ما يساعدنا، ونتذكر معًا أن الموجة مهما علت فإنها تمر."
        ),
        "language": GroupLanguage.ARABIC,
        "topic": Topic.ANXIETY,
        "rules": RULES_AR,
        "members": {"سنديانة": GroupRole.FACILITATOR, "زيتونة": GroupRole.MODERATOR},
        "threads": [
            (
                "امتحاناتي بعد أسبوعين وقلبي لا يهدأ",
                "قمر_الليل",
                12,
                "السلام عليكم. عندي امتحانات نهائية بعد أسبوعين، ومن الآن صرت أصحى الساعة أربعة "
                "الفجر وقلبي يدق بسرعة. أفتح الكتاب وأقرأ نفس الصفحة خمس مرات وما أفهم شي.\n"
                "هل مرّ أحد منكم بهذا؟ كيف تعاملتم معه؟",
                [
                    (
                        "غيمة_بيضاء",
                        "وعليكم السلام. نعم، مررت بنفس الشيء تمامًا في سنة التخرج. أكثر شيء "
                        "ساعدني أني قسّمت المذاكرة لفترات قصيرة: خمس وعشرون دقيقة ثم استراحة، "
                        "بدل ما أجلس ساعات وأنا أحاسب نفسي.",
                    ),
                    (
                        "سنديانة",
                        "شكرًا لأنك كتبتِ عن هذا يا قمر الليل. القلق قبل الامتحانات شائع جدًا، "
                        "ولستِ وحدك فيه. جرّبي حين يتسارع قلبك التنفس البطيء: شهيق لأربع عدّات، "
                        "ثم زفير لست. لا يحل كل شيء، لكنه يعطي الجسم إشارة أنه في أمان.",
                    ),
                    (
                        "قمر_الليل",
                        "جربت التنفس اليوم قبل المذاكرة وفعلًا هديت شوي. والفترات القصيرة أحسن "
                        "بكثير من إني أجبر نفسي. شكرًا لكم.",
                    ),
                    (
                        "زيتونة",
                        "سعيدة إن الفكرة نفعت. ولا تنسي الأكل والنوم، حتى لو حسّيتِ إنهم مضيعة "
                        "وقت أيام الامتحانات. عقلك يحتاجهم أكثر من أي وقت.",
                    ),
                ],
            ),
            (
                "ضيق النفس في المواصلات",
                "غيمة_بيضاء",
                6,
                "صار معي أكثر من مرة إني أكون في الباص وفجأة أحس إن النفس ضاق والدنيا تلف، "
                "فأنزل قبل محطتي وأكمل مشي. الطبيب قال إن الفحوصات سليمة وإن هذا قلق.\n"
                "أحد عنده تجربة مع هذا؟",
                [
                    (
                        "سنديانة",
                        "شعور متعب جدًا، وشكرًا لأنك شاركتِه. جميل أنك راجعتِ الطبيب أولًا. بعض "
                        "الأعضاء هنا يفيدهم أن يسمّوا ما يحدث بصوت منخفض: «هذه موجة قلق، "
                        "وستمر». هل هناك شيء صغير يساعدك وقت الموجة؟",
                    ),
                    (
                        "غيمة_بيضاء",
                        "أحيانًا أمسك قارورة ماء باردة وأركّز على برودتها. غريب، بس يساعد شوي.",
                    ),
                    (
                        "قمر_الليل",
                        "مو غريب أبدًا! أنا أعدّ الأشياء الزرقاء حولي، يشغل عقلي عن الأفكار.",
                    ),
                    (
                        "زيتونة",
                        "أفكار حلوة. وإذا صار القلق يمنعك من أشياء تحبينها، اسألي الطبيب عن "
                        "العلاج المعرفي السلوكي؛ كثيرون استفادوا منه إلى جانب المجموعة.",
                    ),
                ],
            ),
            (
                "انتصار صغير اليوم 🌱",
                "قمر_الليل",
                2,
                "خلّصت أول امتحان! كنت خايفة أنسى كل شي، بس تنفست وبدأت بالأسئلة السهلة. "
                "مو متأكدة من النتيجة، لكني فخورة إني ما هربت.",
                [
                    (
                        "سنديانة",
                        "هذا ليس انتصارًا صغيرًا أبدًا. أن تدخلي وأنتِ خائفة هو الشجاعة بعينها. مبروك!",
                    ),
                    ("غيمة_بيضاء", "فرحت لك من قلبي! بالتوفيق في الباقي."),
                ],
            ),
        ],
    },
    {
        "slug": "grief-and-loss",
        "name": "Grief and Loss",
        "description": (
            "For anyone missing someone: a parent, a partner, a friend. There is no right way "
            "and no deadline for grief. Come as you are, share a memory, or just read."
        ),
        "language": GroupLanguage.ENGLISH,
        "topic": Topic.GRIEF,
        "rules": RULES_EN,
        "members": {"Lantern": GroupRole.FACILITATOR, "زيتونة": GroupRole.MODERATOR},
        "threads": [
            (
                "It's been three months since my dad died",
                "BlueHeron",
                20,
                "My father passed away in the summer after a long illness. Everyone around me "
                "seems to think I should be back to normal by now.\n"
                "Some days I'm fine, and then I hear a song he liked in the supermarket and I "
                "have to leave my trolley and sit in the car. Is this normal?",
                [
                    (
                        "Pebble",
                        "I'm so sorry about your dad. Yes, it's normal. Grief doesn't go in a "
                        "straight line. I lost my mum two years ago and the supermarket moments "
                        "still happen, just less often.",
                    ),
                    (
                        "Lantern",
                        "Thank you for trusting us with this. Three months is very recent, and "
                        "there is no deadline for missing someone. Would you like to tell us a "
                        "little about him?",
                    ),
                    (
                        "BlueHeron",
                        "He fixed everything. Radios, bikes, the neighbours' gate. He whistled "
                        "the whole time. I think that's why the silence in the house is so loud.",
                    ),
                    (
                        "MorningTea",
                        "He sounds like a lovely man. My grandfather was the same, always a "
                        "screwdriver in his pocket. Sending you strength.",
                    ),
                    (
                        "Pebble",
                        "Something that helped me: I kept one of mum's scarves in my bag, a small "
                        "thing to hold on hard days. Maybe one of his tools?",
                    ),
                    (
                        "BlueHeron",
                        "That's a beautiful idea. I'll carry his little screwdriver. Thank you, "
                        "all of you. I didn't expect to feel less alone here.",
                    ),
                ],
            ),
            (
                "Second holidays without my mum",
                "Pebble",
                9,
                "The holidays are coming, the second without my mum. Last year I pretended "
                "everything was fine for my kids. This year I'd like us to remember her "
                "together instead. Has anyone done something like that?",
                [
                    (
                        "MorningTea",
                        "We light a candle and each of us shares one memory of my grandmother "
                        "before dinner. Some laugh, some cry. She becomes part of the day instead "
                        "of a hole in it.",
                    ),
                    (
                        "Lantern",
                        "That's a gentle idea. Some families also cook the person's favourite "
                        "dish. Pebble, what did your mum love to make?",
                    ),
                    (
                        "Pebble",
                        "Her lentil soup! The kids love it. We'll make it together and I'll tell "
                        "them how she taught me. Thank you both.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "caring-for-loved-ones",
        "name": "رعاية من نحب",
        "description": (
            "لمن يعتني بأب أو أم أو قريب مريض: الرعاية حب كبير وتعب كبير معًا. "
            "هنا نفضفض ونتبادل الخبرة ونتذكر أن من يرعى يحتاج رعاية أيضًا."
        ),
        "language": GroupLanguage.ARABIC,
        "topic": Topic.CAREGIVERS,
        "join_policy": JoinPolicy.REQUEST,
        "rules": [*RULES_AR[:3], "ما يُقال في المجموعة يبقى في المجموعة.", RULES_AR[4]],
        "members": {"سنديانة": GroupRole.FACILITATOR, "زيتونة": GroupRole.MODERATOR},
        "threads": [
            (
                "أمي لم تعد تعرفني أحيانًا",
                "غيمة_بيضاء",
                15,
                "والدتي عندها ألزهايمر منذ ثلاث سنوات، وأنا أرعاها في البيت. الأسبوع الماضي "
                "نادتني باسم خالتي وسألتني من أنا. أعرف أنه المرض، لكن الكلمة بقيت في قلبي "
                "طوال اليوم.\nكيف تتعاملون مع هذه اللحظات؟",
                [
                    (
                        "زيتونة",
                        "أحس بك والله. أبي كان كذلك في آخر سنواته. تعلمت بعد وقت ألا أصحّح له، "
                        "بل أدخل عالمه: إذا ناداني باسم أخيه قلت له: احكِ لي عنه. وكان يبتسم.",
                    ),
                    (
                        "سنديانة",
                        "ما تمرّين به فقدٌ حقيقي حتى وهي معك، وله اسم: الحزن المسبق. من حقك أن "
                        "تحزني. هل عندك وقت لنفسك خلال الأسبوع، ولو ساعة؟",
                    ),
                    ("غيمة_بيضاء", "بصراحة لا. أختي تسكن بعيد وأنا الوحيدة هنا."),
                    (
                        "سنديانة",
                        "هذا حمل كبير على شخص واحد. ربما تبدئين بشيء صغير: مكالمة فيديو يومية "
                        "بين أختك والوالدة في ساعة ثابتة، تكون تلك الساعة لكِ. الرعاية طريق "
                        "طويل، وأنتِ تحتاجين أن تبقي بخير.",
                    ),
                    ("غيمة_بيضاء", "فكرة ممكنة فعلًا. سأكلمها الليلة. شكرًا لأنكم سمعتوني."),
                ],
            ),
            (
                "الشعور بالذنب حين أتعب",
                "زيتونة",
                5,
                "أعتني بعمّي المريض منذ سنة. أحيانًا أتضايق وأفقد صبري معه، ثم أقضي الليل "
                "أشعر بالذنب. هل يحصل هذا معكم؟",
                [
                    (
                        "غيمة_بيضاء",
                        "كل يوم تقريبًا. صرت أقول لنفسي: التعب لا يعني أني لا أحبها، يعني أني "
                        "إنسانة.",
                    ),
                    (
                        "سنديانة",
                        "كلام غيمة في مكانه. الضيق علامة على الإرهاق لا على قلة المحبة. ما الذي "
                        "يعيد إليكِ شيئًا من طاقتك عادة؟",
                    ),
                    ("زيتونة", "المشي قرب البحر. من زمان ما رحت، يمكن هذا الأسبوع."),
                ],
            ),
        ],
    },
    {
        "slug": "sleep-and-stress",
        "name": "Sleep and Stress · النوم والضغط",
        "description": (
            "Bad nights, racing thoughts, early alarms. We share routines that help, in English "
            "or Arabic.\nليالٍ بلا نوم وأفكار لا تهدأ: نتبادل هنا ما يساعدنا، بالعربية أو "
            "الإنجليزية."
        ),
        "language": GroupLanguage.BOTH,
        "topic": Topic.GENERAL,
        "rules": [RULES_EN[0], RULES_AR[0], RULES_EN[2], RULES_AR[2], RULES_EN[4]],
        "members": {"Lantern": GroupRole.FACILITATOR, "سنديانة": GroupRole.FACILITATOR},
        "threads": [
            (
                "Awake at 3am every night",
                "MorningTea",
                18,
                "Since I started my new job I wake up around 3am and my mind starts making lists. "
                "By the time I fall asleep again it's almost time for the alarm. Any tips that "
                "actually worked for you?",
                [
                    (
                        "BlueHeron",
                        "A notebook by the bed. When the lists start I write them down and tell "
                        "myself they're safe on paper until morning. Sounds silly, but it works.",
                    ),
                    (
                        "Lantern",
                        "Things people here found helpful: getting up at the same time every day, "
                        "even at weekends; no screens in the last hour; and if you're awake for "
                        "more than twenty minutes or so, get up and do something calm in dim "
                        "light until you feel sleepy. If it goes on for weeks, a doctor can help "
                        "too.",
                    ),
                    (
                        "MorningTea",
                        "Tried the notebook for two nights. I still woke up, but fell back asleep "
                        "faster. Small progress!",
                    ),
                    ("Pebble", "Small progress is real progress. 🌙"),
                ],
            ),
            (
                "السهر على الجوال",
                "قمر_الليل",
                8,
                "عندي عادة سيئة: أقول خمس دقائق بس على الجوال قبل النوم، وألقى نفسي الساعة "
                "ثنتين. وبعدها أقوم تعبانة ومتوترة طول اليوم. أحد نجح يغيّر هالعادة؟",
                [
                    (
                        "سنديانة",
                        "نجحت بعد عدة محاولات 🙂 صرت أشحن الجوال خارج غرفة النوم واشتريت منبّهًا "
                        "صغيرًا. أول أسبوع كان صعبًا، وبعدها صار عاديًا.",
                    ),
                    (
                        "غيمة_بيضاء",
                        "أنا أحط كتاب ورقي جنب السرير بدل الجوال. غالبًا أنام بعد صفحتين.",
                    ),
                    ("قمر_الليل", "حلو! عندي رواية من زمان ما خلّصتها. بجرّب الليلة."),
                ],
            ),
            (
                "A calm evening routine that helps me",
                "Pebble",
                3,
                "Sharing what finally helped me after months of bad sleep: a warm shower, ten "
                "minutes of stretching, and writing down three small good things from the day. "
                "Not magic, but my evenings feel softer. What's in your routine?",
                [
                    (
                        "MorningTea",
                        "Three good things is lovely. Today: a kind colleague, sunshine at "
                        "lunch, and this group.",
                    ),
                    ("BlueHeron", "Mine is a cup of chamomile and a short walk after dinner."),
                ],
            ),
        ],
    },
    {
        "slug": "depression-step-by-step",
        "name": "الاكتئاب: خطوة بخطوة",
        "description": (
            "حين يثقل كل شيء، نبدأ بخطوة صغيرة واحدة. مجموعة لمن يعيش مع الاكتئاب أو يخرج "
            "منه: نحتفل بالإنجازات الصغيرة، ونتذكر أن طلب المساعدة قوة."
        ),
        "language": GroupLanguage.ARABIC,
        "topic": Topic.DEPRESSION,
        "rules": RULES_AR,
        "members": {"سنديانة": GroupRole.FACILITATOR, "زيتونة": GroupRole.MODERATOR},
        "threads": [
            (
                "كيف أبدأ يومي حين لا أجد طاقة؟",
                "قمر_الليل",
                14,
                "في الفترة الأخيرة صار النهوض من السرير أصعب شي في يومي. مو حزن بالضبط، أكثر "
                "كأني فاضية من جوّا. عندكم خطوات صغيرة تساعدكم تبدؤون اليوم؟",
                [
                    (
                        "سنديانة",
                        "شكرًا على صدقك، ووصف «فاضية من جوّا» يعرفه كثيرون هنا. نؤمن في هذه "
                        "المجموعة بالخطوات الصغيرة جدًا: أن تجلسي على طرف السرير، ثم تشربي كوب "
                        "ماء، ثم تفتحي النافذة. كل خطوة تُحسب.",
                    ),
                    (
                        "زيتونة",
                        "أنا أترك الستارة مفتوحة من الليل عشان ضوء الصبح يصحّيني بلطف. وإذا "
                        "استمر هذا الشعور أسابيع، فالحديث مع طبيب أو أخصائي نفسي خطوة شجاعة.",
                    ),
                    (
                        "قمر_الليل",
                        "اليوم فتحت النافذة وشربت الماء. يمكن شي بسيط، بس حسيت إني عملت شي.",
                    ),
                    ("غيمة_بيضاء", "مو بسيط أبدًا. أنتِ بدأتِ، وهذا هو الأهم 🌿"),
                ],
            ),
            (
                "ما أنجزناه هذا الأسبوع، مهما كان صغيرًا",
                "سنديانة",
                4,
                "فكرة للأسبوع: بدل قائمة المهام التي تثقلنا، لنكتب هنا ما أنجزناه فعلًا، مهما "
                "كان صغيرًا. أبدأ أنا: غسلت الصحون، واتصلت بصديقة قديمة.",
                [
                    ("غيمة_بيضاء", "استحممت، وطلعت أشتري الخبز بنفسي."),
                    ("قمر_الليل", "رتبت مكتبي وذاكرت ساعة كاملة."),
                    ("زيتونة", "مشيت ربع ساعة، ورجعت أسقي النباتات اللي كنت مهملتها."),
                    (
                        "سنديانة",
                        "ما أجمل هذه القائمة! كل واحد منكم فعل شيئًا لأجل نفسه هذا الأسبوع. "
                        "فخورة بكم.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "recovery-circle",
        "name": "Recovery Circle",
        "description": (
            "A private circle for people in recovery from alcohol or other addictions. "
            "Counting days, naming triggers, celebrating milestones, one day at a time."
        ),
        "language": GroupLanguage.ENGLISH,
        "topic": Topic.ADDICTION_RECOVERY,
        "visibility": Visibility.PRIVATE,
        "join_policy": JoinPolicy.REQUEST,
        "rules": [*RULES_EN[:3], "What is shared in the circle stays in the circle.", RULES_EN[4]],
        "members": {"Lantern": GroupRole.FACILITATOR},
        "threads": [
            (
                "90 days today",
                "MorningTea",
                10,
                "Today is 90 days without a drink. I never thought I'd write that sentence. "
                "Thank you to everyone here who listened on the hard evenings.",
                [
                    (
                        "Lantern",
                        "Ninety days! That's huge, and it's yours. How are you marking it?",
                    ),
                    (
                        "MorningTea",
                        "Dinner with my sister. She's the one who drove me to my first meeting.",
                    ),
                    ("BlueHeron", "Congratulations. Reading this gives me hope for my own count."),
                ],
            ),
            (
                "Saying no at family gatherings",
                "BlueHeron",
                6,
                "There's a big family wedding next month and I'm nervous about being offered "
                "drinks all night. How do you handle it without explaining everything?",
                [
                    (
                        "MorningTea",
                        "I keep a glass in my hand all evening, usually sparkling water with "
                        "lime. People rarely offer when your hands are full.",
                    ),
                    (
                        "Lantern",
                        "It also helps to have a short, friendly line ready, like \"I'm fine with "
                        "this, thanks\", and someone you can message if it gets hard. You don't "
                        "owe anyone an explanation.",
                    ),
                    ("BlueHeron", "A ready line and someone to message. I can do that. Thank you."),
                ],
            ),
        ],
    },
]

STAFF_NOTE = (
    "Moderator and operator accounts must set up two-factor authentication "
    "before they can open staff pages."
)


@dataclass(frozen=True)
class DemoLogin:
    pseudonym: str
    role: str


@dataclass(frozen=True)
class DemoSummary:
    password: str
    logins: tuple[DemoLogin, ...]
    groups: int
    threads: int

    def describe(self) -> str:
        """What `halqa demo` and `manage.py seed_demo` print."""
        width = max(len(login.pseudonym) for login in self.logins)
        rows = [f"  {login.pseudonym.ljust(width)}  {login.role}" for login in self.logins]
        return "\n".join(
            [
                f"Demo data: {self.groups} groups, {self.threads} threads.",
                "Demo logins (pseudonym, role):",
                *rows,
                f"Password for every demo login: {self.password}",
                STAFF_NOTE,
            ]
        )


@transaction.atomic
def seed_demo() -> DemoSummary:
    """Create the demo members, groups and conversations that are missing; return the logins."""
    now = timezone.now()
    users = {name: _member(name, role, language) for name, role, language in MEMBERS}
    for spec in GROUPS:
        group = _group(spec, users["Lantern"])
        _memberships(group, spec, users)
        for number, thread in enumerate(spec["threads"]):
            _thread(group, thread, users, now - timedelta(days=thread[2], hours=number * 3))
    _live_sessions(users, now)
    for app in DEMO_EXTENSIONS:
        if importlib.util.find_spec(f"halqa.{app}.demo") is not None:
            importlib.import_module(f"halqa.{app}.demo").seed(users, now)
    return DemoSummary(
        password=DEMO_PASSWORD,
        logins=tuple(DemoLogin(name, role.value) for name, role, _ in MEMBERS),
        groups=Group.objects.filter(slug__in=[spec["slug"] for spec in GROUPS]).count(),
        threads=Thread.objects.filter(group__slug__in=[spec["slug"] for spec in GROUPS]).count(),
    )


def _member(pseudonym: str, role: Role, language: Language) -> User:
    existing = User.objects.filter(pseudonym_key=pseudonym_key(pseudonym)).first()
    if existing is not None:
        return existing
    return User.objects.create_user(
        pseudonym=pseudonym, password=DEMO_PASSWORD, role=role, language=language
    )


def _group(spec: dict[str, Any], operator: User) -> Group:
    existing = Group.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    fields = {key: value for key, value in spec.items() if key not in ("members", "threads")}
    return create_group(**fields, created_by=operator)


def _memberships(group: Group, spec: dict[str, Any], users: dict[str, User]) -> None:
    """Group staff from the spec, then everyone who writes in the group as a member."""
    for name, role in spec["members"].items():
        add_member(user=users[name], group=group, role=role)
    writers = {thread[1] for thread in spec["threads"]}
    writers |= {author for thread in spec["threads"] for author, _ in thread[4]}
    for name in sorted(writers - set(spec["members"])):
        add_member(user=users[name], group=group)


def _thread(group: Group, thread: tuple[Any, ...], users: dict[str, User], at: datetime) -> None:
    title, author, _, body, replies = thread
    if Thread.objects.filter(group=group, title=title).exists():
        return
    started = start_thread(author=users[author], group=group, title=title, body=body, at=at)
    for number, (name, text) in enumerate(replies, start=1):
        # Replies come in over a day or two, as they do in a real group.
        later = at + timedelta(hours=number * (number + 5))
        reply(author=users[name], thread=started, body=text, at=later)


# (group slug, title, starts in hours from seeding, open now, live messages by pseudonym)
LIVE_SESSIONS: list[tuple[str, str, float, bool, list[tuple[str, str]]]] = [
    (
        "anxiety-and-stress",
        "جلسة مسائية: تمارين تنفس معًا",
        -0.25,
        True,
        [
            ("سنديانة", "أهلًا بكم جميعًا 🌿 سنبدأ بتمرين تنفس بسيط: شهيق لأربع ثوانٍ، ثم زفير لست."),
            ("غيمة_بيضاء", "مساء الخير، جربته الآن وحسيت كتافي ارتخت شوي."),
            ("قمر_الليل", "أول مرة أحضر جلسة مباشرة، شكرًا على الترحيب."),
        ],
    ),
    ("sleep-and-stress", "Sunday wind-down circle", 26.0, False, []),
]


def _live_sessions(users: dict[str, User], now: datetime) -> None:
    from halqa.live.models import LiveMessage, LiveSession

    for slug, title, hours, is_open, messages in LIVE_SESSIONS:
        group = Group.objects.get(slug=slug)
        if LiveSession.objects.filter(group=group, title=title).exists():
            continue
        starts = now + timedelta(hours=hours)
        session = LiveSession.objects.create(
            group=group,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            facilitator=users["سنديانة"],
            created_by=users["سنديانة"],
            is_open=is_open,
            last_seq=len(messages),
        )
        for seq, (author, body) in enumerate(messages, start=1):
            LiveMessage.objects.create(
                session=session, seq=seq, author=users[author], body=body, created_at=now
            )
