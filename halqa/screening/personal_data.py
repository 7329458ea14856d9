"""Personal data in a message: phones, e-mails, links, social handles, national IDs, IBANs,
payment cards and street addresses.

`find_personal_data(text)` returns spans on the ORIGINAL text, sorted and non-overlapping, each
with a `rule` and a `score` in (0, 1]. Rules run on `light_normalise(text)` (digits folded to
ASCII, Arabic letters folded, invisible characters dropped, punctuation kept) and are mapped
back. Every family sits behind a cheap prefilter, so a message without long digit runs, "@",
domains or cue words costs a handful of regex scans.

Policy:
- A bare "@name" is a mention of a Halqa pseudonym, not data leaking off-site. A handle counts
  only next to a platform or account word (insta, snap, tiktok, telegram, youtube, discord,
  انستا, سناب, فيس, يوزري, "username" ...) or "add me": after it, or just before it when the
  name cannot be prose ("a7med.elmasry on fb"). A name after a platform word that ends like a
  domain is a handle, not a link ("insta rana.haddad.lb").
- A bare "u/name" is a Reddit account and counts.
- Phones: a national number must carry its region's trunk prefix (0...), or come as "+", "00"
  or a country code; numbers of regions without a trunk prefix (KW, QA, BH, OM, TN ...) count
  when that is the member's country or a phone cue word is near, unless the words before say
  what it numbers ("رقم الطلب", "order #"); so does a mobile written without its trunk 0 after
  a phone word ("واتس 773 218 406"), unless the digits as written are a service number. The
  member's own country is read first, wherever it is; North American numbers also in their
  usual shapes ("(312) 555-0142", "312-555-0142"), British ones after a phone word.
  Digits may be spelled out, wholly or in part ("zero one zero 1234 5678"). Toll-free,
  shared-cost, premium and UAN numbers are services such as helplines, not personal data. A
  number or handle inside a link is part of the link ("wa.me/9665...").
- National IDs: Saudi (10 digits, 1/2, Luhn), Emirati (784-YYYY-NNNNNNN-C, Luhn), Egyptian
  (century, birth date, governorate; the check digit's algorithm is not public, so unchecked),
  Jordanian (10 digits, no checksum: only next to a cue word).
- Addresses need a numbered or named street part plus a second part or a residence cue
  ("ساكن في", "I live at"), or a strong form alone (P.O. box, "12 Baker Street"); three parts
  of any kind ("al rawda tower, floor 7, flat 703"); directions to a door beside a street
  ("ثالث بيت على اليسار في شارع 10"). Street words of the Maghreb (زنقه, درب,
  نهج), the Levant (زاروب), Iraq (زقاق), Egypt (حاره), Kuwait (قطعه) and Sudan (مربع), and their
  Arabizi spellings (zan9a, share3, dar 12).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from itertools import islice

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum import luhn, numdb

from halqa.screening.normalise import light_normalise
from halqa.screening.types import PersonalDataKind as Kind
from halqa.screening.types import Span

__all__ = ["ARAB_REGIONS", "find_personal_data", "mask"]

# A finding on the folded view: (kind, start, end, score, rule).
_Found = tuple[Kind, int, int, float, str]

ARAB_REGIONS = tuple(
    "SA AE EG JO KW QA BH OM YE IQ SY LB PS MA DZ TN LY SD MR SO DJ KM".split()  # noqa: SIM905
)
_PRIORITY = {
    Kind.EMAIL: 7, Kind.IBAN: 6, Kind.NATIONAL_ID: 5, Kind.CARD: 4, Kind.PHONE: 3,
    Kind.URL: 2, Kind.HANDLE: 2, Kind.ADDRESS: 1,
}  # fmt: skip
_AR = "\u0621-\u064a"


def find_personal_data(text: str, *, country: str | None = None) -> list[Span]:
    """Personal data in `text`; `country` (ISO 3166 alpha-2) is the member's, if known."""
    view = light_normalise(text)
    v = view.text
    words = {w.strip(_STRIP) for w in v.replace(":", " ").split()}
    found: list[_Found] = []
    if _LONG_NUMBER_RE.search(v):
        found += _numbers(v, (country or "").upper())
    if len(words & _DIGIT_WORDS.keys()) >= 2:
        found += _spelled_phones(v, (country or "").upper())
    if (
        "@" in v
        or "at]" in v
        or "at)" in v
        or not _PROVIDER_WORDS.isdisjoint(words)
        or (not _AT_WORDS.isdisjoint(words) and not _DOT_WORDS.isdisjoint(words))
    ):
        found += _emails(v)
    if "www." in v or "http" in v or _BARE_TLD_RE.search(v) or _LINK_DOMAIN_RE.search(v):
        found += _urls(v)
    if not _HANDLE_WORDS.isdisjoint(words) or "u/" in v:
        found += _handles(v)
    if not _ADDRESS_WORDS.isdisjoint(words):
        found += _addresses(v, words, digits=_DIGIT_RE.search(v) is not None)
    spans = []
    for kind, s, e, score, rule in _resolve(found):
        start, end = view.original_span(s, e)
        spans.append(Span(kind, start, end, score, rule))
    return spans


def mask(text: str, spans: list[Span], char: str = "•") -> str:
    """Replace every non-space character inside `spans` by `char`. The length and line breaks
    are kept, so other offsets into `text` stay valid and the layout does not jump."""
    chars = list(text)
    for span in spans:
        for i in range(max(0, span.start), min(len(chars), span.end)):
            if not chars[i].isspace():
                chars[i] = char
    return "".join(chars)


def _resolve(found: list[_Found]) -> list[_Found]:
    """Keep the strongest finding where several overlap; sort by position. A number or handle
    inside a link is part of the link ("wa.me/966593387091", "instagram.com/name")."""
    handles = {(f[1], f[2]) for f in found if f[0] is Kind.HANDLE}
    # "insta rita.haddad.lb": a name after a platform word, not a bare domain
    found = [f for f in found if f[4] != "url.bare" or (f[1], f[2]) not in handles]
    links = [(f[1], f[2]) for f in found if f[0] is Kind.URL]
    if links:
        found = [f for f in found if not _inside_link(f, links)]
    ranked = sorted(found, key=lambda f: (-_PRIORITY[f[0]], -f[3], f[1] - f[2], f[1]))
    kept: list[_Found] = []  # sorted by start, never overlapping: only neighbours can clash
    for f in ranked:
        k = bisect.bisect_left(kept, f[1], key=lambda x: x[1])
        if (k == 0 or kept[k - 1][2] <= f[1]) and (k == len(kept) or f[2] <= kept[k][1]):
            kept.insert(k, f)
    return kept


def _inside_link(f: _Found, links: list[tuple[int, int]]) -> bool:
    return f[0] in (Kind.PHONE, Kind.HANDLE) and any(s <= f[1] and f[2] <= e for s, e in links)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _clitic_forms(words: str) -> frozenset[str]:
    """Each Arabic cue word with the clitics it commonly takes: و ب ل ف ع + ال before it, a
    possessive (ـي ـه ـها ـو ـنا) after it."""
    prefixes = ("", "و", "ب", "ل", "ف", "ع", "ال", "وال", "بال", "لل", "فال", "عال")
    suffixes = ("", "ي", "ه", "ها", "و", "نا")
    return frozenset(p + w + x for w in words.split() for p in prefixes for x in suffixes)


def _cue_forms(words: str) -> frozenset[str]:
    """Latin and one-letter cues as they are; longer Arabic ones with their clitics."""
    plain = [w for w in words.split() if len(w) < 3 or not re.match(f"[{_AR}]", w)]
    arabic = " ".join(w for w in words.split() if w not in plain)
    return frozenset(plain) | _clitic_forms(arabic)


_STRIP = ".,;!?()[]{}<>\"'«»،؛؟-=*"
_DIGIT_RE = re.compile("[0-9]")
_AT_WORDS = frozenset(["at", "ات", "آت", "@"])
_DOT_WORDS = frozenset(["dot", "دوت", "نقطه"])
_PROVIDER_WORDS = _wordset(
    "gmail hotmail yahoo outlook icloud protonmail ymail جيميل جيمل ميل هوتميل ياهو اوتلوك "
    "اوت ايكلاود"
)
_HANDLE_WORDS = _cue_forms(
    "انستغرام انستقرام انستجرام انستا سناب سنابشات سنب تويتر اكس تيك تيكتوك تليجرام تلغرام "
    "تلكرام تلجرام تيليجرام تيليقرام تلي فيسبوك فيس ديسكورد يوتيوب تويتش سيغنال سيجنال ستيم "
    "لينكدان واتساب بلايستيشن ببجي بوبجي يوزر يوزري اليوزر المستخدم ضيفوني ضيفني اضيفوني "
    "تابعوني تابعني"
) | _wordset(
    "instagram insta ig snapchat snap sc twitter x tiktok tik telegram tele tg facebook fb "
    "discord kik threads youtube yt twitch signal steam psn xbox gamertag linkedin whatsapp "
    "snapshat instgram playstation pubg valorant fortnite roblox username add follow dm"
)


def _near(v: str, s: int, e: int, cue: re.Pattern[str], before: int = 40, after: int = 25) -> bool:
    return bool(cue.search(v, max(0, s - before), s) or cue.search(v, e, e + after))


# ---------------------------------------------------------------- numbers

_LONG_NUMBER_RE = re.compile(r"\d(?:[ \-.()]{0,3}\d){6}")
_RUN_RE = re.compile(r"(?<![a-z0-9_])\+?\d(?:[ \-.()]{0,3}\d)*")
_GROUP_RE = re.compile(r"\d+")
_LATIN_AT = re.compile("[a-z]")
_DATE_RE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_PHONE_CUE_RE = re.compile(
    r"رقم|نمر|نومرو|نوميرو|جوال|موبايل|تلفون|تليفون|هاتف|واتس|اتصل|كلمني|كلميني|كلموني|رن علي|"
    r"call|text me|whats ?app|phone|number|mobile|cell|reach me|contact|numero|numéro|nemra|"
    r"nmra|ra9m|raqm|ra2m|tel"
)
# "رقم الطلب", "order number": a number that names a thing, not a person.
_NOT_PHONE_RE = re.compile(
    r"(?:(?:رقم|نمره) (?:ال)?(?:طلب|طلبيه|فاتوره|حجز|تذكره|شحنه|مرجع|قضيه|ملف|موعد|بوليصه|"
    r"معامله|ايصال|وصل|غرفه|رحله|شكوي|بلاغ|عضويه|مقعد|بوابه)(?:يه|ي)?|(?:order|invoice|ticket|"
    r"booking|tracking|reference|ref|case|receipt|confirmation|parcel|flight|room|policy|account|"
    r"acc|complaint|claim|student|member|membership|seat|gate|bus|file)"
    r"(?: (?:no|number|num|#|id))?)[ .:#]*$"
)
_ID_CUE_RE = re.compile(
    r"هويه|هويت|الهويه|سجل مدني|السجل المدني|اقامه|اقامت|رقم قومي|الرقم القومي|القومي|بطاقه|"
    r"بطاقت|الرقم الوطني|رقمي الوطني|الوطني|national|id number|id no|my id|iqama|emirates id"
)
_PERSONAL_TYPES = frozenset(
    [PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE,
     PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER]
)  # fmt: skip
_MOBILE = frozenset([PhoneNumberType.MOBILE])
_EG_GOVERNORATES = frozenset(
    [f"{g:02d}" for g in (*range(1, 5), *range(11, 20), *range(21, 30), *range(31, 36), 88)]
)
_CARD_IIN_RE = re.compile(r"4|5[0-9]|2[2-7]|3[4-8]|6")
_IBAN_RE = re.compile(r"(?<![a-z0-9])[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]){11,32}")


# A message with more candidate windows than this is digit soup, not someone sharing a number.
_MAX_WINDOWS = 3000
# start, digits start, end, digits, after "+", spaced out, the whole run
_Window = tuple[int, int, int, str, bool, bool, bool]


def _numbers(v: str, country: str) -> Iterator[_Found]:
    yield from _ibans(v)
    for s, ds, e, digits, plus, spread, whole in islice(_windows(v), _MAX_WINDOWS):
        found = _id_or_card(v, digits, ds, e, single=ds == s and " " not in v[s:e] and not spread)
        phone = _phone(v, digits, s, e, plus, country, spread=spread, whole=whole)
        yield from (f for f in (found, phone) if f is not None)


def _windows(v: str) -> Iterator[_Window]:
    """Every run of consecutive digit groups holding 7 to 19 digits, dates left out."""
    for run in _RUN_RE.finditer(v):
        groups = [(m.start(), m.end()) for m in _GROUP_RE.finditer(v, run.start(), run.end())]
        plus = run.group().startswith("+")
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += v[groups[j][0] : groups[j][1]]
                if len(digits) > 19:
                    break
                s, e = groups[i][0] - (plus and i == 0), groups[j][1]
                if len(digits) < 7 or _DATE_RE.fullmatch(v, s, e) or _LATIN_AT.match(v, e):
                    continue
                whole = i == 0 and j == len(groups) - 1
                yield s, groups[i][0], e, digits, plus and i == 0, j - i >= 3, whole


def _id_or_card(v: str, d: str, s: int, e: int, *, single: bool) -> _Found | None:
    n = len(d)
    if n == 15 and d.startswith("784") and 1900 <= int(d[3:7]) <= 2100 and luhn.is_valid(d):
        return Kind.NATIONAL_ID, s, e, 0.95, "national_id.ae"
    if n == 14 and single and _egyptian_id(d):
        return Kind.NATIONAL_ID, s, e, 0.9, "national_id.eg"
    if n == 10 and single and d[0] in "12" and luhn.is_valid(d):
        return (
            Kind.NATIONAL_ID,
            s,
            e,
            (0.95 if _near(v, s, e, _ID_CUE_RE) else 0.75),
            ("national_id.sa"),
        )
    if n == 10 and single and d[0] in "29" and _near(v, s, e, _ID_CUE_RE):
        return Kind.NATIONAL_ID, s, e, 0.7, "national_id.jo"
    if 13 <= n <= 19 and _CARD_IIN_RE.match(d) and luhn.is_valid(d):
        return Kind.CARD, s, e, 0.9, "card.luhn"
    return None


def _egyptian_id(d: str) -> bool:
    if d[0] not in "23" or d[7:9] not in _EG_GOVERNORATES:
        return False
    try:
        date(1800 + 100 * int(d[0]) + int(d[1:3]), int(d[3:5]), int(d[5:7]))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=64)
def _region(region: str) -> tuple[str, tuple[int, ...]] | None:
    """(trunk prefix, national number lengths) of a region, None if phonenumbers has none."""
    md = PhoneMetadata.metadata_for_region(region)
    if md is None or md.general_desc is None:  # not a region, or not in this release
        return None
    return md.national_prefix or "", tuple(md.general_desc.possible_length)


_ARAB_CODES = frozenset(str(phonenumbers.country_code_for_region(r)) for r in ARAB_REGIONS)


def _phone(
    v: str, d: str, s: int, e: int, plus: bool, country: str, *, spread: bool, whole: bool = True
) -> _Found | None:
    """A phone number: international, with a country code, or national for some region."""
    if len(d) > 15:
        return None
    found = None
    if plus or d.startswith("00"):
        found = _valid("+" + (d[2:] if not plus else d), None, 0.95, "phone.international")
    elif len(d) >= 11 and (d[:2] in _ARAB_CODES or d[:3] in _ARAB_CODES):
        found = _valid("+" + d, None, 0.85, "phone.country_code")
    if found is None:
        found = _national(v, d, s, e, country, whole=whole)
    if found is None:
        return None
    score, rule = found
    if spread:  # digits spaced out one or two at a time: deliberate, still a number
        rule += ".spaced"
    if v[s - 1 : s] == "(" and ")" in v[s:e]:  # "(469) 352-8817", "(02) 2345 6789"
        s -= 1
    return Kind.PHONE, s, e, score, rule


def _national(
    v: str, d: str, s: int, e: int, country: str, *, whole: bool
) -> tuple[float, str] | None:
    """A national reading of the digits, unless the words before name what they number
    ("رقم الطلب 45882103", "order #0551829374"), whatever they would dial."""
    found = _national_reading(v, d, s, e, country, whole=whole)
    return None if found is None or _names_a_thing(v, s) else found


def _national_reading(
    v: str, d: str, s: int, e: int, country: str, *, whole: bool
) -> tuple[float, str] | None:
    """Numbers without a trunk prefix (KW, QA, ...) must fill their whole digit run: inside a
    longer run ("240 413 8158") they are more likely a piece of something else."""
    # The member's own country first, wherever it is; then every Arab country.
    regions = ([country] if country else []) + [r for r in ARAB_REGIONS if r != country]
    cue: bool | None = None
    for region in regions:
        info = _region(region)
        if info is None:
            continue
        prefix, lengths = info
        types = _PERSONAL_TYPES
        if prefix and d.startswith(prefix) and len(d) - len(prefix) in lengths:
            score = 0.95 if region == country else 0.85
        elif whole and len(d) in lengths:
            # No trunk prefix, by the region's rule ("55123456" in Kuwait) or left out of a
            # mobile ("واتس 773 218 406" in Yemen): the member's country, or a phone word near
            # it; never a service number as written ("920033360", a Saudi helpline).
            if cue is None:
                cue = _near(v, s, e, _PHONE_CUE_RE) and not _service_number(d)
            if region != country and not cue:
                continue
            score = 0.8 if region == country else 0.6
            if prefix:  # left out: mobiles only
                types = _MOBILE
        else:
            continue
        found = _valid(d, region, score, "phone.national", types)
        if found is not None:
            return found
    # North American numbers go without their trunk "1", mostly in one shape: "(469) 352-8817",
    # "312-846-2291", "312.846.2291"; any shape for a member in the US or Canada.
    if len(d) == 10 and whole and (country in ("US", "CA") or _nanp_shaped(v, s, e)):
        return _valid(d, "US", 0.9 if country in ("US", "CA") else 0.8, "phone.nanp")
    # A British number after a phone word ("text me on 07700 900123"): many members live there.
    if whole and d.startswith("0") and _near(v, s, e, _PHONE_CUE_RE):
        return _valid(d, "GB", 0.6, "phone.national")
    return None


def _nanp_shaped(v: str, s: int, e: int) -> bool:
    if v[s - 1 : s] == "(":  # the run starts at the first digit
        return _NANP_BRACKETS_RE.fullmatch(v, s, e) is not None
    return _NANP_RE.fullmatch(v, s, e) is not None


_NANP_BRACKETS_RE = re.compile(r"\d{3}\) ?\d{3}[-.]\d{4}")
_NANP_RE = re.compile(r"\d{3}([-.])\d{3}\1\d{4}")


@lru_cache(maxsize=256)
def _service_number(d: str) -> bool:
    """A toll-free, shared-cost or UAN number of some Arab country, as written."""
    kinds = (_number_type(d, region) for region in ARAB_REGIONS)
    return any(t is not None and t not in _PERSONAL_TYPES for t in kinds)


def _names_a_thing(v: str, s: int) -> bool:
    """ "رقم الطلب 45882103", "order #45882103": the words just before name what it numbers."""
    return _NOT_PHONE_RE.search(v[max(0, s - 30) : s].rstrip()) is not None


def _valid(
    number: str,
    region: str | None,
    score: float,
    rule: str,
    types: frozenset[int] = _PERSONAL_TYPES,
) -> tuple[float, str] | None:
    """(score, rule) if `number` is a valid number of one of `types` (default: a person's)."""
    return (score, rule) if _number_type(number, region) in types else None


def _number_type(number: str, region: str | None) -> int | None:
    """phonenumbers' type of a valid number; None for an invalid one."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    return int(phonenumbers.number_type(parsed)) if phonenumbers.is_valid_number(parsed) else None


_DIGIT_WORDS = {
    word: str(digit)
    for digit, words in enumerate(
        [
            "صفر zero oh",
            "واحد one",
            "اثنين اثنان اتنين تنين two",
            "ثلاثه ثلاث تلاته تلات three",
            "اربعه اربع four",
            "خمسه خمس five",
            "سته ست six",
            "سبعه سبع seven",
            "ثمانيه ثمان تمانيه تمنيه eight",
            "تسعه تسع nine",
        ]
    )
    for word in words.split()
}
_DIGIT_WORD = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
# Digit words, alone or mixed with digit groups ("zero one zero 9638 2217").
_SPELLED_TOKEN = rf"(?:{_DIGIT_WORD}|\d{{1,4}})"
_SPELLED_RE = re.compile(
    rf"(?<![\w]){_SPELLED_TOKEN}(?:[ ,\-]+(?:و ?)?{_SPELLED_TOKEN}){{2,20}}(?![\w])"
)
_SPELLED_TOKEN_RE = re.compile(_SPELLED_TOKEN)


def _spelled_phones(v: str, country: str) -> Iterator[_Found]:
    """Numbers written out in words, wholly or in part ("صفر خمسة صفر ...", "zero five five
    ...", "zero one zero 9638 2217"): the longest start of the run that is a phone number."""
    for m in _SPELLED_RE.finditer(v):
        tokens = list(_SPELLED_TOKEN_RE.finditer(v, m.start(), m.end()))
        if sum(t.group() in _DIGIT_WORDS for t in tokens) < 2:
            continue
        digits = [_DIGIT_WORDS.get(t.group(), t.group()) for t in tokens]
        for last in range(len(tokens), 1, -1):
            number = "".join(digits[:last])
            if len(number) < 7:
                break
            found = _phone(
                v, number, m.start(), tokens[last - 1].end(), False, country, spread=False
            )
            if found is not None:
                yield Kind.PHONE, found[1], found[2], found[3] * 0.9, found[4] + ".spelled"
                break


def _iban_lengths() -> dict[str, int]:
    """IBAN length per country, from python-stdnum's registry (bban "2!n18!c" -> 4 + 20)."""
    lengths = {}
    for _, low, _, props, _ in numdb.get("iban").prefixes:
        if "bban" in props:
            lengths[low.lower()] = 4 + sum(map(int, re.findall(r"(\d+)!", props["bban"])))
    return lengths


_IBAN_LENGTHS = _iban_lengths()


def _ibans(v: str) -> Iterator[_Found]:
    for m in _IBAN_RE.finditer(v):
        length = _IBAN_LENGTHS.get(m.group()[:2], 0)
        positions = [i for i in range(m.start(), m.end()) if v[i].isalnum()][:length]
        compact = "".join(v[i] for i in positions).upper()
        if len(compact) == length and stdnum_iban.is_valid(compact):
            yield Kind.IBAN, m.start(), positions[-1] + 1, 0.98, "iban.mod97"


# ---------------------------------------------------------------- e-mail

_PROVIDER = (
    r"(?:gmail|hotmail|yahoo|outlook|icloud|protonmail|ymail|"
    r"جي ?ميل|جيمل|هوت ?ميل|ياهو|اوت ?لوك|ايكلاود)"
)
_AT_RE = re.compile(
    rf" ?[\[\(\{{<] ?(?:at|@|ات) ?[\]\)\}}>] ?| ?@ ?| (?:at|ات) | (?:علي|on|ع|في) (?={_PROVIDER})"
)
_DOT = r"(?: ?[\[\(\{] ?(?:dot|\.|دوت|نقطه) ?[\]\)\}] ?| (?:dot|دوت|نقطه) | ?\. ?)"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_AR_TLD = "كوم|نت|اورج"
_DOMAIN_RE = re.compile(rf"(?:{_PROVIDER}|{_LABEL})(?:{_DOT}(?:{_LABEL}|{_AR_TLD}))*")
_LAST_LABEL_RE = re.compile(rf"(?:{_LABEL}|{_AR_TLD})$")
_PROVIDER_RE = re.compile(_PROVIDER)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_TLDS = _wordset(
    "com net org edu gov info io co app dev ai ly gg tv xyz online site store link page blog "
    "me uk de fr tr ca us sa ae eg jo kw qa bh om iq sy lb ps ma dz tn sd ye كوم نت اورج"
)


def _emails(v: str) -> Iterator[_Found]:
    for sep in _AT_RE.finditer(v):
        local_start = _local_start(v, sep.start())
        domain = _DOMAIN_RE.match(v, sep.end())
        if local_start is None or domain is None:
            continue
        plain = sep.group().strip() == "@"
        if sep.group() == " @" and not _PROVIDER_RE.fullmatch(domain.group()):
            continue  # "insta @3abood.jo": a handle after its cue, not "name @site.com"
        tail = _LAST_LABEL_RE.search(domain.group())
        has_tld = tail is not None and tail.group() in _TLDS and domain.group() != tail.group()
        if not has_tld and not _PROVIDER_RE.fullmatch(domain.group()):
            continue
        if not plain and sep.start() - local_start < 2:
            continue
        if not plain and not _obfuscated_email(v, sep, domain.group(), local_start):
            continue
        dotted = plain and " " not in domain.group() and "dot" not in domain.group()
        rule = "email.plain" if dotted else "email.obfuscated"
        yield Kind.EMAIL, local_start, domain.end(), (0.98 if dotted else 0.85), rule


def _obfuscated_email(v: str, sep: re.Match[str], domain: str, local_start: int) -> bool:
    """ "name at gmail dot com", "name [at] site.org": yes; "listeners at 7cups.com", "logged
    in on gmail": no, unless an e-mail cue word comes just before."""
    if any(c in sep.group() for c in "[({<") and sep.group().strip() != "@":
        return True
    cue = _EMAIL_CUE_RE.search(v, max(0, local_start - 30), local_start) is not None
    if sep.group().strip() in ("at", "ات"):
        return (
            cue or _OBFUSCATED_DOT_RE.search(domain) is not None or bool(_PROVIDER_RE.match(domain))
        )
    # "name on gmail", "name على جيميل": a cue word before, or a name that looks like an address
    local = v[local_start : sep.start()]
    return cue or (len(local) >= 4 and re.search(r"[._\d]", local) is not None)


_EMAIL_CUE_RE = re.compile(r"mail|ايميل|اميل|بريد|ميل")
_OBFUSCATED_DOT_RE = re.compile(r"dot|دوت|نقطه|[\[\(\{]")


def _local_start(v: str, end: int) -> int | None:
    k = end
    while k > 0 and end - k < 64 and v[k - 1] in _LOCAL_CHARS:
        k -= 1
    while k < end and v[k] in "._%+-":
        k += 1
    return k if k < end else None


# ---------------------------------------------------------------- links

# Link hosts whose top-level domain is not in the list below (short links, link pages).
_LINK_HOSTS = r"(?:t|wa|m|fb)\.me|linktr\.ee|youtu\.be|(?:maps\.app\.)?goo\.gl|forms\.gle"
_LINK_DOMAIN_RE = re.compile(rf"(?<![a-z0-9.-])(?:{_LINK_HOSTS})/")
_URL_RE = re.compile(
    r"(?:https?|ftp)://[^\s<>\"']+|www\.[^\s<>\"']+|"
    rf"(?<![a-z0-9.-])(?:{_LINK_HOSTS})/[^\s<>\"']+"
)
_BARE_TLD_RE = re.compile(
    r"\.(?:com|net|org|edu|gov|info|io|co|app|dev|ai|ly|gg|tv|xyz|online|site|store|link|page|"
    r"blog|uk|de|fr|tr|ca|sa|ae|eg|jo|kw|qa|bh|om|iq|sy|lb|ps|ma|dz|tn|sd|ye)(?![a-z0-9-])"
)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_PATH_RE = re.compile(r"[/?#][^\s<>\"']*")
_SOCIAL_RE = re.compile(
    r"instagram|snapchat|tiktok|facebook|fb\.com|twitter|x\.com|t\.me|wa\.me|linkedin"
)
_TRAILING = ".,;:!?)]}'\"،؛؟"


def _urls(v: str) -> Iterator[_Found]:
    for m in _URL_RE.finditer(v):
        yield _url(v, m.start(), m.end(), "url.scheme" if "://" in m.group() else "url.www")
    for m in _BARE_TLD_RE.finditer(v):
        start = m.start()
        while start > 0 and m.start() - start < 253 and v[start - 1] in _DOMAIN_CHARS:
            start -= 1
        start += len(v[start : m.start()]) - len(v[start : m.start()].lstrip(".-"))
        label = v[start : m.start()].rsplit(".", 1)[-1]
        if len(label) < 2 or not re.search("[a-z]", label) or v[start - 1 : start] == "@":
            continue
        path = _PATH_RE.match(v, m.end())
        yield _url(v, start, path.end() if path else m.end(), "url.bare")


def _url(v: str, s: int, e: int, rule: str) -> _Found:
    while e > s and v[e - 1] in _TRAILING:
        e -= 1
    score = 0.95 if _SOCIAL_RE.search(v, s, e) else 0.75
    return Kind.URL, s, e, score, rule


# ---------------------------------------------------------------- social handles

_AR_CUE = (
    r"(?:انستغرام|انستقرام|انستجرام|انستا|انستي|سناب شات|سنابشات|سناب|سنابي|سنب|تويتر|اكس|"
    r"تيك توك|تيكتوك|تليجرام|تلغرام|تلكرام|تلجرام|تيليجرام|تيليقرام|تلي|فيسبوك|فيس بوك|فيس|"
    r"ديسكورد|يوتيوب|تويتش|سيغنال|سيجنال|ستيم|لينكدان|واتساب|بلايستيشن|ببجي|بوبجي)"
    # "انستغرامي", "فيسه", "تلجرامي": the platform with a possessive
    r"(?:ي|ه|ها|و|نا)?|ضيفوني|ضيفني|اضيفوني|تابعوني|تابعني|يوزري|اليوزر|يوزر|اسم المستخدم"
)
_EN_CUE = (
    r"instagram|insta|ig|snapchat|snap|sc|twitter|on x|tiktok|tik tok|telegram|tele|tg|facebook|"
    r"fb|discord|kik|threads|youtube|yt|twitch|signal|steam|psn|xbox|gamertag|linkedin|"
    r"whatsapp|snapshat|instgram|playstation|pubg|valorant|fortnite|roblox|username|add me|"
    r"follow me|dm me"
)
_HANDLE_CUE_RE = re.compile(
    rf"(?<![a-z])(?:{_EN_CUE})(?![a-z])|(?<![{_AR}])(?:[وبلف]|ع)?(?:ال)?(?:{_AR_CUE})(?![{_AR}])"
)
# Emoji and arrows between a platform word and the name: "insta 👉 @name 👈".
_POINTERS = "\u2190-\u21ff\u2700-\u27bf\U0001f300-\U0001faff"
_FILLER = (
    rf"(?:[ :=\-–>,،!{_POINTERS}]|(?:is|its|it's|هو|حسابي|account|acc|handle|username|user|name|"
    r"id|tag|channel|page|profile|on|was|علي|ع|my|me|3al|3ala|3a|ala|fi|ديالي|تاعي|متاعي|بتاعي|"
    r"تبعي|حقي|حقتي|مالي|مالتي|يوزري|اليوزر|يوزر|اسم المستخدم|قناتي|صفحتي|dyali|diali|ta3i|"
    r"nta3i|dyal|ta3|beta3i|بتاعتو|بتاعته|بتاعه|بتاعها|حقه|حقها|تبعو|تبعه|ديالو|ديالها|متاعو)"
    r"(?![a-zء-ي]))"
)
# A name as the platforms allow it, hyphens inside included ("omar-nasser-eng"); Discord's old
# tags and Riot's ids end in "#" and a tag ("#4821", "#ksa1").
_NAME = r"@?[a-z0-9_](?:[a-z0-9_.]|-(?=[a-z0-9])){1,29}(?:#[a-z0-9]{3,5})?"
_AFTER_CUE_RE = re.compile(rf"(?P<fill>{_FILLER}{{0,8}})(?P<name>{_NAME})")
_REDDIT_USER_RE = re.compile(r"(?<![a-z0-9_/.])/?u/[a-z0-9_-]{3,20}(?![a-z0-9_/-])")
_AT_HANDLE_RE = re.compile(r"(?<![a-z0-9_.@])@[a-z0-9_][a-z0-9_.]{1,29}")
_PROSE_AFTER_RE = re.compile(r" *[a-z]| *[.,!?]* +[a-z]")
_ACCOUNT_RE = re.compile(r"حسابي|account|acc|handle|username|user|id")
_CUE_AFTER_HANDLE_RE = re.compile(
    rf" ?(?:(?:on|in|at|في|علي|ع|3al|3ala|ala|fi)(?![a-z]) ?)?(?:[وبلف]|ع)?(?:ال)?"
    rf"(?:{_EN_CUE}|{_AR_CUE})"
    rf"(?![a-z{_AR}])"
)
# A name that cannot be prose ("noura.aldosari.2", "a7med.elmasry"), and a platform or account
# word soon after it: "sham.el.yasmeen هيدا حسابي عالتيكتوك", "a7med.elmasry on fb".
_MARKED_NAME_RE = re.compile(r"(?<![a-z0-9_.@/#])@?[a-z0-9_.]*[a-z][a-z0-9_.]*(?![a-z0-9_.@/#])")
_CUE_SOON_RE = re.compile(
    r" ?(?:(?:ده|دا|هذا|هذه|هذي|هاد|هيدا|هاي|this|is|my|it's|its|that's|thats|on|in|at|في|علي|"
    rf"ع)(?![a-z{_AR}]) ?)*(?:{_HANDLE_CUE_RE.pattern}|حسابي|account)"
)
_COMMON_WORDS = _wordset(
    "story stories post posts page account down app reels reel live feed is was and the me "
    "you him her them us it this that too also please pls now later today tonight back "
    "again more here there dm chat message messages group groups in at on to of i my no yes "
    "so not but or if just like lol omg what who when where why how im i'm he she we they "
    "same mine yours "
    "bitch hoes hoe nigga shit fuck"
)


def _handles(v: str) -> Iterator[_Found]:
    for cue in _HANDLE_CUE_RE.finditer(v):
        m = _AFTER_CUE_RE.match(v, cue.end())
        if m is not None and _plausible_handle(v, m):
            end = m.end() - (len(m.group("name")) - len(m.group("name").rstrip(".")))
            score = 0.9 if m.group("name")[0] == "@" or ":" in m.group("fill") else 0.75
            yield Kind.HANDLE, m.start("name"), end, score, "handle.after_cue"
    for m in _AT_HANDLE_RE.finditer(v):
        if _CUE_AFTER_HANDLE_RE.match(v, m.end()):
            yield Kind.HANDLE, m.start(), m.end() - (m.group()[-1] == "."), 0.85, "handle.near_cue"
    for m in _REDDIT_USER_RE.finditer(v):  # "u/name" names a Reddit account by itself
        yield Kind.HANDLE, m.start(), m.end(), 0.85, "handle.reddit"
    for m in _MARKED_NAME_RE.finditer(v):
        if _marked(m.group()) and _CUE_SOON_RE.match(v, m.end()):
            yield Kind.HANDLE, m.start(), m.end(), 0.75, "handle.before_cue"


def _marked(name: str) -> bool:
    """A handle-shaped word: it starts with a letter, has three letters or more, and a "_", a
    digit beside an inner ".", or two inner dots. Not a digit alone (Arabizi: "y7eb", "3ala"),
    not one dot ("facebook.I": a sentence that lost its space)."""
    bare = name.lstrip("@").strip(".")
    return (
        bare[:1].isalpha()
        and not _prose(bare)
        and len(re.findall("[a-z]", bare)) >= 3
        and ("_" in bare or bare.count(".") >= 2 or ("." in bare and any(map(str.isdigit, bare))))
    )


def _prose(bare: str) -> bool:
    """Not a name: under two letters, a common or platform word, or sentences that lost their
    spaces ("wall..one", "2.fucking", "here.i")."""
    return (
        len(re.findall("[a-z]", bare)) < 2
        or bare in _COMMON_WORDS
        or bare in _HANDLE_WORDS
        or _SENTENCES_RE.search(bare) is not None
        or (bare.count(".") == 1 and not _COMMON_WORDS.isdisjoint(bare.split(".")))
    )


_SENTENCES_RE = re.compile(r"\.\.|^\d+\.")
_ARABIZI_DIGIT_RE = re.compile(r"[a-z][235679][a-z]")


def _plausible_handle(v: str, m: re.Match[str]) -> bool:
    """Marked names (@, digits, "_", ".") or names after "insta:", "my snap is", "حسابي":
    plain words after a bare cue are prose ("insta last week", "snap score")."""
    name, fill = m.group("name"), m.group("fill")
    bare = name.lstrip("@").rstrip(".")
    if _prose(bare):
        return False
    # A digit marks a name unless it spells an Arabizi letter ("a7san", "ba3atet").
    digit = re.search(r"\d", bare) is not None and _ARABIZI_DIGIT_RE.search(bare) is None
    if name[0] == "@" or ":" in fill or "=" in fill or digit or re.search(r"[_.]", bare):
        return True
    before = v[max(0, m.start() - 25) : m.start()]
    account = (
        _ACCOUNT_RE.search(fill)
        or "حسابي" in before
        or (re.search(r"(?<![a-z])my ", before) and re.search(r"(?<![a-z])is ", fill))
    )
    return bool(account) and len(bare) >= 4 and _PROSE_AFTER_RE.match(v, m.end()) is None


# ---------------------------------------------------------------- street addresses

_NUM = r"\d{1,5}"
# A house or flat number may carry a letter ("عماره ب12", "apt 3c"); a count of hours, days or
# kilometres is not one ("a house 2 hours away", "شقه 3 ايام").
_UNIT_WORDS = (
    r"hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|yrs?|km|kms|miles?|people|ppl|"
    r"ساعه|ساعات|دقيقه|دقايق|دقائق|يوم|ايام|اسبوع|اسابيع|شهر|شهور|اشهر|سنه|سنين|سنوات|كيلو|ناس|"
    r"sa3a|sa3at|dqayq|d9ay9|ayam|iyam|youm|chhor|chhour|shhour|shohor|snin|sinin|sana|kilo"
)
_HOUSE_NUM = rf"(?:[{_AR}a-z] ?)?\d{{1,5}}[a-z]?(?! ?(?:{_UNIT_WORDS})(?![a-z{_AR}]))"
# Word start, allowing one clitic letter (بشارع، وعماره، فزنقه); not ال: "الشارع" is any street.
_W = rf"(?:(?<![{_AR}])|(?<=(?<![{_AR}])[وبلف]))"
_AR_STOP = (
    "في|من|الي|علي|عند|جنب|قريب|بس|و|هو|هي|كان|اللي|ما|لا|انا|يا|مع|عماره|بنايه|مبني|برج|"
    "فيلا|شقه|الشقه|دور|الدور|طابق|الطابق|حي|رقم|شارع|منزل|بيت|دار"
)
_AR_NAME = rf"(?!(?:{_AR_STOP})(?![{_AR}]))[{_AR}]{{2,}}"
_EN_STOP = (
    r"(?!(?:the|a|an|my|our|your|his|her|their|down|up|to|from|on|in|of|this|that|and|or|so|"
    r"hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|miles?|km|kms|blocks?|"
    r"long|short|more|less|cant|can't|way|ways|min|max|times?|am|pm|at|is|its|it's|was|near|"
    r"by|off|one|same|main|quiet|busy|noisy|big|small|new|old|whole|next|other|every|any|"
    r"i|im|i'm|we|you|u|live|lives|living|moved|stay|staying|come|go|walk|walked)\b)"
)
_NO = r"(?: ?(?:رقم|نمره|no\.?|n°|number|num|ra9m|raqm|#) ?| )"
# Street words: Arabic (Maghrebi زنقه درب نهج, Levantine زاروب, Iraqi زقاق, Egyptian حاره سكه,
# Gulf جاده) and Arabizi/French spellings.
_AR_STREET_WORDS = "شارع طريق زنقه درب نهج زقاق زاروب حاره سكه جاده"
_AR_STREET_NAMED = _AR_STREET_WORDS.replace(" ", "|")
_AR_STREET = r"ش\.|" + _AR_STREET_NAMED
_LATIN_STREET_WORDS = (
    "share3 shar3 shari3 sharee3 chare3 chari3 sharia zan9a zanqa zenqa znqa zuqaq derb rue avenue"
)
_LATIN_STREET = _LATIN_STREET_WORDS.replace(" ", "|")
_LATIN_ARTICLE = r"(?:(?:el|al|de|du|des|la|l)[ -])?"  # "share3 el nil", "rue de la paix"
_ORDINAL_AR = (
    r"اول|الاول|اولاني|ثاني|الثاني|تاني|التاني|ثالث|الثالث|تالت|التالت|رابع|الرابع|خامس|الخامس|"
    r"سادس|السادس|سابع|السابع|ثامن|الثامن|تامن|التامن|تاسع|التاسع|عاشر|العاشر|ارضي|الارضي"
)
_ORDINAL_EN = r"\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|ground|top"
_ORDINAL_ARABIZI = r"awel|tany|tani|talet|talit|tales|rabe3|khames|5ames|ardi|ardy"
_ADDRESS_PARTS = [  # (part, strength, cue words, needs a digit, pattern)
    ("po_box", 3, "ص.ب ص صندوق box pobox", True,
     r"(?:ص\.? ?ب\.?|صندوق بريد|p\.? ?o\.? ?box|pobox)[ :#.]*\d{2,6}"),
    ("postal_code", 3, "البريدي postal zip", True,
     r"(?:الرمز البريدي|postal code|zip code|zip)[ :#]*\d{4,6}"),
    ("street", 3, "street st road rd avenue ave lane ln boulevard blvd drive dr", True,
     rf"(?<![\w])\d{{1,5}}[a-z]? (?:(?:[nsew]|ne|nw|se|sw)\.? )?(?:{_EN_STOP}[a-z]{{2,}} ){{1,3}}"
     r"(?:street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|drive|dr)(?![a-z])\.?"),
    # "12 ش. عبد الرحيم", "ف17 نهج الحريه", "33 حاره الصباغين": a number before a named street
    ("street", 3, "ش " + _AR_STREET_WORDS, True,
     rf"(?:(?<![\w])|(?<=(?<![\w])[وبلف]))\d{{1,5}} (?:{_AR_STREET}) ?{_AR_NAME}"
     rf"(?: {_AR_NAME}){{0,2}}"),
    ("street", 2, "ش " + _AR_STREET_WORDS, True,
     rf"{_W}(?:{_AR_STREET}){_NO}?{_NUM}(?:{_NO}{_NUM})?"),
    ("street", 1, _AR_STREET_WORDS, False,
     rf"{_W}(?:{_AR_STREET_NAMED}) ال{_AR_NAME}(?: {_AR_NAME}){{0,2}}(?:{_NO}{_NUM})?"),
    # "زنقه ابن سينا رقم 12": a name without its article, then the house number
    ("street", 2, _AR_STREET_WORDS, True,
     rf"{_W}(?:{_AR_STREET_NAMED}) {_AR_NAME}(?: {_AR_NAME}){{0,2}} ?(?:رقم|نمره) ?{_NUM}"),
    ("street", 3, _LATIN_STREET_WORDS, True,  # "3 shar3 el nakhil", "12 rue ibn sina"
     rf"(?<![\w])\d{{1,5}}[a-z]? (?:{_LATIN_STREET}) {_LATIN_ARTICLE}{_EN_STOP}[a-z]{{3,}}"),
    ("street", 2, _LATIN_STREET_WORDS, True,
     rf"(?<![a-z])(?:{_LATIN_STREET}){_NO}?{_NUM}(?![0-9a-z])"),
    ("street", 1, _LATIN_STREET_WORDS, False,
     rf"(?<![a-z])(?:{_LATIN_STREET}) {_LATIN_ARTICLE}{_EN_STOP}[a-z]{{3,}}"
     rf"(?: {_EN_STOP}[a-z]{{3,}})?(?:{_NO}{_NUM})?"),
    ("street", 1, "street st road rd way", True,
     rf"(?<![a-z])(?:street|st\.|road|rd\.|way){_NO}{_HOUSE_NUM}"),
    # "3rd house on the left", "ثالث بيت على اليمين": directions to a door, beside a street
    ("building", 0, "house بيت عماره فيلا باب", False,
     rf"(?<![a-z])(?:{_ORDINAL_EN}) (?:house|building|villa|door)(?![a-z])|{_W}(?:اول|ثاني|تاني|"
     rf"ثالث|تالت|رابع|خامس|اخر) (?:بيت|عماره|فيلا|باب)(?![{_AR}])"),
    # "2209 w grand blvd #4": a unit number after an English street
    ("unit", 0, "street st road rd avenue ave boulevard blvd lane ln drive dr", True,
     r"(?<![\w#])#\d{1,5}[a-z]?(?![\w])"),
    # "شارع هائل", "الشارع الرئيسي": a named street without its article, beside a numbered part
    ("street_named", 0, _AR_STREET_WORDS, False,
     # (not درب and طريق, "path" and "way" as often as streets: "درب ذات الشوكة")
     rf"{_W}(?:(?!درب|طريق)(?:{_AR_STREET_NAMED}) (?!ال){_AR_NAME}|"
     rf"ال(?:{_AR_STREET_NAMED}) ال{_AR_NAME})(?: {_AR_NAME})?"),
    # "king fahd rd", "al olaya st": a named street only counts beside a numbered part
    ("street_named", 0, "street st road rd avenue ave lane", False,
     rf"(?<![a-z])(?:al[ -])?{_EN_STOP}[a-z]{{3,}}(?: {_EN_STOP}[a-z]{{2,}}){{0,2}} "
     r"(?:street|st|road|rd|avenue|ave|lane)(?![a-z])\.?"),
    ("district", 1, "حي بحي وحي فحي منطقه محله الحاره 7ay hay 7ai", False,
     # not "حي الله" (a greeting: "welcome")
     rf"{_W}(?:حي|منطقه|محله) (?:(?!الله(?![{_AR}]))ال{_AR_NAME}(?: {_AR_NAME})?|(?:رقم ?)?"
     rf"\d{{1,3}}(?: {_AR_NAME})?)|{_W}الحاره \d{{1,3}}|"
     rf"(?<![a-z])(?:7ay|7ai|hay) (?:(?:el|al)[ -])?{_EN_STOP}[a-z]{{3,}}"),
    ("building", 1,
     "عماره بنايه مبني برج فيلا منزل بلوك قطعه مربع بيت دار building bldg villa tower block "
     "house 3emara 3imara 3mara imara dar manzel manzil bet beit bayt gat3a qit3a 9it3a bloc imm",
     True,
     rf"{_W}(?<![a-z])(?:عماره|بنايه|مبني|برج|فيلا|منزل|بلوك|قطعه|مربع|بيت|دار|building|bldg|"
     r"villa|tower|block|house|3emara|3imara|3mara|imara|dar|manzel|manzil|bet|beit|bayt|gat3a|"
     rf"qit3a|9it3a|bloc|imm)\.?{_NO}{_HOUSE_NUM}"),
    # "مجمع الواحه", "al rabwa compound", "بنايه عيتاني": a named building, beside a numbered part
    ("building_named", 0, "مجمع كمبوند برج ابراج بنايه compound tower towers residence complex",
     False,
     rf"{_W}(?:مجمع|كمبوند|برج|ابراج|بنايه) {_AR_NAME}(?: {_AR_NAME}){{0,2}}|(?<![a-z])(?:al[ -])?"
     rf"{_EN_STOP}[a-z]{{3,}}(?: {_EN_STOP}[a-z]{{3,}})? (?:compound|towers?|residences?|complex)"
     r"(?![a-z])"),
    ("unit", 0,
     "شقه دور طابق apt apartment flat unit suite floor zone sha2a sha22a shaqa chqa dor tabe2 "
     "etage appt",
     True,
     rf"{_W}(?<![a-z])(?:ال)?(?:شقه|دور|طابق|apt\.?|apartment|flat|unit|suite|floor|zone|sha2a|"
     rf"sha22a|shaqa|chqa|dor|tabe2|etage|appt\.?){_NO}{_HOUSE_NUM}"),
    ("unit", 0, "دور طابق floor dor tabe2", False,
     rf"{_W}(?:ال)?(?:دور|طابق) (?:{_ORDINAL_AR})(?![{_AR}])|(?<![a-z])(?:{_ORDINAL_EN}) floor"
     r"(?![a-z])|(?<![a-z])(?:el )?(?:dor|tabe2) (?:el )?(?:\d{1,2}(?![0-9])|"
     rf"(?:{_ORDINAL_ARABIZI})(?![a-z]))"),
]  # fmt: skip
_ADDRESS_RES = [
    (name, strength, _cue_forms(cues), digit, re.compile(p))
    for name, strength, cues, digit, p in _ADDRESS_PARTS
]
_ADDRESS_WORDS = frozenset().union(*(cues for _, _, cues, _, _ in _ADDRESS_RES))
_RESIDENCE_CUE_RE = re.compile(
    r"ساكن|اسكن|نسكن|يسكن|بسكن|عايش|عنوان|بيتي|بيتنا|منزلي|شقتي|دارنا|داري|i live|we live|"
    r"live at|live on|living at|address|located at|come to|stay at|staying at|find me at|"
    r"sakin|sakna|sakn|saken|3enwan|3nwan|dari|darna"
)


def _addresses(v: str, words: set[str], *, digits: bool) -> Iterator[_Found]:
    parts = sorted(
        (m.start(), m.end(), strength, name)
        for name, strength, cues, numbered, regex in _ADDRESS_RES
        if (digits or not numbered) and not cues.isdisjoint(words)
        for m in regex.finditer(v)
    )
    group: list[tuple[int, int, int, str]] = []
    end = 0
    for part in parts:
        if group and (part[0] - end > 20 or len(group) >= 8):
            yield from _address(v, group)
            group = []
        group.append(part)
        end = max(end, part[1]) if len(group) > 1 else part[1]
    yield from _address(v, group)


def _address(v: str, group: list[tuple[int, int, int, str]]) -> Iterator[_Found]:
    if not group:
        return
    s, e = group[0][0], max(p[1] for p in group)
    _, _, strongest, name = max(group, key=lambda p: p[2])
    # Several parts: "عماره 5 بلوك 32", "building 6, king fahd rd", "al nakheel tower, floor 9,
    # flat 902"; districts alone ("حي الله يا حي الله", a greeting) name no door.
    names = {p[3] for p in group}
    count = _separate(group)
    several = count >= 2 and names != {"district"}
    if strongest >= 3:
        yield Kind.ADDRESS, s, e, 0.9, f"address.{name}"
    # a flat in a named tower: "apt 1204, marina heights tower"
    elif several and (strongest >= 1 or count >= 3 or {"unit", "building_named"} <= names):
        yield Kind.ADDRESS, s, e, 0.85, "address.parts"
    elif strongest >= 1 and _RESIDENCE_CUE_RE.search(v, max(0, s - 30), s):
        yield Kind.ADDRESS, s, e, 0.7 if strongest == 1 else 0.8, "address.residence_cue"


def _separate(group: list[tuple[int, int, int, str]]) -> int:
    """How many parts of a group (sorted by start) do not overlap the ones before them: two
    readings of the same words ("درب التعافي" as a named street, with and without its article)
    are one part."""
    count, end = 0, -1
    for start, stop, _, _ in group:
        if start >= end:
            count += 1
        end = max(end, stop)
    return count
