"""Figures of one soak scenario: per-endpoint rates and latencies, errors, live-message loss."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from bench.soak.load import Room, Stats

FAULT_GRACE = 30.0  # errors up to this long after the last fault event count as "during"


def summarise(
    name: str, stats: Stats, rooms: list[Room], timing: dict[str, Any], events: list[Any]
) -> dict[str, Any]:
    seconds, t0 = timing["seconds"], timing["t0"]
    endpoints = {
        label: {"count": len(times), "per_s": round(len(times) / seconds, 2), **_percentiles(times)}
        for label, times in sorted(stats.latencies.items())
    }
    window = (events[0][0], events[-1][0] + FAULT_GRACE) if events else None
    for label, times in _delivery_phases(_delivery(rooms), t0, window).items():
        endpoints[label] = {
            "count": len(times),
            "per_s": round(len(times) / seconds, 2),
            **_percentiles(times),
        }
    errors = Counter(f"{label}: {what}" for _, label, what in stats.errors)
    during = [e for e in stats.errors if window and window[0] <= e[0] - t0 <= window[1]]
    for label in (error[1] for error in stats.errors):
        endpoints.setdefault(label, {"count": 0}).setdefault("errors", 0)
        endpoints[label]["errors"] += 1
    http = sum(v["count"] for k, v in endpoints.items() if k.startswith(("page", "api")))
    return {
        "scenario": name,
        "seconds": round(seconds, 1),
        "members": sum(len(room.clients) for room in rooms),
        "rooms": len(rooms),
        "http_requests_per_s": round(http / seconds, 1),
        "endpoints": endpoints,
        "errors": len(stats.errors),
        "errors_during_faults": len(during),
        "error_kinds": dict(errors.most_common(12)),
        "retried": dict(stats.retried),
        "live": _live(rooms),
        "faults": events,
        "load_avg": {
            "start": timing["load_avg"][0],
            "max": max(timing["load_avg"]),
            "end": timing["load_avg"][-1],
        },
    }


def _percentiles(times: list[float]) -> dict[str, float]:
    if not times:
        return {}
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p99_ms": round(p99 * 1000, 1)}


def _delivery_phases(
    delivery: list[tuple[float, float]], t0: float, window: tuple[float, float] | None
) -> dict[str, list[float]]:
    """Delivery times, split by when the message was sent: before, during and after a fault."""
    if window is None:
        return {"live delivery": [took for _, took in delivery]}
    start, end = window
    return {
        "live delivery, before the fault": [t for sent, t in delivery if sent - t0 < start],
        "live delivery, during (up to 30 s after)": [
            t for sent, t in delivery if start <= sent - t0 <= end
        ],
        "live delivery, after": [t for sent, t in delivery if sent - t0 > end],
    }


def _delivery(rooms: list[Room]) -> list[tuple[float, float]]:
    """(sent at, send to receipt) for every acknowledged message at every client; sent at =
    the first attempt."""
    out = []
    for room in rooms:
        cid_of = {seq: cid for cid, seq in room.seq_of.items()}
        for client in room.clients:
            for at, seq in client.received:
                cid = cid_of.get(seq)
                if cid is not None:
                    out.append((room.sent_at[cid], at - room.sent_at[cid]))
    return out


def _live(rooms: list[Room]) -> dict[str, int]:
    """Loss: an acknowledged seq after a client joined that the client never received. A client
    that never joined (no `ready` in the whole run) is counted apart."""
    lost = joined_never = 0
    for room in rooms:
        acked = set(room.seq_of.values())
        for client in room.clients:
            if client.start_seq is None:  # an error of its own, not a loss
                joined_never += 1
                continue
            lost += len({seq for seq in acked if seq > client.start_seq} - client.seen)
    clients = [client for room in rooms for client in room.clients]
    return {
        "sent": sum(client.sent for client in clients),
        "acknowledged": sum(len(room.seq_of) for room in rooms),
        "unacknowledged": sum(len(client.pending) for client in clients),
        "delivered": sum(len(client.received) for client in clients),
        "lost": lost,
        "duplicates": sum(client.duplicates for client in clients),
        "out_of_order": sum(client.out_of_order for client in clients),
        "reconnects": sum(client.reconnects for client in clients),
        "never_joined": joined_never,
    }


def verdict(result: dict[str, Any]) -> bool:
    """Zero errors, zero lost; every acknowledged write stored; the scenario's own checks."""
    live, checks = result["live"], result["checks"]
    stored = checks["stored"]
    errors_ok = result["errors"] == 0
    if result["scenario"] == "disk":  # refusals while the disk is full are the point
        errors_ok = result["errors"] == result["errors_during_faults"] and not any(
            "HTTP 500" in kind for kind in result["error_kinds"]
        )
    return (
        errors_ok
        and live["lost"] == live["duplicates"] == live["out_of_order"] == 0
        and live["unacknowledged"] == live["never_joined"] == 0
        and stored["missing_live"] == stored["missing_threads"] == stored["missing_posts"] == 0
        and stored["integrity"] in (None, ["ok"])
        and checks.get("reminders", {}).get("delivered_once", True)
    )


def table(result: dict[str, Any]) -> str:
    """The scenario as Markdown: one row per endpoint, then the totals and checks."""
    lines = [
        f"### {result['scenario']}: {result['members']} members, {result['rooms']} rooms, "
        f"{result['seconds']} s of load (set-up {result['setup_seconds']} s), load average "
        f"{result['load_avg']['start']:.2f} → max {result['load_avg']['max']:.2f}",
        "",
        "| endpoint | count | per s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, row in result["endpoints"].items():
        lines.append(
            f"| {label} | {row['count']} | {row.get('per_s', 0)} | {row.get('p50_ms', '–')} "
            f"| {row.get('p99_ms', '–')} | {row.get('errors', 0)} |"
        )
    live = result["live"]
    lines += [
        "",
        f"HTTP requests/s: {result['http_requests_per_s']}; errors: {result['errors']} "
        f"({result['errors_during_faults']} during faults); resent after a refused "
        f"connection: {result['retried']}",
        f"live: {live['sent']} sent, {live['acknowledged']} acknowledged, "
        f"{live['unacknowledged']} never acknowledged, {live['delivered']} deliveries, "
        f"**{live['lost']} lost**, {live['duplicates']} duplicates, {live['out_of_order']} out of "
        f"order, {live['reconnects']} reconnects, {live['never_joined']} never joined",
        f"faults: {result['faults'] or 'none'}",
        f"checks: {result['checks']}",
    ]
    if result["error_kinds"]:
        lines.append(f"errors by kind: {result['error_kinds']}")
    lines.append(f"verdict: {'PASS' if result['ok'] else 'FAIL'}")
    return "\n".join(lines)
