# ruff: noqa: E501 - Markdown paragraphs stay one line each, as authors write them
"""The demo library: short, accurate resources in Arabic and English, written for Halqa.

Each item names the public guidance it was checked against (`source`); docs/resources.md lists
them. Pairs share a `key` and link to each other as translations. Nothing here is marked as
reviewed by an expert: no expert has reviewed it.
"""

from __future__ import annotations

from typing import Any

WHO_STRESS = "WHO, Doing What Matters in Times of Stress: An Illustrated Guide (2020)"
WHO_MHGAP = "WHO, mhGAP Intervention Guide 2.0 (2016)"
NHS_EMM = "NHS, Every Mind Matters"
NHS_BREATH = "NHS, Breathing exercises for stress"
NHS_SLEEP = "NHS Every Mind Matters, Sleep problems; NHS, Insomnia"
NHS_PANIC = "NHS, Panic disorder; NIMH, Panic Disorder: When Fear Overwhelms"
NHS_GRIEF = "NHS, Grief after bereavement or loss"
NHS_CARERS = "NHS, Looking after yourself as a carer (Social care and support guide)"
SAMARITANS = "Samaritans, How to support someone you're worried about; Samaritans media guidelines"
NIMH_HELP = "NIMH, Tips for Talking With a Health Care Provider About Your Mental Health"
NHS_CBT = "NHS Every Mind Matters, Self-help CBT techniques; WHO mhGAP (behavioural activation)"

ITEMS: list[dict[str, Any]] = [
    {
        "key": "breathing",
        "kind": "exercise",
        "topics": ["anxiety", "panic", "stress"],
        "minutes": 3,
        "source": f"{NHS_BREATH}; {WHO_STRESS}",
        "en": {
            "title": "Calm breathing: breathe out longer than you breathe in",
            "summary": "A three-minute breathing exercise for moments of anxiety, stress or "
            "panic. Slow breathing with a long out-breath helps the body settle.",
            "steps": [
                "Sit or stand where you can be steady. Put your feet flat on the floor, roughly "
                "hip-width apart. If it feels right, close your eyes or look softly at the floor.",
                "Breathe in gently through your nose, counting slowly to four. Let the breath "
                "go deep into your belly without forcing it.",
                "Breathe out through your mouth, counting slowly to six, as if you were blowing "
                "gently on a candle without putting it out.",
                "Keep this rhythm: in for four, out for six. If counting to six is hard, breathe "
                "out to four or five; what matters is that the out-breath is the longer one.",
                "Carry on for three to five minutes. If your mind wanders, that is normal: "
                "notice it and bring your attention back to counting.",
                "Let your breathing return to its own pace. Notice your feet on the floor and "
                "how your body feels now.",
            ],
            "body": "If you feel light-headed, breathe normally for a moment and slow down. "
            "Practising when you are calm makes it easier to use when you are not.",
        },
        "ar": {
            "title": "التنفّس الهادئ: زفير أطول من الشهيق",
            "summary": "تمرين تنفّس مدّته ثلاث دقائق للحظات القلق أو التوتر أو الهلع. "
            "التنفّس البطيء مع زفير طويل يساعد الجسم على الهدوء.",
            "steps": [
                "اجلس أو قف في وضع ثابت، وقدماك مسطّحتان على الأرض بعرض الوركين تقريبًا. "
                "إن ارتحت لذلك، أغمض عينيك أو انظر بهدوء إلى الأرض.",
                "خذ شهيقًا لطيفًا من أنفك وأنت تعدّ ببطء إلى أربعة. دع النفَس ينزل إلى بطنك "
                "من غير أن تُجهد نفسك.",
                "أخرج الزفير من فمك وأنت تعدّ ببطء إلى ستة، كأنك تنفخ برفق على شمعة "
                "من غير أن تطفئها.",
                "حافظ على هذا الإيقاع: شهيق إلى أربعة وزفير إلى ستة. إن صعب عليك العدّ إلى "
                "ستة فاكتفِ بأربعة أو خمسة؛ المهم أن يكون الزفير أطول من الشهيق.",
                "استمر ثلاث إلى خمس دقائق. إن شرد ذهنك فهذا طبيعي: لاحظ ذلك وأعد انتباهك إلى العدّ.",
                "دع تنفّسك يعود إلى إيقاعه المعتاد. لاحظ قدميك على الأرض وكيف يشعر جسمك الآن.",
            ],
            "body": "إن شعرت بدوار فتنفّس بشكل عادي لحظات ثم أبطئ. التمرّن في أوقات الهدوء "
            "يجعل التمرين أسهل حين تحتاج إليه.",
        },
    },
    {
        "key": "grounding",
        "kind": "exercise",
        "topics": ["anxiety", "panic", "trauma"],
        "minutes": 5,
        "source": f"{WHO_STRESS} (grounding); {NHS_EMM}",
        "en": {
            "title": "Grounding with your senses: 5-4-3-2-1",
            "summary": "When worry, panic or a painful memory pulls you away, this exercise "
            "brings you back to the present moment through what you can see, touch and hear.",
            "steps": [
                "Pause and notice where you are. You do not need to change how you feel; just "
                "let yourself arrive here, in this moment.",
                "Look around and name five things you can see. Say them quietly or in your "
                "head: a colour, a shape, a light, an object.",
                "Notice four things you can touch or feel: your feet in your shoes, the chair "
                "under you, the air on your skin, the fabric of your clothes.",
                "Listen for three things you can hear, near or far: traffic, a fan, your own "
                "breathing.",
                "Notice two things you can smell. If nothing comes, think of two smells you like.",
                "Notice one thing you can taste, or take a sip of water and notice its taste.",
                "Take one slow breath. Notice that you are here, now, and that you got through "
                "the last few minutes.",
            ],
            "body": "Grounding does not make difficult feelings disappear; it helps you stay "
            "steady while they pass. You can repeat it as often as you need.",
        },
        "ar": {
            "title": "التأريض بالحواس: ٥-٤-٣-٢-١",
            "summary": "حين يشدّك القلق أو الهلع أو ذكرى مؤلمة بعيدًا، يعيدك هذا التمرين إلى "
            "اللحظة الحاضرة عبر ما تراه وتلمسه وتسمعه.",
            "steps": [
                "توقّف ولاحظ أين أنت. لا تحتاج إلى تغيير ما تشعر به؛ فقط اسمح لنفسك بأن تكون "
                "هنا، في هذه اللحظة.",
                "انظر حولك وسمِّ خمسة أشياء تراها، بصوت خافت أو في ذهنك: لونًا، شكلًا، ضوءًا، أو غرضًا.",
                "لاحظ أربعة أشياء تلمسها أو تحسّ بها: قدميك في حذائك، الكرسي تحتك، الهواء على "
                "جلدك، قماش ملابسك.",
                "أنصت إلى ثلاثة أصوات تسمعها، قريبة أو بعيدة: سيارات، مروحة، أو صوت أنفاسك.",
                "لاحظ رائحتين تشمّهما. إن لم تجد، تذكّر رائحتين تحبّهما.",
                "لاحظ طعمًا واحدًا في فمك، أو اشرب رشفة ماء ولاحظ طعمها.",
                "خذ نفَسًا بطيئًا واحدًا. لاحظ أنك هنا الآن، وأنك تجاوزت الدقائق الماضية.",
            ],
            "body": "التأريض لا يمحو المشاعر الصعبة، لكنه يساعدك على الثبات ريثما تمرّ. "
            "يمكنك تكراره كلما احتجت إليه.",
        },
    },
    {
        "key": "sleep",
        "kind": "article",
        "topics": ["sleep", "stress"],
        "minutes": 4,
        "source": NHS_SLEEP,
        "en": {
            "title": "Sleep hygiene: habits that help you sleep",
            "summary": "Practical habits for better sleep: a regular wake-up time, a wind-down "
            "routine, and what to do when you cannot fall asleep.",
            "body": """Most people sleep badly from time to time, especially when stressed or worried. A few habits help many people sleep better.

**Keep regular times.** Get up at about the same time every day, even after a bad night and at weekends. A regular wake-up time sets your body clock.

**Wind down.** In the last hour before bed, dim the lights and do something calm: a warm shower, light reading, slow breathing. Put screens away if you can, or turn their brightness down.

**Make the bedroom for sleep.** Dark, quiet, and not too warm. Keep the bed for sleep, so your mind links it with rest.

**Watch caffeine, nicotine and heavy meals.** Avoid coffee, tea, energy drinks and smoking in the afternoon and evening, and large meals late at night.

**If you cannot sleep,** don't lie there for a long time watching the clock. After about 20 minutes, get up, go to another room, do something quiet in dim light, and go back to bed when you feel sleepy.

**Move in the day.** Daylight and regular activity help, but avoid hard exercise just before bed.

If sleep problems last more than a few weeks, or you feel exhausted during the day, talk to a doctor: long-lasting insomnia can be treated, and it is sometimes linked to anxiety or depression.""",
        },
        "ar": {
            "title": "عادات النوم الصحي: ما يساعدك على النوم",
            "summary": "عادات عملية لنوم أفضل: موعد استيقاظ ثابت، روتين للتهدئة قبل النوم، "
            "وما تفعله حين لا يأتيك النوم.",
            "body": """ينام معظم الناس نومًا سيئًا من حين لآخر، خصوصًا في أوقات التوتر والقلق. هذه عادات تساعد كثيرين على نوم أفضل.

**ثبّت مواعيدك.** استيقظ في الوقت نفسه تقريبًا كل يوم، حتى بعد ليلة سيئة وفي أيام العطلة. موعد الاستيقاظ الثابت يضبط ساعة جسمك.

**هدّئ نفسك قبل النوم.** في الساعة الأخيرة قبل النوم خفّف الإضاءة واختر نشاطًا هادئًا: حمّامًا دافئًا، قراءة خفيفة، تنفّسًا بطيئًا. أبعد الشاشات إن استطعت، أو خفّف سطوعها.

**اجعل غرفة النوم للنوم.** مظلمة وهادئة وغير حارّة. خصّص السرير للنوم، فيربطه ذهنك بالراحة.

**انتبه للكافيين والتدخين والوجبات الثقيلة.** تجنّب القهوة والشاي ومشروبات الطاقة والتدخين بعد الظهر وفي المساء، والوجبات الكبيرة في آخر الليل.

**إن لم تستطع النوم** فلا تبقَ في السرير طويلًا تراقب الساعة. بعد نحو عشرين دقيقة قم إلى غرفة أخرى، وافعل شيئًا هادئًا في ضوء خافت، وعُد إلى السرير حين تشعر بالنعاس.

**تحرّك في النهار.** ضوء النهار والنشاط المنتظم يساعدان، لكن تجنّب الرياضة المجهِدة قبيل النوم.

إن استمرت مشكلات النوم أكثر من بضعة أسابيع، أو شعرت بإرهاق شديد في النهار، فتحدّث إلى طبيب: الأرق المزمن قابل للعلاج، وقد يرتبط أحيانًا بالقلق أو الاكتئاب.""",
        },
    },
    {
        "key": "crisis",
        "kind": "article",
        "topics": ["crisis", "self_harm", "help_seeking"],
        "minutes": 3,
        "source": f"{WHO_MHGAP} (self-harm/suicide module); {SAMARITANS}",
        "en": {
            "title": "If you are thinking about suicide: what to do right now",
            "summary": "Steps to keep yourself safe tonight: tell someone, put distance between "
            "you and anything you could use to hurt yourself, and get help.",
            "body": """If you are having thoughts of ending your life, you are not alone, and these feelings can pass. Many people who have felt this way have found a way through, with support.

**If you might act on these thoughts now, call your local emergency number** or go to the nearest emergency department. Halqa's crisis page lists numbers for your country.

**Tell someone.** Call or message a person you trust, or a helpline. You don't have to find the perfect words: "I'm not safe right now and I need help" is enough.

**Make your surroundings safer.** Put distance between yourself and anything you could use to hurt yourself. Ask someone to keep it for you, or go to a place where you feel safer.

**Get through the next few minutes.** Try the calm breathing or grounding exercise in this library. Focus on the next hour, not the whole future.

**Avoid alcohol and drugs** tonight: they make feelings more intense and decisions harder.

**Afterwards, talk to a professional** — a doctor or mental-health service. Thoughts of suicide are treatable, and you deserve support.""",
        },
        "ar": {
            "title": "إن كنت تفكّر في الانتحار: ما تفعله الآن",
            "summary": "خطوات تحفظ سلامتك الليلة: أخبر أحدًا، وأبعد عنك ما قد تؤذي به نفسك، "
            "واطلب المساعدة.",
            "body": """إن كانت تراودك أفكار عن إنهاء حياتك، فأنت لست وحدك، وهذه المشاعر يمكن أن تمرّ. كثيرون شعروا بما تشعر به ووجدوا طريقهم، بمساندة من حولهم.

**إن كنت قد تتصرّف بناءً على هذه الأفكار الآن، فاتصل برقم الطوارئ في بلدك** أو اذهب إلى أقرب قسم طوارئ. في صفحة الأزمات في حلقة أرقام بلدك.

**أخبر أحدًا.** اتصل بشخص تثق به أو راسله، أو اتصل بخط مساعدة. لا تحتاج إلى كلمات مثالية: "لستُ بأمان الآن وأحتاج إلى مساعدة" تكفي.

**اجعل محيطك أكثر أمانًا.** أبعد عنك كل ما قد تؤذي به نفسك. اطلب من أحد أن يحتفظ به، أو انتقل إلى مكان تشعر فيه بأمان أكبر.

**تجاوز الدقائق القادمة.** جرّب تمرين التنفّس الهادئ أو تمرين التأريض في هذه المكتبة. ركّز على الساعة القادمة، لا على المستقبل كله.

**تجنّب الكحول والمخدرات** الليلة: فهي تزيد حدّة المشاعر وتُصعّب القرارات.

**بعد ذلك، تحدّث إلى مختص** — طبيب أو خدمة صحة نفسية. أفكار الانتحار قابلة للعلاج، وأنت تستحق المساندة.""",
        },
    },
    {
        "key": "professional_help",
        "kind": "article",
        "topics": ["help_seeking", "depression", "anxiety"],
        "minutes": 4,
        "source": f"{NIMH_HELP}; {NHS_EMM}; {WHO_MHGAP}",
        "en": {
            "title": "When to seek professional help",
            "summary": "Signs that it is time to talk to a doctor or therapist, and how to "
            "prepare for the first appointment.",
            "body": """Peer support helps many people, and it works best alongside professional care when you need it. Consider talking to a doctor, psychologist or counsellor if:

- low mood, worry or fear has lasted more than two weeks and is not getting better;
- you find it hard to work, study, look after yourself or the people who depend on you;
- your sleep or appetite has changed a lot;
- you use alcohol, drugs or other habits to cope, and it worries you;
- you have thoughts of harming yourself or of ending your life — in that case, **get help today**.

**How to start.** A general practitioner or primary-care doctor is often the first step; they can assess you and refer you on. Some countries also have free helplines and community mental-health services.

**Prepare for the appointment.** Write down what you feel, since when, and what makes it better or worse; any medicines you take; and the questions you want to ask. You can bring someone you trust.

**Be honest, even about the hard parts.** Professionals hear these things every day, and what you say helps them help you. If the first person is not a good fit, it is fine to ask for someone else.""",
        },
        "ar": {
            "title": "متى تطلب مساعدة مختص",
            "summary": "علامات تدلّ على أن الوقت حان للتحدّث إلى طبيب أو معالج نفسي، وكيف "
            "تستعد للموعد الأول.",
            "body": """الدعم بين الأقران يساعد كثيرين، ويكون أنفع حين يرافقه علاج مختص عند الحاجة. فكّر في التحدّث إلى طبيب أو أخصائي نفسي أو مرشد إذا:

- استمر الحزن أو القلق أو الخوف أكثر من أسبوعين ولا يتحسّن؛
- صار صعبًا عليك أن تعمل أو تدرس أو تعتني بنفسك أو بمن يعتمد عليك؛
- تغيّر نومك أو شهيتك كثيرًا؛
- صرت تلجأ إلى الكحول أو المخدرات أو عادات أخرى لتتحمّل، وهذا يقلقك؛
- تراودك أفكار عن إيذاء نفسك أو إنهاء حياتك — وفي هذه الحالة **اطلب المساعدة اليوم**.

**كيف تبدأ.** طبيب الأسرة أو الرعاية الأولية خطوة أولى في الغالب؛ يستطيع أن يقيّم حالتك ويحيلك إلى المختص. في بعض البلدان خطوط مساعدة مجانية وخدمات صحة نفسية مجتمعية.

**استعد للموعد.** اكتب ما تشعر به ومنذ متى، وما يخفّفه وما يزيده، والأدوية التي تتناولها، والأسئلة التي تريد طرحها. يمكنك أن تصطحب شخصًا تثق به.

**كن صريحًا حتى في الأمور الصعبة.** المختصون يسمعون هذه الأمور كل يوم، وما تقوله يساعدهم على مساعدتك. وإن لم يناسبك الشخص الأول فلا بأس أن تطلب غيره.""",
        },
    },
    {
        "key": "support_friend",
        "kind": "article",
        "topics": ["relationships", "crisis", "caregiving"],
        "minutes": 4,
        "source": SAMARITANS,
        "en": {
            "title": "How to support a friend who is struggling",
            "summary": "What to say and what not to say when someone you care about is having a "
            "hard time, and when to get more help.",
            "body": """You don't need to be an expert to help. Often the most useful thing is to listen.

**Find a quiet moment and ask.** "You haven't seemed yourself lately. How are you, really?" Asking twice shows you mean it.

**Listen more than you talk.** Let them finish. Repeat back what you heard: "It sounds like work has been crushing you." You don't have to fix it.

**Avoid quick judgements and advice.** Phrases like "others have it worse" or "just think positive" can make people feel unheard.

**Ask directly about suicide if you are worried.** Asking "Are you thinking about suicide?" does not put the idea in their head; it shows you can hear the answer. If they say yes, stay with them, help them contact a helpline or emergency services, and don't promise to keep it secret.

**Offer practical help.** A meal, a walk, going with them to an appointment.

**Look after yourself too.** Supporting someone is demanding. Talk to someone you trust about how you are feeling.""",
        },
        "ar": {
            "title": "كيف تساند صديقًا يمرّ بوقت صعب",
            "summary": "ما تقوله وما تتجنّبه حين يمرّ شخص تحبّه بوقت عصيب، ومتى تطلب مساعدة إضافية.",
            "body": """لا تحتاج إلى أن تكون خبيرًا لتساعد. في الغالب أنفع ما تقدّمه هو أن تُصغي.

**اختر لحظة هادئة واسأل.** "لاحظت أنك لست على طبيعتك مؤخرًا. كيف حالك فعلًا؟" السؤال مرة ثانية يُظهر أنك تعني ما تقول.

**أصغِ أكثر مما تتكلّم.** دعه يُكمل كلامه. أعِد عليه ما سمعته: "يبدو أن العمل أثقل كاهلك." لست مطالبًا بإيجاد الحل.

**تجنّب الأحكام والنصائح السريعة.** عبارات مثل "غيرك حاله أسوأ" أو "فكّر بإيجابية فقط" قد تُشعره بأنه غير مسموع.

**اسأل مباشرة عن الانتحار إن كنت قلقًا.** سؤال "هل تفكّر في الانتحار؟" لا يزرع الفكرة في ذهنه، بل يُظهر أنك مستعد لسماع الجواب. إن أجاب بنعم فابقَ معه، وساعده على الاتصال بخط مساعدة أو بالطوارئ، ولا تَعِده بكتمان الأمر.

**قدّم مساعدة عملية.** وجبة، أو نزهة، أو مرافقته إلى موعد.

**اعتنِ بنفسك أيضًا.** مساندة الآخرين متعبة. تحدّث إلى شخص تثق به عمّا تشعر به.""",
        },
    },
    {
        "key": "panic",
        "kind": "article",
        "topics": ["panic", "anxiety"],
        "minutes": 4,
        "source": NHS_PANIC,
        "en": {
            "title": "Panic attacks: what they are and how to ride them out",
            "summary": "A panic attack is frightening but not dangerous. What happens in the "
            "body, and what helps during and after an attack.",
            "body": """A panic attack is a sudden rush of intense fear with strong physical symptoms: a racing or pounding heart, breathlessness, chest tightness, shaking, sweating, dizziness or feeling unreal. Many people think they are having a heart attack or going to faint.

**What is happening.** Your body's alarm system has gone off when there is no real danger. Attacks usually peak within about ten minutes and then pass.

**During an attack:**
- Remind yourself: "This is panic. It is frightening, but it will pass."
- Don't fight the feelings or run away from them; let them rise and fall.
- Breathe slowly, with a longer out-breath (see the calm breathing exercise).
- Focus on your senses: feet on the floor, five things you can see.

**Afterwards,** be kind to yourself. Avoiding places where attacks happened can make panic grow; returning step by step helps.

**See a doctor** if attacks keep coming back, or if you are not sure the symptoms are panic — chest pain should be checked. Panic disorder responds well to talking therapy such as CBT.""",
        },
        "ar": {
            "title": "نوبات الهلع: ما هي وكيف تعبرها",
            "summary": "نوبة الهلع مخيفة لكنها ليست خطيرة. ما الذي يحدث في الجسم، وما الذي "
            "يساعد أثناء النوبة وبعدها.",
            "body": """نوبة الهلع موجة مفاجئة من خوف شديد ترافقها أعراض جسدية قوية: تسارع ضربات القلب أو خفقانه، ضيق النفس، ضغط في الصدر، ارتجاف، تعرّق، دوار، أو شعور بأن ما حولك غير حقيقي. كثيرون يظنون أنهم يصابون بنوبة قلبية أو أنهم سيُغمى عليهم.

**ما الذي يحدث.** انطلق جرس الإنذار في جسمك دون خطر حقيقي. تبلغ النوبة ذروتها عادة خلال نحو عشر دقائق ثم تهدأ.

**أثناء النوبة:**
- ذكّر نفسك: "هذا هلع. إنه مخيف لكنه سيمرّ."
- لا تقاوم المشاعر ولا تهرب منها؛ دعها ترتفع ثم تنخفض.
- تنفّس ببطء مع زفير أطول (انظر تمرين التنفّس الهادئ).
- ركّز على حواسك: قدماك على الأرض، خمسة أشياء تراها.

**بعد النوبة** كن لطيفًا مع نفسك. تجنّب الأماكن التي حدثت فيها النوبات قد يزيد الهلع؛ العودة إليها خطوة خطوة تساعد.

**راجع طبيبًا** إن تكررت النوبات، أو إن لم تكن متأكدًا من أن الأعراض هلع — ألم الصدر يستحق الفحص. اضطراب الهلع يستجيب جيدًا للعلاج بالكلام مثل العلاج المعرفي السلوكي.""",
        },
    },
    {
        "key": "grief",
        "kind": "article",
        "topics": ["grief"],
        "minutes": 5,
        "source": NHS_GRIEF,
        "en": {
            "title": "Living with grief after a loss",
            "summary": "Grief has no timetable. What is normal after losing someone, how to "
            "look after yourself, and when grief needs more support.",
            "body": """Grief is the natural response to losing someone or something you love. It can bring sadness, shock, anger, guilt, numbness, exhaustion, and also moments of relief or even laughter. All of these are normal.

**There is no right way or right timetable.** Grief often comes in waves. Anniversaries, holidays and small reminders can bring it back strongly, even years later.

**What can help:**
- Talk about the person you lost, and about how you feel, with people you trust or in a support group.
- Keep some routine: meals, sleep, a short walk.
- Allow yourself to feel, and also to rest from grieving.
- Find your own ways to remember: a photo, a visit, a prayer, writing a letter.
- Put off big decisions, such as moving house, for a while if you can.

**When to get more help.** Speak to a doctor or counsellor if, after some months, you cannot manage daily life, you feel numb or hopeless most of the time, you are using alcohol to cope, or you have thoughts of harming yourself.""",
        },
        "ar": {
            "title": "العيش مع الحزن بعد الفقد",
            "summary": "ليس للحزن جدول زمني. ما هو طبيعي بعد فقدان عزيز، وكيف تعتني بنفسك، "
            "ومتى يحتاج الحزن إلى مساندة أكبر.",
            "body": """الحزن ردّ فعل طبيعي على فقدان شخص أو شيء تحبّه. قد يحمل معه الأسى والصدمة والغضب والشعور بالذنب والخدر والإرهاق، وقد يحمل أيضًا لحظات ارتياح أو حتى ضحك. كل ذلك طبيعي.

**لا توجد طريقة صحيحة ولا مدة محددة.** يأتي الحزن غالبًا على شكل موجات. المناسبات والأعياد والتفاصيل الصغيرة قد تعيده بقوة، حتى بعد سنوات.

**ما قد يساعد:**
- تحدّث عن الشخص الذي فقدته وعمّا تشعر به، مع من تثق بهم أو في مجموعة دعم.
- حافظ على شيء من الروتين: الوجبات، النوم، مشي قصير.
- اسمح لنفسك بأن تشعر، واسمح لها أيضًا بأن تستريح من الحزن.
- جد طرقك الخاصة في التذكّر: صورة، زيارة، دعاء، رسالة تكتبها.
- أجّل القرارات الكبيرة، كتغيير السكن، بعض الوقت إن استطعت.

**متى تطلب مساعدة أكبر.** تحدّث إلى طبيب أو مرشد إن لم تستطع بعد بضعة أشهر تدبير حياتك اليومية، أو شعرت بالخدر أو اليأس معظم الوقت، أو صرت تلجأ إلى الكحول لتتحمّل، أو راودتك أفكار عن إيذاء نفسك.""",
        },
    },
    {
        "key": "carers",
        "kind": "article",
        "topics": ["caregiving", "stress"],
        "minutes": 4,
        "source": f"{NHS_CARERS}; {WHO_STRESS}",
        "en": {
            "title": "Caring for the carer: looking after yourself while you look after someone",
            "summary": "Caring for a sick or older relative is demanding. Signs of carer burnout "
            "and small, realistic ways to protect your own health.",
            "body": """Looking after a parent, partner or child who is ill or disabled can be meaningful, and it can also be exhausting. Many carers put their own needs last until they are worn out.

**Signs you need a break:** constant tiredness, irritability, poor sleep, feeling resentful or guilty, getting ill more often, or losing touch with friends.

**Small steps that help:**
- Accept help when it is offered, and ask for specific help: "Could you sit with Mum on Thursday afternoon?"
- Take short breaks every day, even ten minutes outside or with a cup of tea.
- Keep your own health appointments.
- Share how you feel with someone: a friend, a carers' group, or this community.
- Learn about the illness of the person you care for; knowing what to expect can reduce worry.
- Find out what practical or financial support exists where you live.

**You matter too.** Looking after yourself is not selfish: it is what makes caring possible for longer.""",
        },
        "ar": {
            "title": "رعاية من يرعى: كيف تعتني بنفسك وأنت تعتني بغيرك",
            "summary": "رعاية قريب مريض أو مسنّ أمر مُجهد. علامات الإنهاك لدى مقدّمي الرعاية، "
            "وخطوات صغيرة واقعية لحماية صحتك.",
            "body": """رعاية أحد الوالدين أو الزوج أو الطفل المريض أو ذي الإعاقة قد تكون ذات معنى، وقد تكون منهكة أيضًا. كثير من مقدّمي الرعاية يضعون حاجاتهم في آخر القائمة حتى يُستنزفوا.

**علامات تدلّ على حاجتك إلى استراحة:** تعب دائم، عصبية، نوم سيئ، شعور بالاستياء أو بالذنب، مرض متكرر، أو انقطاع عن الأصدقاء.

**خطوات صغيرة تساعد:**
- اقبل المساعدة حين تُعرض عليك، واطلب مساعدة محددة: "هل تستطيع البقاء مع أمي عصر الخميس؟"
- خذ استراحات قصيرة كل يوم، ولو عشر دقائق في الهواء الطلق أو مع كوب شاي.
- لا تُهمل مواعيدك الصحية.
- شارك ما تشعر به مع أحد: صديق، أو مجموعة لمقدّمي الرعاية، أو هذا المجتمع.
- تعرّف إلى مرض من ترعاه؛ معرفة ما تتوقعه تخفّف القلق.
- ابحث عن الدعم العملي أو المالي المتاح حيث تعيش.

**أنت مهم أيضًا.** العناية بنفسك ليست أنانية: هي ما يجعل الرعاية ممكنة لمدة أطول.""",
        },
    },
    {
        "key": "unhooking",
        "kind": "exercise",
        "topics": ["stress", "anxiety", "depression"],
        "minutes": 4,
        "source": f"{WHO_STRESS} (unhooking)",
        "en": {
            "title": "Unhooking from difficult thoughts",
            "summary": "A short practice from the WHO stress guide: notice a painful thought, "
            "name it, and turn back to what you are doing.",
            "steps": [
                'Notice that a difficult thought or feeling has "hooked" you: you are caught '
                "up in it and it is pulling you away from what you are doing.",
                'Name it, silently and kindly: "Here is a thought that I am not good enough" '
                'or "I am noticing worry". Naming creates a little space between you and it.',
                "Remind yourself that a thought is words and pictures in your mind. It may be "
                "true or not, helpful or not; you don't have to obey it.",
                "Refocus on what you are doing right now. Notice it fully: the task, the person "
                "in front of you, the food you are eating.",
                "Do this as often as you get hooked, even many times an hour. Each time you "
                "unhook, you practise a skill.",
            ],
            "body": "",
        },
        "ar": {
            "title": "فكّ الارتباط بالأفكار الصعبة",
            "summary": "تمرين قصير من دليل منظمة الصحة العالمية للتعامل مع الضغوط: لاحظ الفكرة "
            "المؤلمة، وسمِّها، ثم عُد إلى ما تفعله.",
            "steps": [
                "لاحظ أن فكرة أو شعورًا صعبًا قد علِق بك: أنت منشغل به وهو يشدّك بعيدًا عمّا تفعله.",
                'سمِّه بصمت ولطف: "هذه فكرة أنني لست جيدًا بما يكفي" أو "ألاحظ القلق". '
                "التسمية تصنع مسافة صغيرة بينك وبينه.",
                "ذكّر نفسك بأن الفكرة كلمات وصور في ذهنك. قد تكون صحيحة أو لا، مفيدة أو لا؛ "
                "لست مضطرًا إلى طاعتها.",
                "أعد تركيزك على ما تفعله الآن. لاحظه بكامله: المهمة، أو الشخص الذي أمامك، "
                "أو الطعام الذي تأكله.",
                "كرّر ذلك كلما علِقت، ولو مرات كثيرة في الساعة. في كل مرة تفكّ الارتباط "
                "تتمرّن على مهارة.",
            ],
            "body": "",
        },
    },
    {
        "key": "who_guide",
        "kind": "link",
        "topics": ["stress", "anxiety"],
        "minutes": 30,
        "source": WHO_STRESS,
        "url": "https://www.who.int/publications/i/item/9789240003927",
        "en": {
            "title": "WHO guide: Doing What Matters in Times of Stress",
            "summary": "A free illustrated self-help guide from the World Health Organization "
            "with short exercises for managing stress, available in many languages including "
            "Arabic and English.",
            "body": "Five parts, each a few pages with pictures: grounding, unhooking from "
            "difficult thoughts, acting on your values, being kind, and making room for "
            "painful feelings. Audio exercises accompany the guide.",
        },
        "ar": {
            "title": "دليل منظمة الصحة العالمية: التصرف وفق ما يهم في أوقات الضغط",
            "summary": "دليل مصوّر مجاني للمساعدة الذاتية من منظمة الصحة العالمية، فيه تمارين "
            "قصيرة للتعامل مع الضغوط، ومتاح بلغات كثيرة منها العربية.",
            "body": "خمسة أجزاء، في كل منها صفحات قليلة مصوّرة: التأريض، وفكّ الارتباط بالأفكار "
            "الصعبة، والعمل وفق قيمك، واللطف، وإفساح المجال للمشاعر المؤلمة. يرافق الدليل "
            "تمارين صوتية.",
        },
    },
    {
        "key": "low_mood",
        "kind": "article",
        "topics": ["depression"],
        "minutes": 4,
        "source": NHS_CBT,
        "en": {
            "title": "Small steps when you feel low",
            "summary": "When depression drains your energy, waiting to feel motivated rarely "
            "works. Small planned activities can lift mood step by step.",
            "body": """Low mood and depression make everything feel harder, and it is natural to do less. But doing less often makes mood lower still. Many people find that action comes first and motivation follows.

**Start very small.** Choose one thing you can almost certainly do today: open the curtains, shower, step outside for five minutes, reply to one message.

**Mix three kinds of activity:** routine (eating, washing, tidying), pleasure (music, a favourite show, time with a pet), and things that matter to you (calling someone you love, a small task you have been putting off).

**Plan it, then do it whatever your mood.** Write down when you will do it. Afterwards, notice how you felt, even if the change was small.

**Be kind to yourself about setbacks.** Some days will be harder. Start again tomorrow with something smaller.

**Talk to a doctor** if low mood lasts more than two weeks, or if you have thoughts of harming yourself. Depression is common and treatable.""",
        },
        "ar": {
            "title": "خطوات صغيرة حين تشعر بالإحباط",
            "summary": "حين يستنزف الاكتئاب طاقتك، نادرًا ما ينفع انتظار الحماس. الأنشطة الصغيرة "
            "المخطّط لها ترفع المزاج خطوة بعد خطوة.",
            "body": """الإحباط والاكتئاب يجعلان كل شيء أصعب، ومن الطبيعي أن تقلّ أنشطتك. لكن قلة النشاط كثيرًا ما تزيد المزاج سوءًا. يجد كثيرون أن الفعل يأتي أولًا، ثم يتبعه الدافع.

**ابدأ صغيرًا جدًا.** اختر أمرًا واحدًا تستطيع فعله اليوم بشبه يقين: افتح الستائر، استحمّ، اخرج خمس دقائق، ردّ على رسالة واحدة.

**نوّع بين ثلاثة أنواع من النشاط:** الروتين (الأكل، الاغتسال، الترتيب)، والمتعة (الموسيقى، برنامج تحبّه، وقت مع حيوان أليف)، وما يهمّك (الاتصال بشخص تحبّه، مهمة صغيرة تؤجلها).

**خطّط له ثم نفّذه أيًا كان مزاجك.** اكتب متى ستفعله. بعد ذلك لاحظ ما شعرت به، ولو كان التغيّر صغيرًا.

**كن لطيفًا مع نفسك عند التعثّر.** بعض الأيام أصعب من غيرها. ابدأ من جديد غدًا بشيء أصغر.

**تحدّث إلى طبيب** إن استمر الإحباط أكثر من أسبوعين، أو راودتك أفكار عن إيذاء نفسك. الاكتئاب شائع وقابل للعلاج.""",
        },
    },
    {
        "key": "self_harm",
        "kind": "article",
        "topics": ["self_harm", "crisis"],
        "minutes": 4,
        "source": "NHS, Self-harm (getting help, coping); Samaritans, Self-harm support; "
        "Samaritans media guidelines",
        "en": {
            "title": "Coping with urges to self-harm",
            "summary": "Self-harm is often a way of coping with overwhelming feelings. Ways to "
            "get through an urge, look after yourself, and find support to recover.",
            "body": """If you self-harm, you are not alone, and you deserve care rather than judgement. Many people hurt themselves to cope with feelings that seem unbearable, and many find other ways to cope over time, with support.

**When an urge comes, try to delay.** Tell yourself you will wait ten minutes, then another ten. Urges rise and fall, like waves.

**Ways to get through it:**
- Talk to someone you trust, or call a helpline — you don't have to explain everything.
- Move: walk, stretch, go outside.
- Let the feeling out safely: write it down, cry, tear up paper, listen to loud music.
- Hold something very cold, like an ice cube, or take a cold shower.
- Try the grounding or calm breathing exercise in this library.

**If you have hurt yourself,** look after the injury, and get medical help if it is serious or you are not sure. If you might be in danger, call your emergency number.

**Recovery is possible.** A doctor can talk with you without judging and help you find talking therapy. Small setbacks do not undo your progress.""",
        },
        "ar": {
            "title": "التعامل مع الرغبة في إيذاء النفس",
            "summary": "إيذاء النفس كثيرًا ما يكون طريقة لتحمّل مشاعر طاغية. طرق لتجاوز الرغبة، "
            "والعناية بنفسك، وإيجاد الدعم للتعافي.",
            "body": """إن كنت تؤذي نفسك فلست وحدك، وأنت تستحق الرعاية لا اللوم. كثيرون يؤذون أنفسهم ليتحمّلوا مشاعر تبدو فوق الاحتمال، وكثيرون يجدون مع الوقت طرقًا أخرى للتحمّل، بمساندة من حولهم.

**حين تأتي الرغبة، حاول التأجيل.** قل لنفسك إنك ستنتظر عشر دقائق، ثم عشرًا أخرى. الرغبة ترتفع ثم تنخفض، مثل الموج.

**طرق لتجاوزها:**
- تحدّث إلى شخص تثق به، أو اتصل بخط مساعدة — لست مضطرًا إلى شرح كل شيء.
- تحرّك: امشِ، تمدّد، اخرج من المكان.
- أخرج الشعور بطريقة آمنة: اكتبه، ابكِ، مزّق ورقًا، استمع إلى موسيقى عالية.
- أمسك شيئًا باردًا جدًا، كمكعّب ثلج، أو خذ حمّامًا باردًا.
- جرّب تمرين التأريض أو التنفّس الهادئ في هذه المكتبة.

**إن كنت قد آذيت نفسك** فاعتنِ بالإصابة، واطلب مساعدة طبية إن كانت خطيرة أو لم تكن متأكدًا. وإن كنت قد تكون في خطر فاتصل برقم الطوارئ.

**التعافي ممكن.** يستطيع الطبيب أن يتحدّث معك دون أن يحكم عليك، وأن يساعدك على إيجاد علاج بالكلام. التعثّرات الصغيرة لا تمحو تقدّمك.""",
        },
    },
]

# Items in one language only (no translation exists to link to).
SINGLES: list[dict[str, Any]] = [
    {
        "key": "black_dog",
        "kind": "video",
        "topics": ["depression"],
        "minutes": 4,
        "language": "en",
        "source": "WHO, I had a black dog, his name was depression (Matthew Johnstone, 2012)",
        "url": "https://www.youtube.com/watch?v=XiCrniLQGYc",
        "title": "Video: I had a black dog, his name was depression",
        "summary": "A short animated film from the World Health Organization about what "
        "living with depression can feel like, and about recovery.",
        "body": "Writer and illustrator Matthew Johnstone tells how depression followed him "
        "like a black dog, and what helped him get better: talking, professional help, "
        "exercise and understanding his illness. Four minutes, in English.",
    },
    {
        "key": "every_mind_matters",
        "kind": "link",
        "topics": ["anxiety", "sleep", "stress", "depression"],
        "minutes": 10,
        "language": "en",
        "source": NHS_EMM,
        "url": "https://www.nhs.uk/every-mind-matters/",
        "title": "NHS Every Mind Matters",
        "summary": "The NHS's free site of expert advice and practical tips for anxiety, low "
        "mood, stress and sleep, with a short quiz that builds a personal action plan.",
        "body": "",
    },
]
