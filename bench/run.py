"""Measure answer acknowledgement latency and result-push coalescing against a real server.

Starts the app as a subprocess (eventlet, SQLite in a temporary folder), joins N participants through
the API, connects them over websockets, and has each submit M ambitions as fast as its acks allow.
Two baselines are measured in the same invocation, because this machine is shared and noisy: a
`GET /healthz` round trip on the same server, and a second server that pushes results after every
answer (no coalescing). Figures are medians over `--repeat` workshops, and ratios to the baselines.

    python -m bench.run [--participants 40] [--answers 5] [--interval 0.3] [--repeat 3]
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: str, interval: float) -> tuple[subprocess.Popen, str]:
    """The app on its own port and database; returns once /healthz answers."""
    port = free_port()
    env = dict(os.environ, PORT=str(port), INSTANCE_PATH=folder, ASYNC_MODE="eventlet", LOG_LEVEL="WARNING")
    env.update(DATABASE_URL=f"sqlite:///{folder}/bench.db", RESULTS_PUSH_INTERVAL=str(interval))
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(base + "/healthz", timeout=1).ok:
                return process, base
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not start: " + process.stderr.read().decode())


def baseline(base: str, count: int = 200) -> list[float]:
    """HTTP round trips to /healthz, the yardstick for this machine at this moment."""
    session = requests.Session()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        session.get(base + "/healthz", timeout=5)
        times.append(time.perf_counter() - start)
    return times


def run_once(base: str, participants: int, answers: int) -> dict:
    """One workshop: everyone submits; returns latencies and what the screen received."""
    orgs = [{"name": f"Corporatie {i}"} for i in range(4)]
    created = requests.post(
        base + "/api/workshops",
        json={
            "title": "Bench",
            "organisations": orgs,
            "agenda": [{"kind": "ambitions", "config": {"max_per_participant": answers}}],
        },
        timeout=10,
    ).json()
    code, token = created["code"], created["control_token"]
    headers = {"Authorization": f"Bearer {token}"}
    requests.post(base + f"/api/workshops/{code}/control", json={"action": "next"}, headers=headers, timeout=10)
    activity_id = requests.get(base + f"/api/workshops/{code}/agenda", headers=headers, timeout=10).json()[0]["id"]
    org_ids = [o["id"] for o in created["workshop"]["organisations"]]

    pushes, last_count, done = [], [0], threading.Event()
    total = participants * answers
    screen = socketio.Client(reconnection=False)

    @screen.on("results")
    def on_results(payload):
        pushes.append(time.perf_counter())
        last_count[0] = payload["answers"]
        if payload["answers"] >= total:
            done.set()

    screen.connect(base, auth={"role": "screen", "code": code, "key": created["screen_key"]}, transports=["websocket"])
    clients = []
    for i in range(participants):
        joined = requests.post(
            base + f"/api/workshops/{code}/participants",
            json={"organisation_id": org_ids[i % len(org_ids)], "role": "manager"},
            timeout=10,
        ).json()
        client = socketio.Client(reconnection=False)
        client.connect(base, auth={"role": "participant", "code": code, "token": joined["token"]}, transports=["websocket"])
        clients.append(client)

    latencies, lock = [], threading.Lock()
    answer = {"text": "Samen verduurzamen", "value_driver": "Innovatie", "horizon": 3}

    def submit_all(client):
        for _ in range(answers):
            start = time.perf_counter()
            ack = client.call("submit", {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": answer}, timeout=30)
            elapsed = time.perf_counter() - start
            assert ack["ok"], ack
            with lock:
                latencies.append(elapsed)

    pushes.clear()
    start = time.perf_counter()
    threads = [threading.Thread(target=submit_all, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    acked = time.perf_counter()
    done.wait(10)
    settled = time.perf_counter()
    for client in clients + [screen]:
        client.disconnect()
    return {
        "latencies": latencies,
        "seconds": acked - start,
        "answers": total,
        "screen_pushes": len(pushes),
        "screen_final_count": last_count[0],
        "final_push_after_last_ack": settled - acked,
    }


def measure(interval: float, args) -> dict:
    """One server with this push interval: `repeat` workshops, medians over them."""
    with tempfile.TemporaryDirectory() as folder:
        process, base = start_server(folder, interval)
        try:
            runs, bases = [], []
            for _ in range(args.repeat):
                bases.append(statistics.median(baseline(base)))
                runs.append(run_once(base, args.participants, args.answers))
        finally:
            process.terminate()
            process.wait(10)
    ack_medians = [statistics.median(r["latencies"]) for r in runs]
    return {
        "push_interval_s": interval,
        "baseline_healthz_median_ms": round(statistics.median(bases) * 1000, 2),
        "ack_median_ms": round(statistics.median(ack_medians) * 1000, 2),
        "ack_p95_ms": round(statistics.median(statistics.quantiles(r["latencies"], n=20)[-1] for r in runs) * 1000, 2),
        "ack_median_over_baseline": round(statistics.median(ack_medians) / statistics.median(bases), 1),
        "answers_per_second": round(statistics.median(r["answers"] / r["seconds"] for r in runs), 1),
        "screen_pushes_median": statistics.median(r["screen_pushes"] for r in runs),
        "screen_saw_final_state": all(r["screen_final_count"] == r["answers"] for r in runs),
        "final_push_after_last_ack_ms": round(statistics.median(r["final_push_after_last_ack"] for r in runs) * 1000, 1),
    }


def main() -> None:
    """Run the benchmark against coalesced pushes and, as the baseline, one push per answer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument("--interval", type=float, default=0.3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    coalesced = measure(args.interval, args)
    uncoalesced = measure(0.0, args)
    summary = {
        "participants": args.participants,
        "answers_each": args.answers,
        "answers_per_run": args.participants * args.answers,
        "repeat": args.repeat,
        "coalesced": coalesced,
        "baseline_one_push_per_answer": uncoalesced,
        "ack_median_ratio_coalesced_to_baseline": round(coalesced["ack_median_ms"] / uncoalesced["ack_median_ms"], 2),
        "throughput_ratio_coalesced_to_baseline": round(coalesced["answers_per_second"] / uncoalesced["answers_per_second"], 2),
        "push_ratio_coalesced_to_baseline": round(
            coalesced["screen_pushes_median"] / max(uncoalesced["screen_pushes_median"], 1), 3
        ),
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
