"""Helpers for Flask-SocketIO test clients."""


def events(client, name: str) -> list:
    """Payloads (first argument) of every `name` event the client received since the last call.

    Reading empties the client's queue, so call it once per check and keep the list.
    """
    return [item["args"][0] if item["args"] else None for item in client.get_received() if item["name"] == name]


def last(client, name: str):
    """The payload of the last `name` event received, or None."""
    found = events(client, name)
    return found[-1] if found else None


def assert_error(ack, code: str | None = None) -> dict:
    """An error ack of the shared shape {ok: false, error: {code, message}}; returns the error."""
    assert isinstance(ack, dict), ack
    assert ack.get("ok") is False, ack
    error = ack.get("error")
    assert isinstance(error, dict), ack
    assert isinstance(error.get("code"), str) and error["code"], ack
    assert isinstance(error.get("message"), str) and error["message"].strip(), ack
    if code is not None:
        assert error["code"] == code, ack
    return error
