"""Two app processes behind a private Redis and PostgreSQL: bursts of 1,000 phones in a row, exact or not.

The phones (raw websocket clients, bench/phones.py) connect once, split over both processes; the
screen is on the first. Each burst opens the next poll and every phone answers at once. A burst is
exact when every ack is ok, PostgreSQL stores one answer per phone, and the screen's last `results`
shows exactly that many. With --restart, Redis is stopped one second into the last burst and started
again two seconds later. PostgreSQL comes from BENCH_DATABASE_URL (else TEST_DATABASE_URL): its tables
are dropped, so never point it at data you keep. Redis is a `redis-server` of its own on a free port.

    python -m bench.bursts [--bursts 20] [--phones 1000] [--restart] [--mode eventlet|gevent]
"""

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bench.phones import Phone, connect_all, phone_address

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bursts", type=int, default=20)
    ap.add_argument("--phones", type=int, default=1000)
    ap.add_argument("--restart", action="store_true")
    ap.add_argument("--mode", default="eventlet")
    args = ap.parse_args()
    if not PG:
        raise SystemExit("set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database whose tables may be dropped")
    from workshop import services
    from workshop.storage.database import Database

    db = Database(PG)
    db.drop_all()
    db.upgrade()
    polls = [{"kind": "poll", "title": f"Poll {k}", "config": {"options": ["A", "B", "C", "D", "E"]}} for k in range(args.bursts)]
    created = services.create_workshop(
        db, {"title": "Bursts", "language": "en", "organisations": [{"name": f"C{i}"} for i in range(4)], "agenda": polls}
    )
    orgs = [o["id"] for o in services.public_workshop(db, created.code)["organisations"]]
    tokens = [
        services.join(db, created.code, {"organisation_id": orgs[i % 4], "role": "manager"})[0].token for i in range(args.phones)
    ]
    db.engine.dispose()
    folder = Path(tempfile.mkdtemp())
    rport = free_port()

    def redis_start():
        return subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(rport),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=subprocess.DEVNULL,
        )

    redis = redis_start()
    time.sleep(0.5)
    servers = []
    for name in "ab":
        port = free_port()
        env = dict(
            os.environ,
            PORT=str(port),
            DATABASE_URL=PG,
            MESSAGE_QUEUE=f"redis://127.0.0.1:{rport}/0",
            INSTANCE_PATH=str(folder / name),
            SECRET_KEY="x",
            LOG_LEVEL="WARNING",
            ASYNC_MODE=args.mode,
        )
        log = open(folder / f"{name}.log", "wb")
        p = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    break
            except Exception:
                time.sleep(0.2)
        servers.append((p, url))
    bearer = {"Authorization": f"Bearer {created.control_token}"}
    results = []

    async def run():
        nonlocal redis
        shown = {}
        waiters = {}

        def on_screen(name, payload):
            if name == "results":
                a = payload["activity_id"]
                if payload.get("version", 0) >= shown.get(a, (0, 0))[1]:
                    shown[a] = (payload["answers"], payload.get("version", 0))
                w = waiters.get(a)
                if w and payload["answers"] >= args.phones and not w.done():
                    w.set_result(time.perf_counter())

        screen = Phone(servers[0][1], {"role": "screen", "code": created.code, "key": created.screen_key}, on_screen)
        await screen.connect()
        phones = [
            Phone(servers[i % 2][1], {"role": "participant", "code": created.code, "token": t}, source=phone_address(i))
            for i, t in enumerate(tokens)
        ]
        t = time.perf_counter()
        errs = await connect_all(phones)
        print(f"connected {len(phones) - len(errs)} in {time.perf_counter() - t:.1f}s", flush=True)
        for k in range(args.bursts):
            state = requests.post(
                f"{servers[1][1]}/api/workshops/{created.code}/control", json={"action": "next"}, headers=bearer, timeout=30
            ).json()
            activity = state["current"]["id"]
            await asyncio.sleep(1.0)
            loop = asyncio.get_running_loop()
            waiters[activity] = loop.create_future()

            async def answer(i, phone, activity=activity):
                body = {"activity_id": activity, "client_id": uuid.uuid4().hex, "answer": {"choices": [i % 5]}}
                for _ in range(5):
                    try:
                        ack, _ = await phone.call("submit", body, timeout=60)
                        return ack
                    except TimeoutError:
                        continue
                return None

            start = time.perf_counter()
            restart = None
            if args.restart and k == args.bursts - 1:

                async def restart_redis():
                    nonlocal redis
                    await asyncio.sleep(1.0)
                    redis.terminate()
                    redis.wait(10)
                    await asyncio.sleep(2.0)
                    redis = redis_start()

                restart = asyncio.ensure_future(restart_redis())
            acks = await asyncio.gather(*(answer(i, p) for i, p in enumerate(phones)))
            acked = time.perf_counter() - start
            if restart:
                await restart
            ok = sum(1 for a in acks if isinstance(a, dict) and a.get("ok"))
            try:
                done = await asyncio.wait_for(asyncio.shield(waiters[activity]), 60)
                screen_s = done - start
            except TimeoutError:
                screen_s = None
            await asyncio.sleep(1.5)  # a late stale push must not undo the final count
            final = shown.get(activity, (None,))[0]
            from sqlalchemy import create_engine, text

            e = create_engine(PG)
            with e.connect() as c:
                stored = c.execute(
                    text("select count(*), count(distinct participant_id) from answers where activity_id=:a"), {"a": activity}
                ).one()
            e.dispose()
            r = {
                "burst": k + 1,
                "ok_acks": ok,
                "stored": stored[0],
                "distinct": stored[1],
                "screen_final": final,
                "acks_s": round(acked, 2),
                "screen_s": screen_s and round(screen_s, 2),
                "load": round(os.getloadavg()[0], 2),
                "redis_restart": bool(restart),
            }
            results.append(r)
            print(json.dumps(r), flush=True)
        await asyncio.gather(*(p.close() for p in phones + [screen]))

    try:
        asyncio.run(run())
    finally:
        for p, _ in servers:
            p.terminate()
            p.wait(15)
        redis.terminate()
        redis.wait(10)
        for name in "ab":
            tb = (folder / f"{name}.log").read_text(errors="replace").count("Traceback")
            print(f"server {name}: {tb} tracebacks")
    good = [r for r in results if r["ok_acks"] == r["stored"] == r["distinct"] == r["screen_final"] == args.phones]
    print(f"{len(good)} of {len(results)} bursts exact")


main()
