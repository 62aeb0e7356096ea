"""Bytes and requests of the phone page in Chromium: a cold load (empty cache), then a warm one.

Starts the app (`python app.py`, SQLite in a temporary folder), creates a workshop whose agenda has
one poll, joins a participant and opens the phone page twice in the same browser context: first with
an empty cache, then as a phone does when it comes back. Bytes are what Chromium's DevTools protocol
counts as received per request (`encodedDataLength`: compressed body plus headers); the websocket's
own frames are not included. Prints JSON.

    python -m bench.page_weight [--root PATH]   # PATH: another checkout, to compare with it
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(root: Path, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MESSAGE_QUEUE", "REDIS_URL", "PUBLIC_URL")}
    env.update(PORT=str(port), INSTANCE_PATH=str(folder), SECRET_KEY="bench", LOG_LEVEL="WARNING")
    process = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return process, url
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def phone_url(base: str) -> tuple[str, str, str]:
    """A workshop with one open poll and a participant; returns (page url, cookie name, token)."""
    body = {
        "title": "Page weight",
        "language": "nl",
        "organisations": [{"name": "Woonstede"}, {"name": "Netbeheer"}],
        "agenda": [{"kind": "poll", "title": "Wat eerst?", "config": {"options": ["Warmte", "Isolatie"]}}],
    }
    created = requests.post(base + "/api/workshops", json=body, timeout=10).json()
    code = created["code"]
    requests.post(
        f"{base}/api/workshops/{code}/control",
        json={"action": "next"},
        headers={"Authorization": f"Bearer {created['control_token']}"},
        timeout=10,
    )
    org = created["workshop"]["organisations"][0]["id"]
    joined = requests.post(
        f"{base}/api/workshops/{code}/participants", json={"organisation_id": org, "role": "manager"}, timeout=10
    )
    return f"{base}/w/{code}", f"samenspel_{code}", joined.json()["token"]


def load(page, cdp, url: str) -> dict:
    """Open the page until the poll shows; per request: bytes received and whether it came from cache."""
    seen: dict[str, dict] = {}
    handlers = {
        "Network.requestWillBeSent": lambda e: seen.setdefault(e["requestId"], {"url": e["request"]["url"]}),
        "Network.requestServedFromCache": lambda e: seen.setdefault(e["requestId"], {}).update(cache=True),
        "Network.responseReceived": lambda e: seen.setdefault(e["requestId"], {}).update(
            status=e["response"]["status"], cache=seen.get(e["requestId"], {}).get("cache") or e["response"].get("fromDiskCache")
        ),
        "Network.loadingFinished": lambda e: seen.setdefault(e["requestId"], {}).update(bytes=e["encodedDataLength"]),
    }
    for name, handler in handlers.items():
        cdp.on(name, handler)
    page.goto(url)
    page.wait_for_selector("#stage .poll-choice")
    page.wait_for_timeout(500)
    for name, handler in handlers.items():
        cdp.remove_listener(name, handler)
    fetched = [r for r in seen.values() if not r.get("cache") and r.get("status") != 101]
    return {
        "requests": len(seen),
        "over_the_network": len(fetched),
        "bytes": int(sum(r.get("bytes", 0) for r in fetched)),
        "network": sorted((r.get("url", "").split("/", 3)[-1], int(r.get("bytes", 0))) for r in fetched),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose app.py to start")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        process, base = start(args.root, Path(folder))
        try:
            url, cookie, token = phone_url(base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                context.add_cookies([{"name": cookie, "value": token, "url": base}])
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cold = load(page, cdp, url)
                page.goto("about:blank")
                warm = load(page, cdp, url)
                browser.close()
        finally:
            process.terminate()
            process.wait(10)
    print(json.dumps({"root": str(args.root), "cold": cold, "warm": warm}, indent=1))


if __name__ == "__main__":
    main()
