"""The container's health check: exit 0 when the app's /healthz answers 200, else 1 (standard library only).

python scripts/healthcheck.py      # asks http://127.0.0.1:$PORT/healthz (PORT defaults to 5000)
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            body = reply.read().decode("utf-8", "replace")
            status = reply.status
    except urllib.error.HTTPError as err:  # 503: the app runs but the database or queue does not answer
        body, status = err.read().decode("utf-8", "replace"), err.code
    except OSError as err:
        print(f"unhealthy: {url}: {err}")
        return 1
    if status != 200:
        print(f"unhealthy: {url}: {status} {body}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
