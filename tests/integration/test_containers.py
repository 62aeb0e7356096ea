"""The container files, checked without Docker (CI has no engine): they parse, and agree with the app and docs.

What this cannot show: that the image builds and the containers start. docs/deploy.md says so.
"""

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.lock import LOCKS
from tests.support.server import HEALTHCHECK_COMMAND, ROOT, START_COMMAND
from workshop import config

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
NGINX = (ROOT / "deploy" / "nginx" / "samenspel.conf").read_text(encoding="utf-8")
SETTINGS = set(config.from_environment())
APPS = sorted(name for name, service in COMPOSE["services"].items() if service.get("build") == ".")


def interpolated(value: str) -> str:
    """A compose value with its ${VARIABLE...} references filled in, as compose does from .env."""
    return re.sub(r"\$\{[^}]*\}", "from-env", value)


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(m.group(1).upper(), m.group(2).strip()) for m in re.finditer(r"^(\w+)\s+(.*)$", joined, re.M)]


def instruction(name: str) -> list[str]:
    return [args for op, args in dockerfile() if op == name]


def image_env() -> dict[str, str]:
    found = {}
    for args in instruction("ENV"):
        found.update(dict(pair.split("=", 1) for pair in shlex.split(args)))
    return found


def test_compose_file_follows_the_compose_specification():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_the_app_twice_behind_nginx_with_postgres_redis_and_one_migration():
    services = COMPOSE["services"]
    assert {"db", "redis", "nginx", "migrate"} <= set(services)
    processes = [name for name in APPS if name != "migrate"]
    assert len(processes) >= 2, "several app processes, so sticky sessions and the queue matter"
    for name in APPS:
        env = services[name]["environment"]
        unknown = set(env) - SETTINGS
        assert not unknown, f"{name} sets what the app does not read: {unknown}"
        assert urlsplit(interpolated(env["DATABASE_URL"])).hostname == "db"
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert urlsplit(interpolated(env["MESSAGE_QUEUE"])).hostname == "redis"
        assert env["MIGRATE_ON_START"] == "0", "the migrate service migrates; app processes only check"
    assert services["migrate"]["command"] == ["python", "-m", "workshop", "migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in processes:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "command" not in services[name], "app processes run the image's CMD"
        assert set(services["nginx"]["depends_on"][name].values()) == {"service_healthy"}


def test_every_file_compose_mounts_exists():
    for name, service in COMPOSE["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which is not in the repository"


def test_nginx_sends_to_every_app_process_on_the_image_port():
    port = image_env()["PORT"]
    upstream = re.search(r"upstream samenspel \{(.*?)\}", NGINX, re.S).group(1)
    servers = re.findall(r"^\s*server\s+(\S+);", upstream, re.M)
    assert sorted(servers) == sorted(f"{name}:{port}" for name in APPS if name != "migrate")
    assert re.search(r"^\s*ip_hash;", upstream, re.M), "sticky sessions for long-polling clients"


def test_the_image_starts_the_app_as_the_tests_do():
    [cmd] = instruction("CMD")
    assert tuple(json.loads(cmd)) == START_COMMAND
    [healthcheck] = instruction("HEALTHCHECK")
    assert tuple(json.loads(healthcheck.split("CMD", 1)[1])) == HEALTHCHECK_COMMAND


def test_the_image_is_slim_and_runs_as_an_unprivileged_user():
    [base] = instruction("FROM")
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base), base
    ops = [op for op, _ in dockerfile()]
    users = instruction("USER")
    assert users and users[-1] not in ("root", "0")
    assert ops.index("USER") < ops.index("CMD")
    assert image_env()["INSTANCE_PATH"] == "/data" and "/data" in json.loads(instruction("VOLUME")[0])
    assert (
        set(image_env()) - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK"}
        <= SETTINGS
    )


def test_the_image_installs_from_the_hashed_lock_files():
    installs = [args for args in instruction("RUN") if "pip install" in args]
    assert len(installs) == 1
    words = shlex.split(installs[0])
    assert "--require-hashes" in words and "--no-deps" in words
    locks = [words[i + 1] for i, w in enumerate(words) if w == "-r"]
    assert locks == ["requirements.txt", "requirements-scale.txt"]
    assert set(locks) <= set(LOCKS), "only lock files, never the .in inputs"


def test_the_image_copies_what_exists_and_dockerignore_keeps_it():
    ignored = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip() and not line.startswith("#")
    ]
    for args in instruction("COPY"):
        *sources, _target = shlex.split(args)
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored and source.split("/")[0] not in ignored, f".dockerignore drops {source}"
    for must_stay_out in (".git", ".venv", "instance", ".env"):
        assert must_stay_out in ignored


@pytest.mark.parametrize("path", ["Dockerfile", "docker-compose.yml", "deploy/nginx/samenspel.conf"])
def test_deploy_md_explains_each_container_file_and_says_the_tests_do_not_run_them(path):
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert f"`{path}`" in deploy
    assert "not exercised by the test suite" in deploy
