"""The hashed lock files match the human-edited inputs, and the environment was installed from them."""

import re
import shutil
from importlib import metadata
from pathlib import Path

from scripts.lock import LOCKS, ROOT, stale


def pins(lock: Path) -> dict[str, str]:
    """name -> version of every package a lock file pins."""
    found = {}
    for line in lock.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", line)
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def test_lock_files_are_up_to_date():
    assert stale() == []


def test_a_changed_input_makes_its_lock_stale(tmp_path):
    for name in [*LOCKS, *LOCKS.values()]:
        shutil.copy(ROOT / name, tmp_path / name)
    assert stale(tmp_path) == []
    with open(tmp_path / "requirements.in", "a") as out:
        out.write("six==1.16.0\n")
    problems = stale(tmp_path)
    # The runtime lock and the dev lock (which includes the runtime input) are both out of date.
    assert any(p.startswith("requirements.txt ") for p in problems)
    assert any(p.startswith("requirements-dev.txt ") for p in problems)


def test_every_pin_is_hashed():
    for lock in LOCKS:
        text = (ROOT / lock).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        for block in blocks:
            if "==" in block.split("\n")[0]:
                assert "--hash=sha256:" in block, block.split("\n")[0]


def test_the_environment_matches_the_dev_lock():
    wanted = pins(ROOT / "requirements-dev.txt")
    for name, version in wanted.items():
        assert metadata.version(name) == version, name


def test_the_locks_agree_on_versions():
    runtime, scale, dev = (pins(ROOT / lock) for lock in LOCKS)
    for name, version in {**runtime, **scale}.items():
        assert dev.get(name) == version, name
