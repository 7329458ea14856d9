"""The permission matrix: ONE table of role x object kind x door -> expected outcome.

Roles (the actors of `conftest.world`):
  anonymous        nobody signed in
  member           the object's owner, or a member of the private group that holds it
  non_member       an ordinary member who neither owns it nor belongs to the group
  group_moderator  moderator (by membership) of the private group, an ordinary member site-wide,
                   two-factor verified (moderation pages ask every moderator for it)
  site_moderator   site role "moderator", two-factor verified in this session / token
  expert           site role "expert", two-factor verified
  operator         site role "operator", two-factor verified

Outcomes: ALLOW (2xx, or for a form POST a redirect elsewhere than login/2FA; and, for the
export, the owner's secret inside), NOT_FOUND (404: the
object's existence is hidden), FORBIDDEN (403), LOGIN (302 to the login page), UNAUTHORIZED
(401 JSON, API without a token), WS_REFUSED (socket closed with 4401/4404), OWN_ONLY (2xx, but
the answer never contains the target member's data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ROLES = (
    "anonymous",
    "member",
    "non_member",
    "group_moderator",
    "site_moderator",
    "expert",
    "operator",
)

ALLOW = "allow"
NOT_FOUND = "404"
FORBIDDEN = "403"
LOGIN = "login"
UNAUTHORIZED = "401"
WS_REFUSED = "ws_refused"
OWN_ONLY = "own_only"

Door = Literal["page", "api", "ws"]


@dataclass(frozen=True)
class Door_:
    kind: Door
    method: str
    # A template over the world's ids: {slug}, {thread}, {session}, {entry}, {mood},
    # {partnership}, {case}, {application}, {crisis_case}, {support_thread}.
    path: str
    body: dict[str, object] | None = None


# object kind -> (door, {role: outcome})
_A, _N, _F, _L, _U, _W, _O = ALLOW, NOT_FOUND, FORBIDDEN, LOGIN, UNAUTHORIZED, WS_REFUSED, OWN_ONLY


def _row(anonymous: str, member: str, non_member: str, group_moderator: str, site_moderator: str,
         expert: str, operator: str) -> dict[str, str]:  # fmt: skip
    return dict(zip(ROLES, (anonymous, member, non_member, group_moderator, site_moderator,
                            expert, operator), strict=True))  # fmt: skip


TABLE: dict[str, list[tuple[Door_, dict[str, str]]]] = {
    # Private group conversations are for its members (staff read them through cases only).
    "private_thread": [
        (
            Door_("page", "GET", "/groups/{slug}/threads/{thread}/"),
            _row(_N, _A, _N, _A, _N, _N, _N),
        ),
        (
            Door_("api", "GET", "/api/conversations/groups/{slug}/threads/{thread}"),
            _row(_N, _A, _N, _A, _N, _N, _N),
        ),
    ],
    # Site moderators and operators may facilitate and look after any live room
    # (groups.queries.can_facilitate); threads they reach only through cases.
    "live_session": [
        (Door_("page", "GET", "/live/{session}/"), _row(_N, _A, _N, _A, _A, _N, _A)),
        (Door_("api", "GET", "/api/live/sessions/{session}"), _row(_U, _A, _N, _A, _A, _N, _A)),
        (
            Door_("api", "GET", "/api/live/sessions/{session}/messages"),
            _row(_U, _A, _N, _A, _A, _N, _A),
        ),
        (Door_("ws", "CONNECT", "/ws/live/{session}/"), _row(_W, _A, _W, _A, _A, _W, _A)),
    ],
    # A journal is its author's alone: no staff role reads it.
    "journal_entry": [
        (Door_("page", "GET", "/journal/{entry}/"), _row(_L, _A, _N, _N, _N, _N, _N)),
        (Door_("api", "GET", "/api/journal/entries/{entry}"), _row(_U, _A, _N, _N, _N, _N, _N)),
    ],
    "mood_entry": [
        (Door_("page", "POST", "/growth/mood/{mood}/delete/"), _row(_L, _A, _N, _N, _N, _N, _N)),
        (Door_("api", "DELETE", "/api/growth/mood/{mood}"), _row(_U, _A, _N, _N, _N, _N, _N)),
    ],
    # Only the two partners (the "member" is the inviter; the invitee is not a role here).
    "partnership": [
        (Door_("page", "GET", "/growth/partners/{partnership}/"), _row(_L, _A, _N, _N, _N, _N, _N)),
        (
            Door_("api", "GET", "/api/growth/partnerships/{partnership}"),
            _row(_U, _A, _N, _N, _N, _N, _N),
        ),
    ],
    # A flag case on a post of the private group: its moderators and site moderators.
    "moderation_case": [
        (Door_("page", "GET", "/moderation/cases/{case}/"), _row(_L, _N, _N, _A, _A, _N, _A)),
        # The JSON queue is for site moderators (group moderators use the pages).
        (Door_("api", "GET", "/api/moderation/cases/{case}"), _row(_U, _F, _F, _F, _A, _F, _A)),
        # The moderators' live queue (case ids only): moderators of something, site or group.
        (Door_("ws", "CONNECT", "/ws/moderation/"), _row(_W, _W, _W, _A, _A, _W, _A)),
    ],
    "audit_log": [
        (Door_("page", "GET", "/moderation/audit/"), _row(_L, _N, _N, _A, _A, _N, _A)),
    ],
    # The licence number of an expert's application: operators only.
    "expert_licence": [
        (Door_("page", "GET", "/experts/review/{application}/"), _row(_L, _N, _N, _N, _N, _N, _A)),
    ],
    # There is no door to another member's export: each role's own export must not hold the
    # target's journal (the "member" is the target, whose own export does hold it).
    "export": [
        (Door_("page", "POST", "/accounts/settings/export/"), _row(_L, _A, _O, _O, _O, _O, _O)),
        (Door_("api", "GET", "/api/accounts/export"), _row(_U, _A, _O, _O, _O, _O, _O)),
    ],
    # The safety contact is revealed only to the on-duty moderator who claimed the urgent case
    # (here: site_moderator); the member reads their own through /crisis/contact/.
    "safety_contact": [
        (
            Door_(
                "page",
                "POST",
                "/crisis/cases/{crisis_case}/contact/",
                {"reason": "She stopped answering and wrote of a plan."},
            ),
            _row(_L, _N, _N, _N, _A, _N, _N),
        ),
        (
            Door_(
                "api",
                "POST",
                "/api/safety/cases/{crisis_case}/contact-reveal",
                {"reason": "She stopped answering and wrote of a plan."},
            ),
            _row(_U, _N, _N, _N, _A, _N, _N),
        ),
    ],
    # The member and the moderators who may act on the (site-wide) crisis case.
    "support_thread": [
        (
            Door_("page", "GET", "/crisis/support/{support_thread}/"),
            _row(_L, _A, _N, _N, _A, _N, _A),
        ),
        (
            Door_("api", "GET", "/api/safety/support-threads/{support_thread}"),
            _row(_U, _A, _N, _N, _A, _N, _A),
        ),
    ],
}


@dataclass(frozen=True)
class Cell:
    kind: str
    door: Door_
    role: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.door.kind}-{self.door.method}-{self.door.path}-{self.role}"


def cells(*kinds: Door) -> list[Cell]:
    """Every (object, door, role) cell of the table, for the doors of `kinds`."""
    return [
        Cell(kind, door, role, expected)
        for kind, rows in TABLE.items()
        for door, outcomes in rows
        if door.kind in kinds
        for role, expected in outcomes.items()
    ]
