"""Lexicon and pattern rules where the data is thin: crisis wording, figurative guards, insults.

Phrases are written in ordinary spelling and passed through `normalise()` when this module is
imported, so they meet messages in exactly the form the classifier sees (folded alef/yaa/taa
marbuta, no diacritics, lower case). Safe-messaging: method words are generic ("pills", "rope"),
never instructions. Each rule group has a stable name that moderators see as a signal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from halqa.screening.normalise import normalise

# Arabic clitics that may precede a word: و ف ب ل ك and the article.
_AR_PREFIX = r"(?:[وف]?(?:[بلك]|ال|لل|بال)?)"

IDEATION = {
    "ideation_en": [
        "kill myself", "killing myself", "end my life", "ending my life", "end it all",
        "take my own life", "take my life", "want to die", "wanna die", "wish i was dead",
        "wish i were dead", "wish i could die", "better off dead", "don't want to live",
        "dont want to live", "do not want to live", "don't want to be alive",
        "dont want to be alive", "no reason to live", "nothing to live for", "i feel suicidal",
        "i am suicidal", "i'm suicidal", "im suicidal", "suicidal thoughts",
        "thinking about suicide", "thinking of suicide", "thoughts of suicide",
        "commit suicide", "want to disappear forever", "never wake up", "not wake up tomorrow",
        "hurt myself", "cut myself", "cutting myself", "harm myself", "self harm", "self-harm",
        "ready to die", "want it all to end", "want to end it", "wanna end it",
        "don't want to exist", "dont want to exist", "tired of living", "tired of being alive",
        "going to end it", "gonna end it", "kms",
    ],
    "ideation_ar": [
        "اريد ان اموت", "اريد الموت", "اتمنى الموت", "اتمنى اموت", "اتمنى لو مت", "نفسي اموت",
        "عايز اموت", "عاوز اموت", "عايزه اموت", "بدي موت", "بدي اموت", "بدي انتحر", "ابي اموت",
        "ابغى اموت", "ابي انتحر", "ابغى انتحر", "بغيت نموت", "بغيت ننتحر", "باغي نموت",
        "نفسي انتحر", "عايز انتحر", "عاوز انتحر", "هنتحر", "حنتحر", "رح انتحر", "راح انتحر",
        "سانتحر", "سأنتحر", "بنتحر", "ساقتل نفسي", "هقتل نفسي", "رح اقتل نفسي", "اقتل نفسي",
        "انهي حياتي", "انهاء حياتي", "اضع حدا لحياتي", "افكر في الانتحار", "افكر بالانتحار",
        "بفكر انتحر", "بفكر في الانتحار", "بفكر بالانتحار", "كنفكر ننتحر", "فكرت في الانتحار",
        "فكرت بالانتحار", "افكار انتحاريه", "لا اريد ان اعيش", "ما بدي عيش", "مابدي عيش",
        "مش عايز اعيش", "مش عاوز اعيش", "ما ابي اعيش", "ما ابغى اعيش", "ما بغيتش نعيش",
        "مابغيتش نعيش", "ليتني مت", "يا ريتني مت", "ياريتني مت", "ياريتني اموت", "الموت ارحم",
        "الموت احسن لي", "احسن لي اموت", "لا اريد العيش", "اؤذي نفسي", "اجرح نفسي",
        "اذي نفسي", "نقتل راسي", "نموت راسي", "بدي خلص من حياتي", "اخلص من حياتي",
        "ودي اموت", "ودي انتحر", "اتمنى اني اموت", "مابي اعيش", "تعبت من الحياه وبدي اموت",
        "حاسس اني عايز اموت", "افكر انهي حياتي",
    ],
    "ideation_arabizi": [
        "bghit nmout", "baghi nmout", "bdi mout", "bade mout", "bdi emout", "3ayez amoot",
        "3ayez amot", "3ayz amot", "nefsi amot", "nfsi amoot", "bdi ento7er", "hanta7ar",
        "bghit nentaher", "ana 3ayez amot", "ebghi amoot", "abi amoot",
    ],
}
PLAN = {
    "method": [
        "pills", "overdose", "rope", "noose", "hang myself", "hanging myself", "jump off",
        "jump from", "bridge", "rooftop", "the roof", "gun", "razor", "blade", "wrists",
        "bleach", "poison", "train tracks", "حبوب", "اقراص", "جرعه زائده", "حبل", "اشنق نفسي",
        "شنق", "جسر", "كوبري", "السطح", "اقفز", "انط من", "ارمي نفسي", "سكين", "شفره",
        "شراييني", "عروقي", "مسدس", "كلور",
    ],
    "preparation": [
        "suicide note", "goodbye note", "wrote a note", "written a note", "goodbye letter",
        "said goodbye", "saying goodbye", "gave away", "giving away", "i have a plan",
        "made a plan", "my plan", "planned", "bought", "stockpiled", "saved up", "my will",
        "رساله وداع", "ودعت", "اودعكم", "وصيتي", "كتبت وصيه", "خطه", "خططت", "جهزت",
        "اشتريت", "جمعت", "قررت",
    ],
    "timeline": [
        "tonight", "tomorrow", "this weekend", "in an hour", "right now", "last day",
        "last night", "final goodbye", "after this post", "when everyone is asleep",
        "الليله", "بكره", "بكرا", "غدا", "الحين", "هلق", "دلوقتي", "اخر يوم", "اخر ليله",
        "الوقت حان", "بعد ما يناموا",
    ],
}
FIGURATIVE = {
    "figurative": [
        "dying of laughter", "dying laughing", "died laughing", "dead laughing", "to die for",
        "killing it", "dying to see", "dying to try", "dying to know", "bored to death",
        "scared to death", "suicide squad", "suicide mission", "suicide bomb", "suicide attack",
        "من الضحك", "موت ضحك", "ميت ضحك", "اموت فيك", "اموت فيكي", "بموت فيك", "اموت عليك",
        "من الجوع", "من البرد", "من الحر", "من الملل", "من الفرحه", "انتحار سياسي",
        "انتحار رياضي", "انتحاري", "انتحاريه", "انتحاريين", "هجوم انتحاري", "تفجير انتحاري",
    ],
}
DISTRESS = {
    "distress": [
        "depressed", "hopeless", "worthless", "can't take it anymore", "cant take it anymore",
        "can't do this anymore", "cant do this anymore", "hate my life", "i hate myself",
        "empty inside", "panic attack", "so alone", "no one cares", "nobody cares",
        "مكتئب", "مكتئبه", "اكتئاب", "مخنوق", "مخنوقه", "كرهت حياتي", "كرهت نفسي",
        "ما عدت اتحمل", "ما بقدر اتحمل", "مش قادر اتحمل", "يائس", "يائسه", "نوبه هلع",
        "محدش حاسس بيا", "ما حد حاس فيني", "تعبت من كل شي", "تعبت من كل حاجه",
    ],
}
ABUSE = {
    "insult": [
        "fuck you", "fuck off", "motherfucker", "bitch", "cunt", "faggot", "fag", "nigger",
        "nigga", "retard", "whore", "slut", "asshole", "dickhead", "son of a bitch",
        "شرموط", "شرموطه", "شراميط", "عرص", "منيوك", "منيوكه", "متناك", "متناكه", "قحبه", "قحاب",
        "خول", "كسمك", "كس امك", "كس اختك", "ابن الكلب", "ابن كلب", "ولد القحبه", "يا كلب",
        "يا حمار", "يا حيوان", "يا خنزير", "يا حقير", "يا وسخ", "يا زباله", "يا غبي", "يا تافه",
        "يا واطي", "يا عاهره", "يا ديوث", "ديوث", "زامل", "زبي", "طبون", "نيك", "ينيك", "نيكمك",
        "يلعن ابوك", "يلعن امك", "يلعن دينك", "تفو عليك", "حيوانات", "كلاب", "خنازير",
        "zebi", "zamel", "9a7ba", "9ahba", "t9awd", "nik mok", "nikmok", "kelb", "7mar",
    ],
}
_NEGATION = re.compile(
    r"(?:\b(?:never|not|don t|dont|won t|wont|wouldn t|wouldnt|can t|cant|no|nor)\b"
    r"|(?<!\w)(?:مش|مو|لن|لا|مب|ما|مراح|ماراح|ماح|عمري)(?!\w))(?:\W+\w+){0,2}\W*$"
)
_TARGET = re.compile(r"(?<!\w)(?:you|your|u|ur|ya|يا|انت|انتي|انتو|انتم|@user)(?!\w)")


@dataclass(frozen=True, slots=True)
class CrisisHits:
    ideation: tuple[str, ...]
    plan: tuple[str, ...]
    figurative: tuple[str, ...]
    distress: tuple[str, ...]


def _compile(groups: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for name, phrases in groups.items():
        forms = {normalise(p).text.strip() for p in phrases}
        alternation = "|".join(sorted((re.escape(f) for f in forms if f), key=len, reverse=True))
        compiled.append((name, re.compile(rf"(?<!\w){_AR_PREFIX}(?:{alternation})(?!\w)")))
    return compiled


_IDEATION = _compile(IDEATION)
_PLAN = _compile(PLAN)
_FIGURATIVE = _compile(FIGURATIVE)
_DISTRESS = _compile(DISTRESS)
_ABUSE = _compile(ABUSE)


def _first_person_hits(rules: list[tuple[str, re.Pattern[str]]], text: str) -> list[str]:
    """Ideation phrases not negated just before ("I would never kill myself")."""
    hits = []
    for name, pattern in rules:
        for match in pattern.finditer(text):
            if not _NEGATION.search(text, max(0, match.start() - 40), match.start()):
                hits.append(name)
                break
    return hits


def _hits(rules: list[tuple[str, re.Pattern[str]]], text: str) -> list[str]:
    return [name for name, pattern in rules if pattern.search(text)]


def crisis_hits(*texts: str) -> CrisisHits:
    """Crisis rule groups that fire on any of the given normalised readings of a message."""
    joined = "\n".join(t for t in texts if t)
    return CrisisHits(
        ideation=tuple(_first_person_hits(_IDEATION, joined)),
        plan=tuple(_hits(_PLAN, joined)),
        figurative=tuple(_hits(_FIGURATIVE, joined)),
        distress=tuple(_hits(_DISTRESS, joined)),
    )


def abuse_hits(*texts: str) -> list[str]:
    return _hits(_ABUSE, "\n".join(t for t in texts if t))


def is_targeted(text: str) -> bool:
    """Whether the message addresses someone ("you", "يا"): insults need a target."""
    return _TARGET.search(text) is not None
