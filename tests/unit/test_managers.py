"""The room index gives the same rooms as python-socketio's own manager, without scanning every room."""

import itertools

import socketio

from workshop.live.managers import Manager


class FakeServer:
    """What a manager asks of its server: new ids and the packet class's JSON."""

    def __init__(self):
        ids = itertools.count()
        self.eio = type("Eio", (), {"generate_id": staticmethod(lambda: f"sid{next(ids)}")})()
        self.packet_class = socketio.packet.Packet


def play(manager) -> dict:
    manager.set_server(FakeServer())
    sids = [manager.connect(f"eio{n}", "/") for n in range(6)]
    for n, sid in enumerate(sids):
        manager.enter_room(sid, "/", "w1:participants")
        manager.enter_room(sid, "/", f"p{n % 3}")
    manager.enter_room(sids[0], "/", "w1:screens")
    manager.leave_room(sids[1], "/", "p1")
    manager.close_room("p2", "/")
    assert sorted(manager.get_rooms(sids[0], "/")) == sorted([sids[0], "w1:participants", "w1:screens", "p0"])
    for sid in sids[::2]:
        manager.disconnect(sid, "/")
    return {room: dict(members) for room, members in manager.rooms["/"].items()}


def test_the_index_matches_python_socketio():
    assert play(Manager()) == play(socketio.Manager())


def test_every_client_gone_leaves_nothing_behind():
    manager = Manager()
    manager.set_server(FakeServer())
    sids = [manager.connect(f"eio{n}", "/") for n in range(3)]
    for sid in sids:
        manager.enter_room(sid, "/", "w1:participants")
        manager.disconnect(sid, "/")
    assert manager.rooms == {} and manager.rooms_of == {}
