"""Arabizi copies of Arabic training rows (augment.py)."""

from __future__ import annotations

import re

from halqa.screening.augment import to_arabizi
from halqa.screening.normalise import normalise_text, to_arabic_script

_ARABIC = re.compile("[\u0600-\u06ff]")


def test_a_copy_is_the_same_on_every_run_and_keeps_what_is_not_a_letter() -> None:
    text = "@USER يا حَمـــار، شو بدك؟ 😂 URL"  # a fatha and a tatweel do not split the word
    copy = to_arabizi(text)
    assert copy == to_arabizi(text)
    assert re.search("[\u0621-\u065f\u0670]", copy) is None  # no letter or mark is left
    assert copy.startswith("@USER ")
    assert copy.endswith("؟ 😂 URL")
    assert copy.split()[2][0] in "7h"  # one word, "7mar", "hamaar", ...
    assert "،" in copy


def test_text_without_arabic_is_left_as_it_is() -> None:
    for text in ("I want to sleep", "ya 7mar", ""):
        assert to_arabizi(text) == text


def test_spellings_vary_from_row_to_row_as_people_vary() -> None:
    copies = {to_arabizi(f"انت حمار {n}").split()[1] for n in range(40)}
    assert len(copies) >= 4  # 7mar, 7mar, 7amar, hmaar, ...
    assert all(c[0] in "7h" for c in copies)


def test_the_engine_reads_most_copies_back_to_arabic_letters() -> None:
    """The point of a copy: its Arabic-script reading is what the engine will see in use."""
    copy = to_arabizi("انا تعبان من كل شي وما عاد بدي اعيش")
    reading = to_arabic_script(normalise_text(copy))
    assert len(_ARABIC.findall(reading)) > 15
