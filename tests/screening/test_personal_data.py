"""Tests for halqa.screening.personal_data and the labelled set behind pii_eval."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from halqa.screening.personal_data import find_personal_data, mask
from halqa.screening.pii_eval import DEFAULT_CORPUS, evaluate, load, main
from halqa.screening.types import PersonalDataKind, Span

POSITIVES = [
    # (text, kind, the exact characters of the span, member country)
    ("رقمي ٠٥٠١٢٣٤٥٦٧ كلموني", "phone", "٠٥٠١٢٣٤٥٦٧", None),
    ("الرقم: ۰۵۰۱۲۳۴۵۶۷", "phone", "۰۵۰۱۲۳۴۵۶۷", None),
    ("ممكن حد يكلمني؟ رقمي 01012345678", "phone", "01012345678", "EG"),
    ("call me on +966 50 123 4567 tonight", "phone", "+966 50 123 4567", None),
    ("ابعثولي على 00971501234567", "phone", "00971501234567", None),
    ("whatsapp 962791234567", "phone", "962791234567", None),
    ("number: 0 5 0 1 2 3 4 5 6 7", "phone", "0 5 0 1 2 3 4 5 6 7", None),
    ("رقمي 0501\n234567 خلونا نتكلم", "phone", "0501\n234567", None),
    ("call me at 050-123-4567", "phone", "050-123-4567", None),
    ("I'm in Kuwait, text me 55123456", "phone", "55123456", None),
    ("55123456", "phone", "55123456", "KW"),
    ("ارقامي: 06 12 34 56 78", "phone", "06 12 34 56 78", None),
    ("رقمي هو صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة", "phone",
     "صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة", None),
    ("email me nour.h@example.com.", "email", "nour.h@example.com", None),
    ("my email is nour.h at gmail dot com", "email", "nour.h at gmail dot com", None),
    ("write me nour [at] example [dot] org", "email", "nour [at] example [dot] org", None),
    ("drop me a line dina.r[at]example[dot]net", "email", "dina.r[at]example[dot]net", None),
    ("ايميلي nour.h على جيميل", "email", "nour.h على جيميل", None),
    ("راسلني nour99 ات هوتميل دوت كوم", "email", "nour99 ات هوتميل دوت كوم", None),
    ("see https://example.com/x.", "url", "https://example.com/x", None),
    ("visit www.example.org today", "url", "www.example.org", None),
    ("check example.net/page", "url", "example.net/page", None),
    ("قناتي t.me/nour_fake", "url", "t.me/nour_fake", None),
    ("insta: nour_h", "handle", "nour_h", None),
    ("ig: nourhh", "handle", "nourhh", None),
    ("my insta is nourhh", "handle", "nourhh", None),
    ("سناب: nour.h22", "handle", "nour.h22", None),
    ("@nour_h on insta", "handle", "@nour_h", None),
    ("حسابي بالانستا nour_h", "handle", "nour_h", None),
    ("تويتر @blue_sky_99", "handle", "@blue_sky_99", None),
    ("هويتي 1000000008", "national_id", "1000000008", None),
    ("رقم هويتي ١٠٠٠٠٠٠٠٠٨", "national_id", "١٠٠٠٠٠٠٠٠٨", None),
    ("emirates id 784-1990-1234567-6", "national_id", "784-1990-1234567-6", None),
    ("رقمي القومي 29001011234567", "national_id", "29001011234567", None),
    ("الرقم الوطني 9861234567", "national_id", "9861234567", None),
    ("IBAN SA03 8000 0000 6080 1016 7519 thanks", "iban", "SA03 8000 0000 6080 1016 7519", None),
    ("الايبان SA0380000000608010167519", "iban", "SA0380000000608010167519", None),
    ("card 4111 1111 1111 1111", "card", "4111 1111 1111 1111", None),
    ("my card is 5500-0000-0000-0004", "card", "5500-0000-0000-0004", None),
    ("ساكن في شارع الملك فهد عمارة ١٢ شقة ٣", "address", "شارع الملك فهد عمارة ١٢ شقة ٣", None),
    ("ساكن بشارع الحمرا بناية ٤", "address", "شارع الحمرا بناية ٤", None),
    ("come to 221 Baker Street anytime", "address", "221 Baker Street", None),
    ("ابعتولي على ص.ب ١٢٣٤٥", "address", "ص.ب ١٢٣٤٥", None),
    ("send it to P.O. Box 4411", "address", "P.O. Box 4411", None),
    # North American shapes without "+1", and any shape for a member in the US
    ("text me (312) 555-0142 tonight", "phone", "(312) 555-0142", None),
    ("my cell 415-555-2671", "phone", "415-555-2671", None),
    ("it's 4155552671", "phone", "4155552671", "US"),
    # the member's own country outside the Arab world reads its national numbers
    ("ring me 020 7946 0958", "phone", "020 7946 0958", "GB"),
    # Maghrebi "my number" cues for numbers without a trunk prefix
    ("نوميرو ديالي 24 475 050", "phone", "24 475 050", None),
    # partly spelled out, partly digits
    ("its zero one zero 1234 5678 lol", "phone", "zero one zero 1234 5678", None),
    ("رقمي صفر خمسه خمسه 123 4567", "phone", "صفر خمسه خمسه 123 4567", None),
    # a number inside a link is the link
    ("كلمني wa.me/966501234567", "url", "wa.me/966501234567", None),
    ("sign up forms.gle/AbC123xyz", "url", "forms.gle/AbC123xyz", None),
    # a name that looks like an address before "على جيميل", with no e-mail word
    ("ابعتلي على salma.k22 على جيميل", "email", "salma.k22 على جيميل", None),
    ("insta @layla.jo if you want", "handle", "@layla.jo", None),
    ("انستا ديالي @salma_writes", "handle", "@salma_writes", None),
    ("snap me dana.k9", "handle", "dana.k9", None),
    ("my reddit is u/quiet_owl_22", "handle", "u/quiet_owl_22", None),
    # Maghrebi, Levantine, Iraqi, Kuwaiti, Sudanese street words; Arabizi; ordinal floors
    ("ساكنه فزنقه الورد رقم ٩", "address", "زنقه الورد رقم ٩", None),
    ("دارنا في درب السلام زنقه ٤ رقم ١١", "address", "درب السلام زنقه ٤ رقم ١١", None),
    ("ساكن ف٢٢ نهج قرطاج", "address", "٢٢ نهج قرطاج", None),
    ("بيتنا بزاروب الياسمين، بناية ٧، الطابق الثاني", "address",
     "زاروب الياسمين، بناية ٧، الطابق الثاني", None),
    ("ساكن قطعه ٥ شارع ٣ منزل ١٤", "address", "قطعه ٥ شارع ٣ منزل ١٤", None),
    ("نحن في مربع ٩ منزل ٤٤", "address", "مربع ٩ منزل ٤٤", None),
    ("وصلوا الغرض لعماره ٣ بلوك ١٢", "address", "عماره ٣ بلوك ١٢", None),
    ("ساكنه في حي ٣٠٠ مسكن عماره ب٤ شقه ٢", "address", "حي ٣٠٠ مسكن عماره ب٤ شقه ٢", None),
    ("ana sakna f zan9a 8 dar 3", "address", "zan9a 8 dar 3", None),
    ("sakin f villa 12 share3 40", "address", "villa 12 share3 40", None),
    ("we're at house 9, street 4 near the mosque", "address", "house 9, street 4", None),
    ("come to building 3, prince sultan rd", "address", "building 3, prince sultan rd", None),
    ("we moved to al rawda tower, floor 7, flat 703", "address",
     "al rawda tower, floor 7, flat 703", None),
    ("villa 8, al fursan compound", "address", "villa 8, al fursan compound", None),
    ("mail it to 1200 w maple ave, apt 4b", "address", "1200 w maple ave, apt 4b", None),
    # more platforms and their spellings; names before the platform word; a name that ends like
    # a domain after a platform word is a handle
    ("و عالسيغنال huda.22", "handle", "huda.22", None),
    ("يوتيوب @HudaTalks", "handle", "@HudaTalks", None),
    ("اليوزر مالي بالتلكرام @ali_kufi", "handle", "@ali_kufi", None),
    ("twitch: NightGamer", "handle", "NightGamer", None),
    ("my Signal username is reem.31", "handle", "reem.31", None),
    ("add me on discord Sami.GG", "handle", "Sami.GG", None),
    ("insta rana.haddad.lb", "handle", "rana.haddad.lb", None),
    ("I'm s7er.khaled on fb", "handle", "s7er.khaled", None),
    ("hiba.al.masri هيدا حسابي عالتيكتوك", "handle", "hiba.al.masri", None),
    ("@nada.k_ ده الانستا بتاعي", "handle", "@nada.k_", None),
    ("LinkedIn handle is sara-nasser-dev", "handle", "sara-nasser-dev", None),
    ("my discord tag was owl#4821", "handle", "owl#4821", None),
    ("ساكن محلة ٩٠٢ زقاق ٧ دار ١١", "address", "محلة ٩٠٢ زقاق ٧ دار ١١", None),
    ("ساكنة في زنقة ابن رشد رقم ٨", "address", "زنقة ابن رشد رقم ٨", None),
    ("انا في مربع ٤ منزل ٩ الحارة ١٦ امدرمان", "address", "مربع ٤ منزل ٩ الحارة ١٦", None),
    # platforms with a possessive, games, a friend's page, pointers, misspelt platforms
    ("انستغرامي @huda.bgd", "handle", "@huda.bgd", None),
    ("فيسه ahmed.k.77 اسألوه", "handle", "ahmed.k.77", None),
    ("بلايستيشن حقي Fahad_Q8 نلعب", "handle", "Fahad_Q8", None),
    ("الانستا بتاعتو @7lwyat.omi ادعموها", "handle", "@7lwyat.omi", None),
    ("insta 👉 @after_the_storm 👈 my page", "handle", "@after_the_storm", None),
    ("ana @lina.3z 3al insta", "handle", "@lina.3z", None),
    ("add me on snapshat noor_22x", "handle", "noor_22x", None),
    ("my valorant name is Reem#KSA7", "handle", "Reem#KSA7", None),
    # directions to a door, a named street without its article, Omani ways, units after streets
    ("ادخلي ثالث بيت على اليمين في شارع ٧", "address", "ثالث بيت على اليمين في شارع ٧", None),
    ("ساكن شارع هائل، عمارة ٤، الدور الثاني", "address", "شارع هائل، عمارة ٤، الدور الثاني",
     None),
    ("just come by, Way 2041, house 12", "address", "Way 2041, house 12", None),
    ("ship to 410 W Lake Blvd #7, thanks", "address", "410 W Lake Blvd #7", None),
    ("I'm at Apt 903, Palm View Tower", "address", "Apt 903, Palm View Tower", None),
    ("sakna f 5 shar3 el tahrir, el dor el talet", "address", "5 shar3 el tahrir, el dor el talet",
     None),
    # a mobile written without its 0 after a phone word; a British number after a phone word
    ("واتس 771 234 567 بعد المغرب", "phone", "771 234 567", None),
    ("text me on 07123 456789", "phone", "07123 456789", None),
]  # fmt: skip

NEGATIVES = [
    "عمري ٢٣ سنة وصار لي ٣ سنين اعاني",
    "اخذت ٢٠ ملغ سيرترالين الصبح",
    "موعدي ٢٠٢٤/٠٥/٠١ الساعة ١٠:٣٠",
    "took 50mg at 10:30 on 2024-05-01",
    "it happened on 01/05/2024",
    "call 988 if you're in the US",
    "خط المساندة 920033360 ساعدني",
    "the UAE line is 800 4673",
    "paid 1,500,000 pounds, 15000000 in total",
    "3000000 people have this",
    "سورة البقرة ٢:٢٥٥",
    "Psalm 34:18",
    "my street is quiet at night",
    "my address is far from here",
    "we live on the 3rd floor",
    "نمت في الشارع امبارح",
    "انا حي الحمدلله",
    "@نسمة_هادئة شكرا على كلامك",
    "@quiet_river thank you",
    "I deleted my insta last week",
    "his snap score is huge",
    "When you are logged in on gmail to the site",
    "RT @USER خلي تويتر عنك",
    "a 2 hour drive away, a 15 to 25 minute drive",
    "I'm at home, meet me at the park",
    "I sleep 3.5 hours, e.g. from 5.30",
    "I'm on gmail all day",
    "PHQ-9 score 18, 30% better, $120 per session",
    "2019-2024 were hard, 10000 steps today",
    "ana 3omri 19 sana w ta3ban",
    "wallah ta3ban 100%",
    # numbers that name a thing, greetings and counts that look like address parts
    "رقم الطلب 45882103 وما وصل",
    "order number 45882103 still not here",
    "reference 312-555-0142",
    "حي الله يا حي الله نورتوا",
    "we live in a house 2 hours from the city",
    "one, two, three, breathe",
    "i live on a quiet street",
    "على درب التعافي خطوه خطوه",
    "order #0551234567 never came",
    "رقم الشكوى 01012345678 وما حد رد",
    "kalemny 3al insta, ba3atet lik",
    "@quiet_owl you're right, I deleted tiktok too",
    "It inspired my username here.I have no idea",
    "1. calling people on xbox 2.playing all night",
    "@everyone check the link in the group",
    "اتصلت على 920033360 خط المساندة",
    "sakna bl ma3adi bas el share3 3andena dawsha",
    "Insta: same as my twitter",
    "درب ذات الشوكة درب الحسين",
    "",
]


@pytest.mark.parametrize(("text", "kind", "value", "country"), POSITIVES)
def test_find_personal_data_positive(text: str, kind: str, value: str, country: str | None) -> None:
    spans = find_personal_data(text, country=country)
    assert [(s.kind.value, text[s.start : s.end]) for s in spans] == [(kind, value)]
    assert spans[0].rule.startswith(kind)
    assert 0 < spans[0].score <= 1


@pytest.mark.parametrize("text", NEGATIVES)
def test_find_personal_data_hard_negative(text: str) -> None:
    assert find_personal_data(text) == []


def test_a_national_number_of_the_members_own_country_anywhere() -> None:
    assert find_personal_data("ring me 020 7946 0958") == []
    assert find_personal_data("ring me 020 7946 0958", country="GB") != []


def test_a_british_number_needs_a_phone_word() -> None:
    assert find_personal_data("the code 07123 456789 expired") == []
    assert find_personal_data("text me on 07123 456789") != []


def test_eight_digit_number_needs_country_or_cue() -> None:
    assert find_personal_data("I counted 55123456 stars") == []
    assert find_personal_data("I counted 55123456 stars", country="KW") != []


def test_find_personal_data_several_kinds_sorted() -> None:
    text = "رقمي ٠٥٠١٢٣٤٥٦٧ وايميلي nour@example.com وانستا: nour_h"
    spans = find_personal_data(text)
    assert [s.kind for s in spans] == [
        PersonalDataKind.PHONE,
        PersonalDataKind.EMAIL,
        PersonalDataKind.HANDLE,
    ]


def test_prose_at_domain_is_a_url_not_an_email() -> None:
    spans = find_personal_data("Many listeners at 7cupsoftea.com are kind")
    assert [s.kind for s in spans] == [PersonalDataKind.URL]


def test_url_inside_email_is_not_reported_twice() -> None:
    spans = find_personal_data("nour.h@mail.example.com")
    assert [s.kind for s in spans] == [PersonalDataKind.EMAIL]


def test_spans_survive_invisible_characters_and_diacritics() -> None:
    text = "رقمي\u200f ٠٥٠\u200b١٢٣٤٥٦٧ و ايميلـــي nour@example.com"
    spans = find_personal_data(text)
    assert [text[s.start : s.end] for s in spans] == ["٠٥٠\u200b١٢٣٤٥٦٧", "nour@example.com"]


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_find_personal_data_never_raises_and_spans_are_sane(text: str) -> None:
    spans = find_personal_data(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ +-.()@abcdeiknmost\n", max_size=200))
@settings(max_examples=300, deadline=None)
def test_find_personal_data_digit_soup(text: str) -> None:
    for s in find_personal_data(text, country="SA"):
        assert text[s.start : s.end].strip() == text[s.start : s.end]


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 50_000,
        "x@y.com " * 12_000,
        "شارع ١ " * 15_000,
        "٠٥٠١٢٣٤٥٦٧ " * 9_000,
        "a" * 1_000_000,
    ],
)
def test_find_personal_data_large_inputs(text: str) -> None:
    find_personal_data(text)


def test_mask_keeps_length_and_spaces() -> None:
    text = "رقمي 050 123 4567 شكرا"
    masked = mask(text, find_personal_data(text))
    assert masked == "رقمي ••• ••• •••• شكرا"
    assert len(masked) == len(text)


def test_mask_custom_char_and_no_spans() -> None:
    assert mask("hello", []) == "hello"
    assert mask("abc", [Span(PersonalDataKind.EMAIL, 1, 2)], char="*") == "a*c"


def test_corpus_offsets_are_exact() -> None:
    rows = load(DEFAULT_CORPUS, None)
    assert len(rows) >= 320
    assert sum(not r["spans"] for r in rows) / len(rows) >= 0.4
    kinds = {k.value for k in PersonalDataKind}
    for row in rows:
        assert row["split"] in ("dev", "test")
        assert row["lang"] in ("ar", "en")
        for span in row["spans"]:
            assert span["kind"] in kinds
            value = row["text"][span["start"] : span["end"]]
            assert value, row["id"]
            assert value == value.strip(), row["id"]


def test_corpus_ids_unique_and_lines_are_json() -> None:
    lines = DEFAULT_CORPUS.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert len(ids) == len(set(ids))


# Measured on dev when the floors were set: every kind 1.0 (dev is where rules were tuned).
FLOORS = {"all": (0.95, 0.95), "phone": (0.95, 0.9), "email": (0.95, 0.9), "url": (0.9, 0.85),
          "handle": (0.85, 0.9), "national_id": (0.95, 0.95), "iban": (0.95, 0.95),
          "card": (0.95, 0.95), "address": (0.85, 0.85)}  # fmt: skip


@pytest.mark.parametrize("kind", FLOORS)
def test_dev_precision_and_recall_stay_above_floors(kind: str) -> None:
    scores = evaluate(DEFAULT_CORPUS, "dev")["exact"][kind]
    precision, recall = FLOORS[kind]
    assert scores["precision"] >= precision
    assert scores["recall"] >= recall


def test_pii_eval_main_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--split", "test", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["split"] == "test"
    assert main(["--split", "dev"]) == 0
    assert "precision" in capsys.readouterr().out


def test_screening_does_not_import_django() -> None:
    code = (
        "import sys, halqa.screening.normalise, halqa.screening.personal_data; "
        "assert not any(m.startswith('django') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
