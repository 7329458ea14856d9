"""Search quality on the demo library: `python -m halqa.resources.evaluate [--show]`.

Loads tests/resources/search_queries.jsonl (a query and the resources that answer it, the one
that should come first listed first), builds the demo library in a throwaway in-memory
database, and prints as JSON: first_correct (the expected resource ranked first), precision@3,
its ceiling (relevant items are few, so P@3 cannot reach 1), hit@3 and MRR.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

QUERIES = Path(__file__).resolve().parents[2] / "tests" / "resources" / "search_queries.jsonl"


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _keys() -> dict[int, str]:
    """Resource id -> "key:language", from the demo content titles."""
    from halqa.resources.demo_content import ITEMS, SINGLES
    from halqa.resources.models import Resource

    by_title = {
        item[lang]["title"]: f"{item['key']}:{lang}" for item in ITEMS for lang in ["ar", "en"]
    }
    by_title.update({item["title"]: f"{item['key']}:{item['language']}" for item in SINGLES})
    return {
        pk: by_title.get(title, "?") for pk, title in Resource.objects.values_list("pk", "title")
    }


def evaluate(queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures over `queries` against the resources in the database (demo library seeded)."""
    from halqa.resources.search import Filters, search

    keys = _keys()
    rows = []
    for item in queries:
        hits = search(item["query"], filters=Filters(source="resource")).hits
        ranked = [keys[hit.resource.pk] for hit in hits if hit.resource is not None]
        relevant = set(item["relevant"])
        first = next((i + 1 for i, key in enumerate(ranked) if key in relevant), None)
        rows.append(
            {
                "query": item["query"],
                "expected": item["relevant"][0],
                "top3": ranked[:3],
                "first_correct": bool(ranked) and ranked[0] == item["relevant"][0],
                "precision_at_3": len(relevant & set(ranked[:3])) / 3,
                "ceiling_at_3": min(len(relevant), 3) / 3,
                "reciprocal_rank": 1 / first if first else 0.0,
            }
        )
    n = len(rows)
    return {
        "queries": n,
        "arabic_queries": sum(
            1 for r in rows if any("\u0600" <= c <= "\u06ff" for c in r["query"])
        ),
        "first_correct": round(sum(r["first_correct"] for r in rows) / n, 3),
        "precision_at_3": round(sum(r["precision_at_3"] for r in rows) / n, 3),
        "precision_at_3_ceiling": round(sum(r["ceiling_at_3"] for r in rows) / n, 3),
        "hit_at_3": round(sum(r["reciprocal_rank"] >= 1 / 3 for r in rows) / n, 3),
        "mrr": round(sum(r["reciprocal_rank"] for r in rows) / n, 3),
        "misses": [r for r in rows if not r["first_correct"]],
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halqa.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.resources import demo

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        operator = User.objects.create_user(pseudonym="Lantern", password="x" * 20, role="operator")
        demo.seed({"Lantern": operator}, timezone.now())
        report = evaluate(load_queries())
        if "--show" not in sys.argv:
            report["misses"] = [
                f"{m['query']} -> {m['top3']} (want {m['expected']})" for m in report["misses"]
            ]
        print(json.dumps(report, ensure_ascii=False, indent=1))
    finally:
        connection.creation.destroy_test_db(":memory:", verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
