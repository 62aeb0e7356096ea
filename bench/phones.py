"""Phones as raw asyncio websocket clients speaking Engine.IO 4 / Socket.IO 5 themselves.

A threaded python-socketio client costs a thread and a few MB per phone; thousands of them would
load two cores more than the server does. These are a coroutine and a socket each.
"""

import asyncio
import itertools
import json
import time
from collections.abc import Callable

from websockets.asyncio.client import connect

EVENT, ACK, CONNECT, CONNECT_ERROR = "2", "3", "0", "4"  # Socket.IO packet types, after Engine.IO's "4"


class Refused(Exception):
    """The server refused the Socket.IO connection (a `44` packet)."""


def phone_address(i: int) -> str:
    """A loopback address of its own for phone i, as phones on mobile data have: the server's per-address limits stay on."""
    return f"127.1.{i // 250}.{i % 250 + 1}"


class Phone:
    """One Socket.IO connection over a websocket: connect with `auth`, emit with acks, receive events."""

    def __init__(self, url: str, auth: dict, on_event: Callable[[str, object], None] | None = None, source: str | None = None):
        self.url = url.replace("http://", "ws://", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.auth = auth
        self.source = source
        self.on_event = on_event
        self.ws = None
        self.ids = itertools.count()
        self.waiting: dict[int, asyncio.Future] = {}
        self.reader: asyncio.Task | None = None

    async def connect(self, timeout: float = 60) -> None:
        """Open the websocket, connect to the default namespace, then keep reading in the background."""
        local = {"local_addr": (self.source, 0)} if self.source else {}
        self.ws = await connect(self.url, compression=None, max_size=None, open_timeout=timeout, ping_interval=None, **local)
        opened = await asyncio.wait_for(self.ws.recv(), timeout)
        if not opened.startswith("0"):
            raise Refused(opened[:200])
        await self.ws.send("40" + json.dumps(self.auth))
        while True:
            packet = await asyncio.wait_for(self.ws.recv(), timeout)
            if packet.startswith("40"):
                break
            if packet.startswith("44"):
                raise Refused(packet[2:200])
            self._handle(packet)
        self.reader = asyncio.create_task(self._read())

    async def call(self, event: str, payload, timeout: float = 120) -> tuple[object, float]:
        """Emit with an ack; returns the ack's payload and the seconds it took."""
        ack_id = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.waiting[ack_id] = future
        start = time.perf_counter()
        await self.ws.send(f"42{ack_id}" + json.dumps([event, payload]))
        reply = await asyncio.wait_for(future, timeout)
        return reply, time.perf_counter() - start

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
        if self.ws:
            await self.ws.close()

    async def _read(self) -> None:
        try:
            async for packet in self.ws:
                self._handle(packet)
        except Exception:  # the connection went away: pending calls time out on their own
            pass

    def _handle(self, packet: str) -> None:
        if packet == "2":  # Engine.IO ping: answer or the server drops us
            asyncio.ensure_future(self.ws.send("3"))
        elif packet.startswith("4" + EVENT):
            name, *args = json.loads(packet[packet.index("[") :])
            if self.on_event:
                self.on_event(name, args[0] if args else None)
        elif packet.startswith("4" + ACK):
            body = packet.index("[")
            future = self.waiting.pop(int(packet[2:body]), None)
            if future and not future.done():
                reply = json.loads(packet[body:])
                future.set_result(reply[0] if reply else None)


async def connect_all(phones: list[Phone], concurrency: int = 200) -> list[Exception]:
    """Connect every phone, at most `concurrency` handshakes at a time; returns the failures."""
    gate = asyncio.Semaphore(concurrency)

    async def one(phone):
        async with gate:
            try:
                await phone.connect()
            except Exception as err:
                return err
        return None

    return [err for err in await asyncio.gather(*(one(p) for p in phones)) if err is not None]
