"""Exit 0 when the service at the URL answers: `service_up.py postgres|redis URL`."""

from __future__ import annotations

import socket
import sys
from urllib.parse import urlparse


def main() -> int:
    kind, url = sys.argv[1], sys.argv[2]
    parsed = urlparse(url)
    port = parsed.port or {"postgres": 5432, "redis": 6379}[kind]
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", port), timeout=2):
            return 0
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
