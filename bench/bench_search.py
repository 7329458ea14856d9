# ruff: noqa: E501 - word lists and SQL read better unbroken
"""Search speed: the database's full-text index against `LIKE '%term%'` on the same data.

    python bench/bench_search.py [--n 100000] [--rounds 5] [--targets sqlite,postgres]

For each target (SQLite FTS5 in memory; PostgreSQL tsvector + GIN at HALQA_BENCH_DATABASE_URL,
default postgresql://postgres@127.0.0.1:5432/halqa_bench, whose test_ database it creates and drops), a
fresh database gets `n` generated documents: half published resources, half threads (opening
post) in 20 groups, 4 of them private, in Arabic and English, words drawn Zipf-like from a
vocabulary of 600 Arabic and English words written with and without prefixes and suffixes. Then
the same queries (common, rare and missing words; two-word queries; Arabic with prefixes) run
`rounds` times each, as a signed-in member who belongs to one private group:

- `fts`: `search._ranked_ids` — the ranked query the pages use (11 ids, permission filters);
- `fts_page`: `search.search` end to end — ranked ids, rows, highlighted snippets;
- `like`: the baseline, `LIKE '%word%'` on the raw title and text for every word, the same
  permission filters, newest first, 11 ids.

Prints p50/p99 in milliseconds and the ratio like/fts for each, as JSON (also written to
var/bench/search.json). A target whose database is missing is skipped with a loud message.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "bench" / "search.json"


def _words(text: str) -> list[str]:
    return text.split()


PG_URL = os.environ.get(
    "HALQA_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/halqa_bench"
)

ARABIC = _words(
    "قلق خوف نوم ارق حزن فقد اكتئاب هلع نوبة تنفس زفير شهيق صديق عائلة عمل دراسة امتحان ضغط "
    "تعب ليل صباح مساء طبيب علاج دواء مساعدة دعم امل يأس وحدة عزلة ذكرى موت ولادة طفل ام اب "
    "زوج زوجة بيت مدينة طريق سفر مال دين صلاة صبر شكر غضب ندم خجل ثقة حب كره امان خطر جسم قلب "
    "رأس معدة الم صداع رياضة مشي طعام ماء شاي قهوة هاتف رسالة كلام صمت بكاء ضحك سؤال جواب"
)
ENGLISH = _words(
    "anxiety worry fear sleep insomnia grief loss depression panic attack breathe breathing "
    "friend family work study exam stress tired night morning evening doctor therapy medicine "
    "help support hope hopeless lonely isolation memory death birth child mother father "
    "husband wife home city road travel money faith prayer patience anger regret shame trust "
    "love hate safe danger body heart head stomach pain headache exercise walk food water tea "
    "coffee phone message talk silence crying laugh question answer routine habit calm relax "
    "mindful gentle"
)
AR_PREFIXES = ["", "", "ال", "و", "ب", "بال", "وال", "لل", "ف"]
AR_SUFFIXES = ["", "", "", "ي", "ها", "ات", "ه"]
EN_SUFFIXES = ["", "", "s", "ing", "ed"]
QUERIES = [
    "قلق", "بالقلق", "والنوم", "اكتئاب", "للاكتئاب", "نوبة هلع", "صداع", "ذكرياتي",
    "sleep", "breathing", "panic attack", "headache", "mindful", "hopeless lonely",
    "worry", "nothingmatcheshere", "كلمةغيرموجودة", "therapy", "gentle routine", "امتحانات",
]  # fmt: skip


def _vocabulary(rng: random.Random) -> tuple[list[str], list[str]]:
    ar = [p + w + s for w in ARABIC for p in AR_PREFIXES[:3] for s in AR_SUFFIXES[:3]]
    en = [w + s for w in ENGLISH for s in EN_SUFFIXES[:3]]
    rng.shuffle(ar)
    rng.shuffle(en)
    return ar, en


def _text(rng: random.Random, words: list[str], count: int) -> str:
    # Zipf-like: a few words very common, most rare (as in real text).
    picks = [words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(count)]
    return " ".join(picks)


def _populate(n: int, rng: random.Random) -> Any:
    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.conversations.models import Post, Thread
    from halqa.groups.models import Group, Membership
    from halqa.resources import text as terms
    from halqa.resources.models import Resource, SearchEntry

    member = User.objects.create_user(pseudonym="bench_reader", password="x" * 20)
    author = User.objects.create_user(pseudonym="bench_author", password="x" * 20)
    groups = [
        Group.objects.create(
            slug=f"bench-{i}", name=f"Bench {i}", description="-",
            visibility="private" if i < 4 else "public",
        )
        for i in range(20)
    ]  # fmt: skip
    Membership.objects.create(group=groups[0], user=member)
    ar, en = _vocabulary(rng)
    now = timezone.now()
    half = n // 2
    started = time.perf_counter()
    for start in range(0, half, 2000):
        size = min(2000, half - start)
        docs = []
        for i in range(size):
            words = ar if (start + i) % 2 else en
            docs.append(
                (_text(rng, words, 6), _text(rng, words, 60), "ar" if words is ar else "en")
            )
        resources = Resource.objects.bulk_create(
            [
                Resource(kind="article", language=lang, title=t, summary="-", body=b,
                         state="published", published_at=now)
                for t, b, lang in docs
            ]
        )  # fmt: skip
        threads = Thread.objects.bulk_create(
            [
                Thread(group=groups[(start + i) % 20], author=author, title=t)
                for i, (t, _, _) in enumerate(docs)
            ]
        )
        Post.objects.bulk_create(
            [
                Post(thread=th, author=author, body=b, is_opening=True)
                for th, (_, b, _) in zip(threads, docs, strict=True)
            ]
        )
        entries = []
        for res, th, (t, b, lang) in zip(resources, threads, docs, strict=True):
            title, body = terms.index_terms(t), terms.index_terms(b)
            entries.append(
                SearchEntry(
                    source="resource",
                    resource=res,
                    language=lang,
                    kind="article",
                    topics=" ",
                    title_terms=title,
                    body_terms=body,
                )
            )
            entries.append(
                SearchEntry(
                    source="thread",
                    thread=th,
                    group_id=th.group_id,
                    language=lang,
                    title_terms=title,
                    body_terms=body,
                )
            )
        SearchEntry.objects.bulk_create(entries)
    return member, time.perf_counter() - started


def _like_ids(query: str, member: Any) -> list[int]:
    """The baseline: every word as LIKE '%word%' on the raw text, same permissions, newest first."""
    from django.db import connection

    words = [w for w in query.split() if w]
    like = " AND ".join(["(r.title LIKE %s OR r.body LIKE %s)"] * len(words))
    tlike = " AND ".join(["(t.title LIKE %s OR p.body LIKE %s)"] * len(words))
    params = [v for w in words for v in (f"%{w}%", f"%{w}%")]
    sql = (
        f"SELECT id FROM (SELECT r.id AS id FROM resources_resource r WHERE r.state = 'published' AND {like}"  # noqa: S608
        " UNION ALL SELECT -t.id AS id FROM conversations_thread t JOIN conversations_post p"
        " ON p.thread_id = t.id AND p.is_opening AND p.state = 'published' AND NOT p.method_hidden"
        " WHERE t.group_id IN (SELECT g.id FROM groups_group g WHERE g.visibility = 'public'"
        f" UNION SELECT m.group_id FROM groups_membership m WHERE m.user_id = %s) AND {tlike}) u"
        " ORDER BY id DESC LIMIT 11"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, member.pk, *params])
        return [row[0] for row in cursor.fetchall()]


def _measure(fn: Any, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            fn(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def worker(n: int, rounds: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halqa.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from halqa.resources import text as terms
    from halqa.resources.search import Filters, _ranked_ids, search

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        member, seconds = _populate(n, random.Random(7))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        filters = Filters()

        def fts(q: str) -> None:
            groups = terms.query_groups(q)
            if groups and not _ranked_ids(groups, "AND", member, filters, 0):
                _ranked_ids(groups, "OR", member, filters, 0)

        for fn in (fts, lambda q: search(q, user=member), lambda q: _like_ids(q, member)):
            _measure(fn, 1)  # warm-up: caches, prepared pages
        result = {
            "vendor": connection.vendor,
            "documents": n,
            "load_seconds": round(seconds, 1),
            "fts": _summary(_measure(fts, rounds)),
            "fts_page": _summary(_measure(lambda q: search(q, user=member), rounds)),
            "like": _summary(_measure(lambda q: _like_ids(q, member), rounds)),
        }
        for key in ("p50_ms", "p99_ms"):
            result[f"like_over_fts_{key[:3]}"] = round(result["like"][key] / result["fts"][key], 1)
            result[f"like_over_fts_page_{key[:3]}"] = round(
                result["like"][key] / result["fts_page"][key], 1
            )
        return result
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--targets", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.n, args.rounds)))
        return 0
    report: dict[str, Any] = {"queries": QUERIES, "rounds": args.rounds}
    for target in args.targets.split(","):
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if target == "postgres":
            env["DATABASE_URL"] = PG_URL
        command = [
            sys.executable,
            __file__,
            "--worker",
            "--n",
            str(args.n),
            "--rounds",
            str(args.rounds),
        ]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(
                f"!!! {target}: skipped — {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr
            )
            report[target] = {"skipped": done.stderr.strip().splitlines()[-1:]}
            continue
        report[target] = json.loads(done.stdout.strip().splitlines()[-1])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
