"""Screening of messages: language, personal data, abuse and crisis. Plain Python, no Django.

>>> from halqa.screening import screen
>>> screen("hello").crisis
<CrisisLevel.NONE: 'none'>
"""

from halqa.screening.engine import screen
from halqa.screening.types import CrisisLevel, PersonalDataKind, Screening, Script, Signal, Span

__all__ = [
    "CrisisLevel",
    "PersonalDataKind",
    "Screening",
    "Script",
    "Signal",
    "Span",
    "screen",
]
