"""Compile the human-edited requirements*.in into hashed lock files, or check they are up to date.

    python scripts/lock.py          # recompile every lock file (needs the network and uv)
    python scripts/lock.py --check  # fail when an input changed after its lock was compiled (offline)

Each lock starts with the SHA-256 of the inputs it was compiled from, so the check needs no network.
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Compiled in this order: later inputs are constrained by earlier locks, so versions agree.
LOCKS = {
    "requirements.txt": "requirements.in",
    "requirements-scale.txt": "requirements-scale.in",
    "requirements-dev.txt": "requirements-dev.in",
}
MARK = "# inputs-sha256: "


def inputs(path: Path, seen=None) -> list[Path]:
    """The .in file and every .in it includes with -r, in order."""
    seen = seen if seen is not None else []
    if path in seen:
        return seen
    seen.append(path)
    for line in path.read_text().splitlines():
        found = re.match(r"-r\s+(\S+\.in)\s*$", line.strip())
        if found:
            inputs(path.parent / found.group(1), seen)
    return seen


def digest(source: str, root: Path = ROOT) -> str:
    """SHA-256 over the input files' contents."""
    h = hashlib.sha256()
    for path in inputs(root / source):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def compile_all() -> None:
    uv = Path(sys.executable).with_name("uv")
    for lock, source in LOCKS.items():
        out = ROOT / lock
        subprocess.run(
            [
                str(uv),
                "pip",
                "compile",
                "--quiet",
                "--generate-hashes",
                "--python-version",
                "3.11",
                "--no-header",
                "--output-file",
                str(out),
                source,
            ],
            cwd=ROOT,
            check=True,
        )
        text = out.read_text()
        header = (
            f"# Lock file: do not edit. Compiled from {source} by `make lock` (scripts/lock.py, uv).\n{MARK}{digest(source)}\n"
        )
        out.write_text(header + text)
        print(f"wrote {lock}")


def stale(root: Path = ROOT) -> list[str]:
    """Lock files whose inputs changed since they were compiled."""
    problems = []
    for lock, source in LOCKS.items():
        path = root / lock
        recorded = next((ln[len(MARK) :].strip() for ln in path.read_text().splitlines() if ln.startswith(MARK)), None)
        if recorded != digest(source, root):
            problems.append(f"{lock} is out of date with {source}: run `make lock`")
    return problems


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        problems = stale()
        print("\n".join(problems) or "lock files are up to date")
        sys.exit(1 if problems else 0)
    compile_all()
