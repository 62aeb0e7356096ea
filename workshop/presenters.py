"""Turns domain objects into the JSON payloads the API and the live layer send."""

from .domain.kinds import get_kind
from .domain.model import Activity, Answer, Goal, Organisation, Participant, Workshop


def iso(moment) -> str | None:
    """UTC timestamps with a Z, for the browser's Date parser."""
    return moment.isoformat(timespec="milliseconds") + "Z" if moment else None


def organisation(org: Organisation) -> dict:
    """An organisation as every screen shows it."""
    return {"id": org.id, "name": org.name, "colour": org.colour}


def activity(act: Activity) -> dict:
    """An agenda item with what a phone needs to render its input."""
    return {
        "id": act.id,
        "kind": act.kind,
        "title": act.title,
        "prompt": act.config.get("prompt", ""),
        "config": act.config,
        "state": act.state,
        "results_visible": act.results_visible,
        "position": act.position,
        "round": act.round,
        "timer_ends_at": iso(act.timer_ends_at),
        "takes_answers": get_kind(act.kind).takes_answers,
    }


def workshop(ws: Workshop, orgs: list[Organisation]) -> dict:
    """The workshop's public face: title, language, organisations and roles."""
    return {
        "code": ws.code,
        "title": ws.title,
        "language": ws.language,
        "roles": ws.roles,
        "settings": ws.settings,
        "organisations": [organisation(o) for o in orgs],
        "current_activity_id": ws.current_activity_id,
    }


def participant(p: Participant) -> dict:
    """A participant as they see themselves."""
    return {
        "id": p.id,
        "organisation_id": p.organisation_id,
        "role": p.role,
        "presence": p.presence,
        "display_name": p.display_name,
    }


def own_answer(answer: Answer, act: Activity) -> dict:
    """An answer read back by its author."""
    return {
        "id": answer.id,
        "activity_id": answer.activity_id,
        "client_id": answer.client_id,
        "answer": get_kind(act.kind).own_view(answer),
    }


def goal(g: Goal) -> dict:
    """A candidate goal with the organisations behind it."""
    return {
        "id": g.id,
        "text": g.text,
        "position": g.position,
        "adopted": g.adopted,
        "source_answer_ids": g.source_answer_ids,
        "organisation_ids": g.organisation_ids,
    }
