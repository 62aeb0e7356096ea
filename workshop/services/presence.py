"""Live connections, the lease each server process holds on its own, and presence counts."""

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta

from sqlalchemy import delete, distinct, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.events import PresenceChanged
from ..domain.model import Participant, Workshop
from ..storage.database import Database
from ..storage.tables import connections, servers, site, utcnow
from . import queries as q
from .roles import SCREEN_ROLE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Connection:
    """One open Socket.IO connection: whose it is and which workshop it follows."""

    sid: str
    workshop_id: int
    role: str
    participant_id: int | None = None


def _changed(*groups) -> list:
    return [PresenceChanged(w) for w in sorted({c.workshop_id for group in groups for c in group})]


def _insert(s, server_id: str, opened: list[Connection]) -> list[Connection]:
    """Insert the rows; one whose participant or workshop was deleted meanwhile is skipped, not fatal."""
    rows = [{**asdict(c), "server_id": server_id} for c in opened]
    try:
        with s.begin_nested():
            s.execute(insert(connections), rows)
        return opened
    except IntegrityError:
        stored = []
        for connection, row in zip(opened, rows, strict=True):
            try:
                with s.begin_nested():
                    s.execute(insert(connections), [row])
                stored.append(connection)
            except IntegrityError:
                log.info("connection %s not stored: its workshop or participant is gone", connection.sid)
        return stored


def record_connections(db: Database, server_id: str, opened: list[Connection], closed: list[Connection]) -> list:
    """Store the connections that opened and forget those that closed since the last call, in one transaction."""
    if not opened and not closed:
        return []
    with db.session() as s:
        if closed:
            s.execute(delete(connections).where(connections.c.sid.in_([c.sid for c in closed])))
        stored = _insert(s, server_id, opened) if opened else []
    return _changed(stored, closed)


def register_server(db: Database, server_id: str, local: list[Connection]) -> list:
    """Take (or take back) the lease of a server process and store every connection it holds."""
    now = utcnow()
    with db.session() as s:
        s.execute(delete(connections).where(connections.c.server_id == server_id))
        s.execute(delete(servers).where(servers.c.id == server_id))
        s.execute(insert(servers).values(id=server_id, started_at=now, renewed_at=now))
        stored = _insert(s, server_id, local) if local else []
    return _changed(stored)


def renew_lease(db: Database, server_id: str) -> bool:
    """Prolong the lease; False when it had expired and was dropped (register again)."""
    with db.session() as s:
        return s.execute(update(servers).where(servers.c.id == server_id).values(renewed_at=utcnow())).rowcount == 1


def drop_expired(db: Database, lease_seconds: float) -> list:
    """Forget servers that stopped renewing their lease, and their connections (a crashed process's)."""
    cutoff = utcnow() - timedelta(seconds=lease_seconds)
    with db.session() as s:
        # The lease goes first: a server renewing right now then finds it gone and registers again.
        dead = s.scalars(delete(servers).where(servers.c.renewed_at < cutoff).returning(servers.c.id)).all()
        # Rows of a server with no lease at all (it crashed before registering, or ran an older
        # version) go once they are older than a lease.
        orphaned = connections.c.server_id.not_in(select(servers.c.id)) & (connections.c.connected_at < cutoff)
        gone = connections.c.server_id.in_(dead) | orphaned if dead else orphaned
        workshops = set(s.scalars(delete(connections).where(gone).returning(connections.c.workshop_id)))
    return [PresenceChanged(w) for w in sorted(workshops)]


def forget_connections(db: Database) -> None:
    """Drop every connection row and lease (one process serves the site, so they are its own, stale)."""
    with db.session() as s:
        s.execute(delete(connections))
        s.execute(delete(servers))


def site_id(db: Database) -> str:
    """The id the migrations gave this installation: every process of one site reads the same."""
    with db.session() as s:
        return s.scalar(select(site.c.value).where(site.c.key == "site_id"))


def presence(db: Database, workshop_id: int) -> dict:
    """Who is here, counted per organisation: joined, connected, in the room or remote."""
    with db.session() as s:
        return presence_in(s, workshop_id)


def presence_and_current(db: Database, workshop_id: int) -> tuple[dict, int | None]:
    """Presence, and the open activity whose participation balance moves with it, in one read."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)  # None once deleted (by its owner or the retention sweep)
        return presence_in(s, workshop_id), workshop.current_activity_id if workshop else None


def presence_in(s, workshop_id: int) -> dict:
    """Presence counted by the database, so its cost does not grow with the rows it counts."""
    joined = dict(
        s.execute(
            select(Participant.organisation_id, func.count())
            .where(Participant.workshop_id == workshop_id)
            .group_by(Participant.organisation_id)
        ).all()
    )
    online = {}
    rows = s.execute(
        select(Participant.organisation_id, Participant.presence, func.count(distinct(Participant.id)))
        .select_from(connections)
        .join(Participant, Participant.id == connections.c.participant_id)
        .where(connections.c.workshop_id == workshop_id)
        .group_by(Participant.organisation_id, Participant.presence)
    )
    for organisation_id, where, count in rows:
        online.setdefault(organisation_id, {})[where] = count
    screens = s.scalar(
        select(func.count())
        .select_from(connections)
        .where(connections.c.workshop_id == workshop_id, connections.c.role == SCREEN_ROLE)
    )
    organisations = []
    for org in q.organisations(s, workshop_id):
        here = online.get(org.id, {})
        organisations.append(
            {
                "organisation_id": org.id,
                "joined": joined.get(org.id, 0),
                "connected": sum(here.values()),
                "in_room": here.get("room", 0),
                "remote": here.get("remote", 0),
            }
        )
    return {
        "organisations": organisations,
        "connected": sum(o["connected"] for o in organisations),
        "joined": sum(joined.values()),
        "screens": screens,
    }
