"""What each step of the safety plan is for, with examples, after the Stanley–Brown Safety
Planning Intervention and the NHS / 988 safety-plan guidance (sources in docs/journal.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy

from halqa.accounts.models import User
from halqa.journal.enums import Section
from halqa.safety import queries as safety


@dataclass(frozen=True)
class Step:
    section: str
    title: Promise
    explanation: Promise
    examples: tuple[Promise, ...]


STEPS = (
    Step(
        Section.WARNING_SIGNS,
        Section.WARNING_SIGNS.label,
        pgettext_lazy(
            "safety plan guidance",
            "The thoughts, feelings, images or situations that tell you a hard time may be "
            "starting. Noticing them early is your cue to open this plan.",
        ),
        (
            pgettext_lazy("safety plan guidance", "I stop answering messages and stay in my room"),
            pgettext_lazy(
                "safety plan guidance", "I lie awake at night going over the same thoughts"
            ),
            pgettext_lazy("safety plan guidance", "Thinking “nothing will ever change”"),
            pgettext_lazy(
                "safety plan guidance", "After an argument at home, or near a difficult anniversary"
            ),
        ),
    ),
    Step(
        Section.COPING,
        Section.COPING.label,
        pgettext_lazy(
            "safety plan guidance",
            "Things you can do by yourself, without contacting anyone, to take your mind off "
            "things for a while. They do not have to fix anything; they help time pass safely.",
        ),
        (
            pgettext_lazy(
                "safety plan guidance", "Slow breathing: in for four, out for six, ten times"
            ),
            pgettext_lazy("safety plan guidance", "A walk around the block"),
            pgettext_lazy(
                "safety plan guidance", "Praying, or listening to a calming recitation or music"
            ),
            pgettext_lazy("safety plan guidance", "A warm shower, then a glass of water"),
            pgettext_lazy("safety plan guidance", "Writing in my journal"),
        ),
    ),
    Step(
        Section.DISTRACTIONS,
        Section.DISTRACTIONS.label,
        pgettext_lazy(
            "safety plan guidance",
            "People and places where you can be around others without having to talk about "
            "how you feel. Being with people can ease the moment.",
        ),
        (
            pgettext_lazy("safety plan guidance", "The café near my home"),
            pgettext_lazy(
                "safety plan guidance", "Visiting my cousin and watching a match together"
            ),
            pgettext_lazy(
                "safety plan guidance", "The mosque, the church, the library or the park"
            ),
            pgettext_lazy("safety plan guidance", "Calling a friend just to chat"),
        ),
    ),
    Step(
        Section.HELPERS,
        Section.HELPERS.label,
        pgettext_lazy(
            "safety plan guidance",
            "People you trust and can tell that you are struggling, and ask for help. Write "
            "how to reach them; only you can see this plan unless you share it.",
        ),
        (
            pgettext_lazy("safety plan guidance", "My sister: her phone number"),
            pgettext_lazy("safety plan guidance", "A friend who listens without judging"),
            pgettext_lazy(
                "safety plan guidance", "A teacher, an imam, a priest or a neighbour I trust"
            ),
        ),
    ),
    Step(
        Section.PROFESSIONALS,
        Section.PROFESSIONALS.label,
        pgettext_lazy(
            "safety plan guidance",
            "Your doctor, therapist or clinic, a helpline, and the emergency services. "
            "If you are in danger right now, call your local emergency number.",
        ),
        (
            pgettext_lazy(
                "safety plan guidance", "My therapist or doctor, and their clinic's number"
            ),
            pgettext_lazy("safety plan guidance", "A crisis helpline in my country"),
            pgettext_lazy("safety plan guidance", "The nearest hospital emergency department"),
        ),
    ),
    Step(
        Section.SAFER,
        Section.SAFER.label,
        pgettext_lazy(
            "safety plan guidance",
            "Steps that keep you safer while the crisis passes, by putting time and distance "
            "between you and anything you could use to hurt yourself. Someone you trust can "
            "help.",
        ),
        (
            pgettext_lazy(
                "safety plan guidance",
                "Ask someone I trust to keep my medicines and give me what I need each week",
            ),
            pgettext_lazy(
                "safety plan guidance", "Give medicines I no longer need back to the pharmacy"
            ),
            pgettext_lazy(
                "safety plan guidance",
                "Agree with a friend that they keep certain things for me for now",
            ),
            pgettext_lazy(
                "safety plan guidance", "Stay in a room with other people when things get very hard"
            ),
        ),
    ),
    Step(
        Section.REASONS,
        Section.REASONS.label,
        pgettext_lazy(
            "safety plan guidance",
            "What matters most to you and makes life worth living, even on the hardest days: "
            "people, animals, faith, hopes, things you still want to do. Start with the one "
            "thing that is most important to you.",
        ),
        (
            pgettext_lazy("safety plan guidance", "My children"),
            pgettext_lazy("safety plan guidance", "My mother, who needs me"),
            pgettext_lazy("safety plan guidance", "My cat"),
            pgettext_lazy("safety plan guidance", "My faith"),
            pgettext_lazy("safety plan guidance", "Finishing my studies and seeing the sea again"),
        ),
    ),
)

BY_SECTION = {step.section: step for step in STEPS}


def helpline_suggestions(user: User) -> list[str]:
    """Lines for "professionals and services" from the member's country's helplines and
    emergency numbers, each as "name: number", ready to add to the plan."""
    country = safety.home_country(user)
    if country is None:
        return []
    language = (get_language() or "ar")[:2]
    lines = [
        f"{number.get_service_display()}: {number.number}"
        for number in safety.emergency_numbers_for(country)
    ]
    for helpline in safety.helplines_for(country):
        contact = helpline.phone.split(";")[0].strip() or helpline.url
        name = helpline.localised_name(language)
        lines.append(f"{name}: {contact}" if contact else name)
    return list(dict.fromkeys(line[:300] for line in lines))
