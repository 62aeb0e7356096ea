"""Tables, mapped imperatively onto the domain dataclasses so the domain imports nothing."""

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import registry

from ..domain.model import (
    Activity,
    Answer,
    Goal,
    Organisation,
    Participant,
    PartnerOrganisation,
    Partnership,
    Workshop,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
mapper_registry = registry(metadata=metadata)


def utcnow() -> datetime:
    """Timestamps are stored in UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


partnerships = Table(
    "partnerships",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("language", String(5), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

partner_organisations = Table(
    "partner_organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("partnership_id", Integer, ForeignKey("partnerships.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("colour", String(7), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("partnership_id", "name", name="uq_partner_organisations_partnership_name"),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("language", String(5), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("current_activity_id", Integer, nullable=True),
    # The activity the facilitator last moved on from: "Next" goes on from there when in the lobby.
    Column("last_activity_id", Integer, nullable=True),
    Column("control_token_hash", String(64), nullable=False, unique=True),
    Column("screen_key", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("partnership_id", Integer, ForeignKey("partnerships.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("ended_at", DateTime, nullable=True),
    # Deleted with everything in it after this moment (the retention period; docs/security.md).
    Column("expires_at", DateTime, nullable=True, index=True),
)

# How many participants joined a workshop from one network address: the facilitator is warned when
# many did. The address itself is never stored, only a keyed hash of it, and never with a participant.
join_sources = Table(
    "join_sources",
    metadata,
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("source", String(64), primary_key=True),
    Column("joins", Integer, nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("colour", String(7), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("partner_id", Integer, ForeignKey("partner_organisations.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("workshop_id", "name", name="uq_organisations_workshop_name"),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(60), nullable=False),
    Column("presence", String(10), nullable=False),
    Column("display_name", String(60), nullable=False, default=""),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

activities = Table(
    "activities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("title", String(200), nullable=False),
    Column("config", JSON, nullable=False),
    Column("state", String(10), nullable=False),
    Column("results_visible", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False),
    Column("round", Integer, nullable=False, default=1),
    Column("previous_round_id", Integer, nullable=True),
    Column("timer_ends_at", DateTime, nullable=True),
    # {"waiting_for": [organisation ids], "rule": {...}} when closed before the quorum was met.
    Column("closed_early", JSON, nullable=True),
    # Deleted from the agenda while it had answers: gone from every screen, kept for the exports.
    Column("removed_at", DateTime, nullable=True),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("activity_id", Integer, ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", String(64), nullable=False),
    # "" for kinds with one answer per participant, so the unique key below is the last guard.
    Column("slot", String(64), nullable=False, default=""),
    Column("payload", JSON, nullable=False),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("merged_into", Integer, nullable=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("updated_at", DateTime, nullable=False, default=utcnow, onupdate=utcnow),
    UniqueConstraint("activity_id", "participant_id", "slot", name="uq_answers_one_per_slot"),
    Index("ix_answers_activity", "activity_id"),
    # Never reuse an id: a replaced answer must not be recognisable by its old id (SQLite reuses them).
    sqlite_autoincrement=True,
)

goals = Table(
    "goals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", String(300), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("adopted", Boolean, nullable=False, default=False),
    Column("source_answer_ids", JSON, nullable=False),
    Column("organisation_ids", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    # Pledges imported with the goal into a follow-up: {"<organisation id>": {"hours", "budget"}}.
    Column("commitments", JSON, nullable=False, default=dict),
    Column("origin_goal_id", Integer, ForeignKey("goals.id", ondelete="SET NULL"), nullable=True),
    Column("thread_status", String(10), nullable=True),
)

# Every submission a phone made, by its client id: a retry finds its receipt and changes nothing.
receipts = Table(
    "receipts",
    metadata,
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("client_id", String(64), primary_key=True),
    Column("answer_id", Integer, nullable=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

# Live Socket.IO connections, so presence counts hold across worker processes.
connections = Table(
    "connections",
    metadata,
    Column("sid", String(64), primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    Column("role", String(12), nullable=False),
    Column("server_id", String(64), nullable=False, index=True),
    Column("connected_at", DateTime, nullable=False, default=utcnow),
)

# Server processes and their lease: a process that stops renewing it lost its connections too.
servers = Table(
    "servers",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("started_at", DateTime, nullable=False, default=utcnow),
    Column("renewed_at", DateTime, nullable=False, default=utcnow),
)

# Facts about this installation, made once by the migrations (e.g. the id that names its Redis channel).
site = Table(
    "site",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

_mapped = False


def map_domain() -> None:
    """Map the domain dataclasses onto the tables, once per process."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(Workshop, workshops)
    mapper_registry.map_imperatively(Organisation, organisations)
    mapper_registry.map_imperatively(Participant, participants)
    mapper_registry.map_imperatively(Activity, activities)
    mapper_registry.map_imperatively(Answer, answers)
    mapper_registry.map_imperatively(Goal, goals)
    mapper_registry.map_imperatively(Partnership, partnerships)
    mapper_registry.map_imperatively(PartnerOrganisation, partner_organisations)
    _mapped = True
