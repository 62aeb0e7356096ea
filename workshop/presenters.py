"""Turns domain objects into the JSON payloads the API and the live layer send."""

from copy import deepcopy

from .domain.kinds import as_item, get_kind, localised_view
from .domain.model import Activity, Answer, Goal, Organisation, Participant, Workshop


def iso(moment) -> str | None:
    """UTC timestamps with a Z, for the browser's Date parser."""
    return moment.isoformat(timespec="milliseconds") + "Z" if moment else None


def organisation(org: Organisation) -> dict:
    """An organisation as every screen shows it."""
    return {"id": org.id, "name": org.name, "colour": org.colour}


def activity(act: Activity, language: str | None = None, goals: list[Goal] | None = None) -> dict:
    """An agenda item with what a phone needs to render its input, its texts in `language` where given.

    With the workshop's goals, a goal-based activity also says which goals its round is about
    (`goal_ids`), so no browser reimplements that rule.
    """
    kind = get_kind(act.kind)
    title, config = localised_view(act, language)
    view = {
        "id": act.id,
        "kind": act.kind,
        "title": title,
        "prompt": config.get("prompt", ""),
        "config": config,
        "state": act.state,
        "results_visible": act.results_visible,
        "position": act.position,
        "round": act.round,
        "timer_ends_at": iso(act.timer_ends_at),
        "takes_answers": kind.takes_answers,
        "supports_quorum": kind.supports_quorum,
        "closed_early": act.closed_early,
    }
    if kind.uses_goals and goals is not None:
        view["goal_ids"] = [g.id for g in kind.round_goals(act.config, goals)]
    return view


def localised_results(payload: dict, act: Activity, language: str) -> dict:
    """Results whose texts (poll options, scale poles, value drivers) read in `language` where the activity has them."""
    texts = (act.config.get("translations") or {}).get(language)
    if not texts or payload.get("data") is None:
        return payload
    payload = deepcopy(payload)
    get_kind(act.kind).localise_results(payload["data"], act.config, texts)
    return payload


def agenda_item(act: Activity, language: str, answers: int, goals: list[Goal]) -> dict:
    """An activity as the facilitator's agenda shows and edits it: texts per language, answer count."""
    return activity(act, goals=goals) | {"item": as_item(act, language), "answers": answers}


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
        "ended": ws.ended,
        # When the workshop and everything in it are deleted (its retention period).
        "expires_at": iso(ws.expires_at),
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
        "kind": act.kind,
        "client_id": answer.client_id,
        "answer": get_kind(act.kind).own_view(answer),
    }


def goal(g: Goal, organisation_ids: list[int], source_answer_ids: list[int]) -> dict:
    """A candidate goal with its ambitions and the organisations it may name (services.queries.goal_views)."""
    return {
        "id": g.id,
        "text": g.text,
        "position": g.position,
        "adopted": g.adopted,
        "source_answer_ids": source_answer_ids,
        "organisation_ids": organisation_ids,
        "commitments": g.commitments or {},
        "origin_goal_id": g.origin_goal_id,
        "thread_status": g.thread_status,
    }
