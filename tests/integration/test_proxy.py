"""The shipped nginx config (deploy/nginx/samenspel.conf) with Debian's nginx, in front of real app processes.

Only what cannot be the same on this machine is changed: the upstream addresses (compose's service
names app1, app2 resolve only inside Docker), the listening ports and the certificate's folder.
CI installs nginx-light and fails when these tests are skipped.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.support.server import ROOT, LiveServer, SocketClient, command, free_port
from tests.support.workshops import Api, ambition, submission

pytestmark = [pytest.mark.real_server, pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
if not Path(NGINX).exists():
    pytest.skip("Debian's nginx is not installed (apt-get install nginx-light)", allow_module_level=True)
SHIPPED = (ROOT / "deploy" / "nginx" / "samenspel.conf").read_text(encoding="utf-8")


def certificate(folder: Path) -> Path:
    """A self-signed certificate for 127.0.0.1, under the file names deploy.md asks for."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return folder / "fullchain.pem"


class Proxy:
    """nginx with the shipped site config, on free ports of 127.0.0.1."""

    def __init__(self, folder: Path, upstream_ports: list[int]):
        self.folder = folder
        self.http_port, self.https_port = free_port(), free_port()
        self.cert = certificate(folder / "certs")
        site = SHIPPED
        replacements = [
            (r"server app1:5000;", f"server 127.0.0.1:{upstream_ports[0]};"),
            (r"server app2:5000;", f"server 127.0.0.1:{upstream_ports[1]};"),
            (r"listen 80;", f"listen 127.0.0.1:{self.http_port};"),
            (r"listen 443 ssl;", f"listen 127.0.0.1:{self.https_port} ssl;"),
            (r"/etc/nginx/certs/", f"{folder / 'certs'}/"),
        ]
        for old, new in replacements:
            assert old in site, f"deploy/nginx/samenspel.conf no longer has {old!r}; update this test with it"
            site = site.replace(old, new)
        (folder / "site.conf").write_text(site)
        # What Debian's /etc/nginx/nginx.conf and the nginx image provide around conf.d/*.conf.
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/tmp-body;
    proxy_temp_path {folder}/tmp-proxy;
    include {folder}/site.conf;
}}
"""
        )
        self.process = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def run(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), *args],
            capture_output=True,
            text=True,
            timeout=30,
        )

    def start(self) -> "Proxy":
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read()}")
            try:
                requests.get(self.url + "/healthz", verify=str(self.cert), timeout=2)
                return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("nginx did not answer within 20 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def errors(self) -> list[str]:
        log = self.folder / "error.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return [line for line in lines if re.search(r"\[(error|crit|alert|emerg)\]", line)]


def test_the_shipped_config_passes_nginx_t(tmp_path):
    proxy = Proxy(tmp_path, [free_port(), free_port()])
    result = proxy.run("-t")
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


DATABASE = os.environ.get("TEST_DATABASE_URL")
QUEUE = os.environ.get("TEST_REDIS_URL")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.skipif(not (DATABASE and QUEUE), reason="needs TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (Redis)")
def test_two_app_processes_behind_nginx_as_compose_runs_them(tmp_path):
    """docker-compose.yml without Docker: migrate once, two processes on PostgreSQL and Redis, nginx with TLS."""
    from workshop.storage.database import Database

    Database(DATABASE).drop_all()
    migrate = subprocess.run(
        [*command(("python", "-m", "workshop", "migrate"))],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": DATABASE, "INSTANCE_PATH": str(tmp_path / "migrate")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr

    proxy_folder = tmp_path / "nginx"
    proxy_folder.mkdir()
    ports = [free_port(), free_port()]
    apps = []
    proxy = None
    clients = []
    try:
        proxy = Proxy(proxy_folder, ports)
        for name, port in zip(("app1", "app2"), ports, strict=True):
            app = LiveServer(
                tmp_path / name,
                database_url=DATABASE,
                MESSAGE_QUEUE=QUEUE,
                MIGRATE_ON_START="0",
                PUBLIC_URL=proxy.url,
                ALLOWED_ORIGINS=proxy.url,
            )
            app.port = port
            apps.append(app.start())
        proxy.start()

        plain = requests.get(f"http://127.0.0.1:{proxy.http_port}/w/ABCDEF?x=1", allow_redirects=False, timeout=10)
        assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
        assert plain.headers["Location"].endswith("/w/ABCDEF?x=1")

        api = Api(proxy.url)
        api.http.verify = str(proxy.cert)
        api.http.trust_env = False  # or REQUESTS_CA_BUNDLE from the environment beats the session's verify
        assert api.http.get(proxy.url + "/healthz", timeout=10).json() == {
            "status": "ok",
            "database": "ok",
            "message_queue": "ok",
        }
        created = api.create_workshop()
        assert created["links"]["join"] == f"{proxy.url}/w/{created['code']}"
        activity_id = api.control(created, "next")["current"]["id"]
        person = api.join(created, 0)

        def client(transport: str, auth: dict, server) -> SocketClient:
            # TLS without checking the throwaway certificate; the environment's CA bundle must not win either.
            http = requests.Session()
            http.trust_env, http.verify = False, False
            made = SocketClient(origin=proxy.url, ssl_verify=False, http_session=http)
            made.connect(server, auth, transports=(transport,))
            clients.append(made)
            return made

        facilitator_auth = {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
        # Through nginx: a websocket upgrade, and HTTP long-polling that needs the sticky upstream.
        facilitator = client("websocket", facilitator_auth, proxy)
        phone = client("polling", {"role": "participant", "code": created["code"], "token": person["token"]}, proxy)
        # And a screen straight on each app process: whichever process nginx chose, Redis carries the push.
        screens = [
            client("websocket", {"role": "screen", "code": created["code"], "key": created["screen_key"]}, app) for app in apps
        ]
        facilitator.wait_for("state")
        phone.wait_for("state")
        facilitator.wait_for("presence", lambda p: p["connected"] == 1)
        ack = phone.call("submit", submission(activity_id, ambition(text="Through the proxy")))
        assert ack["ok"] is True, ack
        for watcher in (facilitator, *screens):
            watcher.wait_for("results", lambda r: r["data"] and any(i["text"] == "Through the proxy" for i in r["data"]["items"]))
    finally:
        for made in clients:
            made.disconnect()
        if proxy:
            proxy.stop()
        for app in apps:
            app.stop()
        Database(DATABASE).drop_all()
    for app in apps:
        assert "Traceback" not in app.stderr(), app.stderr()[-3000:]
    assert proxy.errors() == []
