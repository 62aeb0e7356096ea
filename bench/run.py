"""The answer-burst benchmark: the app against a bare Flask-SocketIO floor, interleaved, as ratios.

For every scenario (phones x database x async mode x processes) and every repeat, it starts the floor
(bench/floor.py) and the app (bench/appserver.py, i.e. app.py plus a statement counter), each fresh on
a free port, one after the other and in alternating order. Phones are raw asyncio websocket clients
(bench/phones.py). Each run connects a screen and N phones, waits for quiet, then every phone submits
one poll answer at once. It records the 1-minute load average, connect time, the time until every ack
arrived and until the screen showed the final count, ack p50/p99, server CPU seconds during the burst,
memory per connection, SQL statements per answer, and whether any answer was lost or double-counted.
It prints medians per scenario with each figure's ratio to the floor, and keeps every run as JSON in
bench/out/.

    python -m bench.run                                    # the full matrix (long: see --help)
    python -m bench.run --phones 1000 --db sqlite --mode eventlet --repeat 5
    python -m bench.run --phones 1000 --db postgres --processes 2      # two processes behind Redis
    python -m bench.run --phones 0 --connect 3000                      # connect-only

PostgreSQL comes from BENCH_DATABASE_URL (else TEST_DATABASE_URL); its tables are dropped and made
anew for every app run, so never point it at data you keep. Redis comes from BENCH_REDIS_URL (else
TEST_REDIS_URL, else redis://127.0.0.1:6379/0).
"""

import argparse
import asyncio
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from bench.phones import Phone, connect_all, phone_address

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL_OPTIONS = ["A", "B", "C", "D", "E"]


@dataclass(frozen=True)
class Scenario:
    phones: int
    database: str
    mode: str
    processes: int
    burst: bool = True

    @property
    def name(self) -> str:
        what = f"{self.phones} phones" + ("" if self.burst else " connect-only")
        return f"{what}, {self.mode}, {self.database}, {self.processes} process{'es' if self.processes > 1 else ''}"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _more_files():
    """Children may hold thousands of sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Server:
    """One server process on a free port, its output kept in the run's folder."""

    def __init__(self, module: str, env: dict, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"{module.rsplit('.', 1)[-1]}-{self.port}.log"
        full = {k: v for k, v in os.environ.items() if k not in ("MESSAGE_QUEUE", "REDIS_URL", "DATABASE_URL")}
        full.update(env, PORT=str(self.port), HOST="127.0.0.1", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", module], cwd=ROOT, env=full, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_more_files
            )

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.log.name} exited: {self.log.read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.log.name} did not start: {self.log.read_text()[-3000:]}")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def statements(self) -> int:
        return requests.get(self.url + "/_bench/statements", timeout=10).json()["statements"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(15)


def database_url(kind: str, folder: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}"
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        raise SystemExit("PostgreSQL runs need BENCH_DATABASE_URL or TEST_DATABASE_URL")
    return url


def redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"


def prepare_workshop(url: str, phones: int) -> dict:
    """A fresh schema, a workshop with an open poll, and `phones` participants (their tokens)."""
    from workshop import services
    from workshop.storage.database import Database

    db = Database(url)
    try:
        if not url.startswith("sqlite"):
            db.drop_all()
        db.upgrade()
        created = services.create_workshop(
            db,
            {
                "title": "Bench",
                "language": "en",
                "organisations": [{"name": f"Corporatie {i}"} for i in range(4)],
                "agenda": [{"kind": "poll", "title": "Bench", "config": {"options": POLL_OPTIONS}}],
            },
        )
        services.control(db, created.workshop_id, "next")
        state = services.state(db, created.workshop_id, services.FACILITATOR_ROLE)
        orgs = [o["id"] for o in state["workshop"]["organisations"]]
        tokens = [
            services.join(db, created.code, {"organisation_id": orgs[i % len(orgs)], "role": "manager"})[0].token
            for i in range(phones)
        ]
        return {
            "code": created.code,
            "screen_key": created.screen_key,
            "activity_id": state["current"]["id"],
            "tokens": tokens,
        }
    finally:
        db.engine.dispose()


def stored_answers(url: str, activity_id: int) -> tuple[int, int]:
    """(rows, distinct participants) stored for the activity."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT count(*), count(DISTINCT participant_id) FROM answers WHERE activity_id = :a"), {"a": activity_id}
            ).one()
        return int(row[0]), int(row[1])
    finally:
        engine.dispose()


async def burst(servers: list[Server], scenario: Scenario, app: dict | None, timeout: float, handshakes: int) -> dict:
    """Connect a screen and the phones, then every phone answers at once; returns the figures."""
    n = scenario.phones
    loop = asyncio.get_running_loop()
    final = loop.create_future()
    counts: dict = {}

    def on_screen(name, payload):
        if app is not None and name == "results" and payload.get("activity_id") == app["activity_id"]:
            counts["app"] = payload["answers"]
        elif app is None and name == "count":
            counts[payload["process"]] = max(counts.get(payload["process"], 0), payload["count"])
        else:
            return
        if sum(counts.values()) >= n and not final.done():
            final.set_result(time.perf_counter())

    if app is None:
        screen_auth, phone_auths = {"role": "screen"}, [{} for _ in range(n)]
    else:
        screen_auth = {"role": "screen", "code": app["code"], "key": app["screen_key"]}
        phone_auths = [{"role": "participant", "code": app["code"], "token": t} for t in app["tokens"]]

    rss_before = sum(s.rss_kb() for s in servers)
    screen = Phone(servers[0].url, screen_auth, on_screen)
    await screen.connect()
    phones = [Phone(servers[i % len(servers)].url, auth, source=phone_address(i)) for i, auth in enumerate(phone_auths)]
    started = time.perf_counter()
    refused = await connect_all(phones, handshakes)
    connect_s = time.perf_counter() - started
    connected = [p for p in phones if p.reader is not None]
    # Let the pushes that follow the connects go out before the burst.
    await asyncio.sleep(1.5)
    figures = {
        "connected": len(connected),
        "refused": len(refused),
        "refusal": repr(refused[0])[:200] if refused else None,
        "connect_s": connect_s,
        "kb_per_connection": (sum(s.rss_kb() for s in servers) - rss_before) / max(len(connected), 1),
    }
    if not scenario.burst:
        await asyncio.gather(*(p.close() for p in connected + [screen]))
        return figures

    statements_before = sum(s.statements() for s in servers) if app else 0
    cpu_before = sum(s.cpu_seconds() for s in servers)

    async def answer(i, phone):
        body = {"activity_id": app["activity_id"], "client_id": uuid.uuid4().hex, "answer": {"choices": [i % 5]}} if app else {}
        try:
            ack, latency = await phone.call("submit" if app else "vote", body, timeout=timeout)
        except TimeoutError:
            return None, None, None
        return ack, latency, time.perf_counter()

    started = time.perf_counter()
    replies = await asyncio.gather(*(answer(i, p) for i, p in enumerate(connected)))
    acked_at = [at for _ack, _lat, at in replies if at is not None]
    try:
        shown_at = await asyncio.wait_for(asyncio.shield(final), timeout)
    except TimeoutError:
        shown_at = None
    cpu_s = sum(s.cpu_seconds() for s in servers) - cpu_before
    statements = (sum(s.statements() for s in servers) - statements_before) if app else 0
    latencies = sorted(lat for _ack, lat, _at in replies if lat is not None)
    ok = sum(1 for ack, _lat, _at in replies if isinstance(ack, dict) and ack.get("ok"))
    await asyncio.gather(*(p.close() for p in connected + [screen]))
    figures.update(
        acked_ok=ok,
        acks_s=(max(acked_at) - started) if len(acked_at) == len(connected) else None,
        screen_s=(shown_at - started) if shown_at else None,
        screen_count=sum(counts.values()),
        ack_p50_ms=1000 * statistics.median(latencies) if latencies else None,
        ack_p99_ms=1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else None,
        cpu_s=cpu_s,
        statements_per_answer=statements / max(ok, 1),
    )
    return figures


def run_one(server: str, scenario: Scenario, timeout: float, handshakes: int = 200) -> dict:
    """One fresh floor or app (one or two processes), one burst; returns the run's record."""
    record = {"server": server, **asdict(scenario), "load": os.getloadavg()[0], "at": time.strftime("%H:%M:%S")}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        env = {"ASYNC_MODE": scenario.mode}
        if scenario.processes > 1:
            env["MESSAGE_QUEUE"] = redis_url()
        app = None
        if server == "app":
            url = database_url(scenario.database, folder)
            app = prepare_workshop(url, scenario.phones)
            env.update(DATABASE_URL=url, INSTANCE_PATH=str(folder / "instance"), SECRET_KEY="bench")
        servers = []
        try:
            # One after the other: the first one migrates, the second finds the schema ready.
            for _ in range(scenario.processes):
                servers.append(Server("bench.appserver" if app else "bench.floor", env, folder))
                servers[-1].wait()
            record.update(asyncio.run(burst(servers, scenario, app, timeout, handshakes)))
        finally:
            for s in servers:
                s.stop()
                if "connected" not in record:  # the run broke: keep its server log for reading
                    (OUT / f"{time.strftime('%Y%m%d-%H%M%S')}-{server}-{s.port}-failed.log").write_bytes(s.log.read_bytes())
        record["server_tracebacks"] = 0
        for s in servers:
            found = s.log.read_text(errors="replace").count("Traceback")
            if os.environ.get("BENCH_KEEP_LOGS"):
                (OUT / f"{server}-{s.port}.log").write_bytes(s.log.read_bytes())
            if found:
                # Kept for reading: the run's folder goes away.
                kept = OUT / f"{time.strftime('%Y%m%d-%H%M%S')}-{server}-{s.port}.log"
                kept.write_bytes(s.log.read_bytes())
                record["server_tracebacks"] += found
                record["server_log"] = str(kept)
        if app is not None and scenario.burst:
            record["stored"], record["stored_participants"] = stored_answers(url, app["activity_id"])
    return record


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


METRICS = [
    ("connect_s", "connect all phones (s)", 2),
    ("acks_s", "every ack arrived (s)", 3),
    ("screen_s", "screen shows the final count (s)", 3),
    ("ack_p50_ms", "ack p50 (ms)", 1),
    ("ack_p99_ms", "ack p99 (ms)", 1),
    ("cpu_s", "server CPU during the burst (s)", 2),
    ("kb_per_connection", "memory per connection (KB)", 1),
    ("statements_per_answer", "SQL statements per answer", 2),
]


def shown(value, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def summarise(records: list[dict]) -> str:
    """A Markdown table per scenario: medians, floor vs app, and the ratio."""
    lines = []
    key = lambda r: (r["phones"], r["burst"], r["database"], r["mode"], r["processes"])  # noqa: E731
    for _, group in itertools.groupby(sorted(records, key=key), key=key):
        group = list(group)
        scenario = Scenario(*key(group[0])[:1], group[0]["database"], group[0]["mode"], group[0]["processes"], group[0]["burst"])
        floor = [r for r in group if r["server"] == "floor"]
        app = [r for r in group if r["server"] == "app"]
        loads = [r["load"] for r in group]
        lines.append(
            f"\n### {scenario.name} (median of {len(app)}; load average {min(loads):.2f}-{max(loads):.2f},"
            f" median {statistics.median(loads):.2f})\n"
        )
        lines.append("| figure | floor | app | app / floor |")
        lines.append("| --- | ---: | ---: | ---: |")
        for field, label, digits in METRICS:
            if not scenario.burst and field not in ("connect_s", "kb_per_connection"):
                continue
            f, a = median(r.get(field) for r in floor), median(r.get(field) for r in app)
            ratio = f"{a / f:.2f}x" if f and a is not None else ""
            lines.append(f"| {label} | {shown(f, digits)} | {shown(a, digits)} | {ratio} |")
        checks = []
        for r in app:
            if r.get("connected") != r["phones"]:
                checks.append(f"{r['phones'] - r.get('connected', 0)} phones could not connect ({r.get('refusal')})")
            if scenario.burst and (r.get("stored") != r["phones"] or r.get("stored_participants") != r["phones"]):
                checks.append(f"stored {r.get('stored')} answers of {r.get('stored_participants')} participants")
            if scenario.burst and r.get("screen_count") != r["phones"]:
                checks.append(f"screen ended at {r.get('screen_count')}")
            if scenario.burst and r.get("acked_ok") != r["phones"]:
                checks.append(f"{r.get('acked_ok')} ok acks")
            if r.get("server_tracebacks"):
                checks.append(f"{r['server_tracebacks']} tracebacks in the server log")
        lines.append("")
        if not app:
            checks.append("no app run completed (see the failed runs below)")
        lines.append(
            "Every app run: all phones connected"
            + (", every answer acked, stored once and counted once on the screen." if scenario.burst else ".")
            if not checks
            else "Problems: " + "; ".join(sorted(set(checks)))
        )
    return "\n".join(lines)


def scenarios(args) -> list[Scenario]:
    found = []
    for database, mode, processes in itertools.product(args.db, args.mode, args.processes):
        if processes > 1 and database == "sqlite":
            continue  # scale-out means PostgreSQL; SQLite is one file for one process
        found += [Scenario(n, database, mode, processes) for n in args.phones if n > 0]
        found += [Scenario(n, database, mode, processes, burst=False) for n in args.connect if n > 0]
    return found


def numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def names(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=numbers, default=[200, 1000], help="burst sizes (default 200,1000; 0 for none)")
    parser.add_argument("--connect", type=numbers, default=[3000], help="connect-only sizes (default 3000; 0 for none)")
    parser.add_argument("--db", type=names, default=["sqlite", "postgres"], help="sqlite,postgres")
    parser.add_argument("--mode", type=names, default=["eventlet", "gevent"], help="eventlet,gevent")
    parser.add_argument("--processes", type=numbers, default=[1, 2], help="1,2 (2: behind Redis, PostgreSQL only)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60, help="seconds a burst may take before it counts as failed")
    parser.add_argument("--handshakes", type=int, default=200, help="phones connecting at the same time (default 200)")
    args = parser.parse_args()
    _more_files()
    todo = scenarios(args)
    if not (os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")):
        if any(s.database == "postgres" for s in todo):
            print("PostgreSQL scenarios skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)", flush=True)
        todo = [s for s in todo if s.database != "postgres"]
    if not todo:
        raise SystemExit("nothing to run")
    OUT.mkdir(exist_ok=True)
    out = OUT / time.strftime("bench-%Y%m%d-%H%M%S.json")
    records = []
    print(f"{len(todo)} scenarios x {args.repeat} repeats, floor and app interleaved; raw runs in {out}", flush=True)
    for repeat in range(args.repeat):
        for scenario in todo:
            order = ("floor", "app") if repeat % 2 == 0 else ("app", "floor")
            for server in order:
                try:
                    record = run_one(server, scenario, args.timeout, args.handshakes)
                except Exception as err:  # one broken run must not lose the others
                    record = {"server": server, **asdict(scenario), "load": os.getloadavg()[0], "error": repr(err)[:2000]}
                records.append(record)
                out.write_text(json.dumps(records, indent=1))
                shown = {k: round(v, 3) if isinstance(v, float) else v for k, v in record.items() if k not in asdict(scenario)}
                print(f"[{repeat + 1}/{args.repeat}] {scenario.name}: {shown}", flush=True)
    print(f"\nMachine: {os.cpu_count()} cores; commit {_commit()}; {time.strftime('%Y-%m-%d %H:%M')}")
    print(summarise([r for r in records if "error" not in r]))
    failed = [r for r in records if "error" in r]
    if failed:
        print(f"\n{len(failed)} runs failed: " + "; ".join(f"{r['server']} {r['error'][:300]}" for r in failed))


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
