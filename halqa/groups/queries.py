from typing import Any


def featured_groups(user: Any) -> list[Any]:
    return []
