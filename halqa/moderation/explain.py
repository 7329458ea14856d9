"""The stored screening record as a moderator reads it: labelled rows and the reasons why.

`halqa.conversations.publish` stores what `screen()` said with each message (labels, scores,
signals, model version). The case page shows it in the moderator's language: each value named,
each rule that fired said in words, and the model's strongest features quoted, so a moderator
can see why a message was held or flagged, and judge for themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from halqa.conversations.guard import kind_label

_ROWS: dict[str, Promise] = {
    "crisis": pgettext_lazy("screening record", "Crisis level"),
    "crisis_probability": pgettext_lazy("screening record", "Crisis score (thoughts or plan)"),
    "abuse_label": pgettext_lazy("screening record", "Abuse"),
    "abuse": pgettext_lazy("screening record", "Abuse score"),
    "personal_data": pgettext_lazy("screening record", "Personal data"),
    "language": pgettext_lazy("screening record", "Language"),
    "script": pgettext_lazy("screening record", "Script"),
    "model_version": pgettext_lazy("screening record", "Model"),
}
_VALUES: dict[str, dict[str, Promise]] = {
    "crisis": {
        "none": pgettext_lazy("crisis level", "None"),
        "distress": pgettext_lazy("crisis level", "Distress"),
        "ideation": pgettext_lazy("crisis level", "Thoughts of suicide or self-harm"),
        "plan": pgettext_lazy("crisis level", "A plan, means or time"),
    },
    "abuse_label": {
        "abusive": pgettext_lazy("abuse label", "Abusive"),
        "clean": pgettext_lazy("abuse label", "Not abusive"),
    },
    "language": {
        "ar": pgettext_lazy("language", "Arabic"),
        "en": pgettext_lazy("language", "English"),
        "und": pgettext_lazy("language", "Not known"),
    },
    "script": {
        "arabic": pgettext_lazy("script", "Arabic letters"),
        "arabizi": pgettext_lazy("script", "Arabizi (Arabic in Latin letters)"),
        "latin": pgettext_lazy("script", "Latin letters"),
    },
}
# Rule signals by group ("crisis:plan:method" reads its group and name, "abuse:insult" its name).
_CRISIS_RULES: dict[str, Promise] = {
    "ideation": pgettext_lazy("screening reason", "Words of wanting to die or to hurt oneself"),
    "guarded": pgettext_lazy(
        "screening reason",
        "Words of wanting to die, told as the past, as an idiom or about someone else "
        "(they did not raise the score)",
    ),
    "method": pgettext_lazy("screening reason", "Names a method or means"),
    "preparation": pgettext_lazy("screening reason", "Speaks of preparing or of goodbyes"),
    "timeline": pgettext_lazy("screening reason", "Names a time"),
    "mention": pgettext_lazy("screening reason", "Mentions suicide or death"),
    "figurative": pgettext_lazy("screening reason", "Death words used as an idiom"),
    "distress": pgettext_lazy("screening reason", "Words of distress"),
    "recovery": pgettext_lazy("screening reason", "Tells of a crisis that has passed"),
    "other": pgettext_lazy("screening reason", "About someone else's risk"),
    "grief": pgettext_lazy(
        "screening reason", "Mourning someone who died (this lowers the crisis score)"
    ),
}
_ABUSE_RULES: dict[str, Promise] = {
    "insult": pgettext_lazy("screening reason", "An insult"),
    "obscene": pgettext_lazy("screening reason", "Obscene words"),
    "slur": pgettext_lazy("screening reason", "A slur against a group"),
    "curse": pgettext_lazy("screening reason", "A curse on someone"),
    "dehumanise": pgettext_lazy("screening reason", "Dehumanising words"),
    "aimed": pgettext_lazy("screening reason", "Said to someone"),
    "guarded": pgettext_lazy(
        "screening reason",
        "An insult turned on oneself, denied or reported (it did not raise the score)",
    ),
}
_MODEL: dict[str, Promise] = {
    "abuse": pgettext_lazy("screening reason", "Weighed most for abuse"),
    "crisis": pgettext_lazy("screening reason", "Weighed most for the crisis level"),
}
MODEL_FEATURES = 5  # quoted per model; the record keeps a few more


@dataclass(frozen=True)
class Reason:
    text: str
    quotes: tuple[str, ...] = ()  # fragments of the message the model weighed (shown dir=auto)


def rows(record: Any) -> list[tuple[str, str]]:
    """(label, value) for the record's scalar parts, in a fixed order, values in words."""
    if not isinstance(record, dict):
        return []
    out = []
    for key, label in _ROWS.items():
        value = record.get(key)
        if key == "personal_data":
            kinds = {str(p[0]) for p in value or () if isinstance(p, (list, tuple)) and p}
            if kinds:
                out.append((str(label), ", ".join(sorted(kind_label(k) for k in kinds))))
        elif isinstance(value, float) and math.isfinite(value):
            out.append((str(label), number_format(round(value * 100), 0) + "%"))
        elif isinstance(value, str) and value:
            out.append((str(label), _word(key, value)))
    return out


def reasons(record: Any) -> list[Reason]:
    """What fired, in words: each rule group once, then each model's strongest features."""
    signals = record.get("signals") if isinstance(record, dict) else None
    if not isinstance(signals, list):
        return []
    said: dict[str, None] = {}
    quoted: dict[str, list[str]] = {}
    for signal in signals:
        if not (isinstance(signal, (list, tuple)) and len(signal) >= 2):
            continue
        source, name = str(signal[0]), str(signal[1])
        if source == "model":
            task, _, feature = name.partition(":")
            fragment = _fragment(feature.strip("«»"))
            if task in _MODEL and fragment:
                quoted.setdefault(task, []).append(fragment)
        elif text := _rule(name):
            said[text] = None
    out = [Reason(text) for text in said]
    for task, fragments in quoted.items():
        unique = tuple(dict.fromkeys(fragments))[:MODEL_FEATURES]
        out.append(Reason(str(_MODEL[task]), unique))
    return out


def _word(key: str, value: str) -> str:
    return str(_VALUES.get(key, {}).get(value, value))


def _rule(name: str) -> str:
    parts = name.split(":")
    if parts[0] == "abuse" and len(parts) == 2:
        return str(_ABUSE_RULES.get(parts[1], ""))
    if parts[0] == "crisis" and len(parts) >= 2:
        group = parts[2] if parts[1] == "plan" and len(parts) > 2 else parts[1]
        return str(_CRISIS_RULES.get(group, ""))
    return ""


def _fragment(feature: str) -> str:
    """A model feature as the words or letters of the message it stands for: "w|word" and
    "b|two words" are quoted, character n-grams trimmed, rule tags ("r|aimed") said by the rule
    lines instead, and language, script and emoji tags left out."""
    kind, bar, rest = feature.partition("|")
    if bar and len(kind) == 1:
        return rest if kind in "wb" else ""
    return feature.strip()
