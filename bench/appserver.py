"""The app exactly as `python app.py` serves it, plus a statement counter the benchmark reads.

`GET /_bench/statements` answers how many SQL statements this process has sent so far; it exists only
in this wrapper, never in the app.
"""

import os

from sqlalchemy import event

import app as entry  # patches for ASYNC_MODE first, then builds the app, as `make run` does

statements = {"count": 0}


def _count(*_args) -> None:
    statements["count"] += 1


event.listen(entry.app.extensions["samenspel.db"].engine, "before_cursor_execute", _count)


@entry.app.get("/_bench/statements")
def bench_statements():
    """SQL statements sent by this process since it started."""
    return {"statements": statements["count"]}


if __name__ == "__main__":
    if os.environ.get("BENCH_PROFILE"):
        # Where the time goes: cProfile of the whole process, written when the benchmark stops it.
        import cProfile
        import signal

        profile = cProfile.Profile()

        def stop(*_args):
            profile.disable()
            profile.dump_stats(os.environ["BENCH_PROFILE"])
            os._exit(0)

        signal.signal(signal.SIGTERM, stop)
        profile.enable()
    entry.main()
