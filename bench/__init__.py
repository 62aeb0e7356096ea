"""Load benchmark: a real server, many participants over websockets; not part of the test run."""
