"""Snapshots and results for phones, screens, control views and the API."""

from sqlalchemy import select

from .. import presenters
from ..domain import lifecycle
from ..domain.fields import is_identifier
from ..domain.kinds import get_kind
from ..domain.model import LANGUAGES, PRESENCES, Activity, Answer, Participant, Workshop
from ..domain.results import FACILITATOR, SCREEN, ResultContext, build_results
from ..storage.database import Database
from ..storage.tables import answers as answer_rows
from ..storage.tables import participants as participant_rows
from ..storage.tables import utcnow
from . import closing
from . import queries as q
from .participants import warnings_in
from .partnerships import measure_trend
from .presence import presence_in
from .roles import FACILITATOR_ROLE, SCREEN_ROLE


def state(db: Database, workshop_id: int, audience: str, participant_id: int | None = None, language: str | None = None) -> dict:
    """The snapshot a phone, screen or control view renders from; activity texts in `language` where given."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = q.agenda(s, workshop_id)
        goals = q.goals(s, workshop_id)
        current = next((a for a in agenda if a.id == workshop.current_activity_id), None)
        payload = {
            "workshop": presenters.workshop(workshop, q.organisations(s, workshop_id)),
            "current": presenters.activity(current, language, goals) if current else None,
            "agenda_length": len(agenda),
            "goals": q.goal_views(s, workshop_id),
            # Phones and screens compare this with their own clock so countdowns agree.
            "server_time": presenters.iso(utcnow()),
        }
        if workshop.ended:
            payload["closing"] = closing.summary(s, workshop)
        if audience == FACILITATOR_ROLE:
            counts = q.answer_counts(s, workshop_id)
            payload["agenda"] = [presenters.agenda_item(a, workshop.language, counts.get(a.id, 0), goals) for a in agenda]
            upcoming = lifecycle.upcoming(workshop, agenda)
            # What "Next" opens, as the server decides it; None: Next goes to the lobby.
            payload["upcoming_id"] = upcoming.id if upcoming else None
            payload["presence"] = presence_in(s, workshop_id)
            payload["screen_key"] = workshop.screen_key
            payload["join_warnings"] = warnings_in(s, workshop_id)
        elif audience == SCREEN_ROLE:
            payload["presence"] = presence_in(s, workshop_id)
        else:
            payload.update(_own_part(s, participant_id, current.id if current else None))
            if current is not None and get_kind(current.kind).speaks_for_organisation:
                organisation_id = payload["participant"]["organisation_id"]
                payload["ours"] = organisation_views(db, workshop_id, current.id, organisation_id)[organisation_id]
    return payload


def agenda_kinds(db: Database, code: str) -> list[str]:
    """The activity kinds on a workshop's agenda, in agenda order, each once."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        return list(dict.fromkeys(a.kind for a in q.agenda(s, workshop.id)))


def participant_state(db: Database, participant_id: int, activity_id: int | None) -> dict:
    """A phone's own part of its snapshot: who it is, and its answers to the current activity."""
    with db.session() as s:
        return _own_part(s, participant_id, activity_id)


def _own_part(s, participant_id: int, activity_id: int | None) -> dict:
    # One query for the participant and their answers; the activity only when there are answers.
    rows = s.execute(
        select(Participant, Answer)
        .outerjoin(Answer, (Answer.participant_id == Participant.id) & (Answer.activity_id == activity_id))
        .where(Participant.id == participant_id)
        .order_by(Answer.id)
    ).all()
    answers = [answer for _, answer in rows if answer is not None]
    current = s.get(Activity, activity_id) if answers else None
    return {"participant": presenters.participant(rows[0][0]), "mine": [presenters.own_answer(a, current) for a in answers]}


def organisation_views(db: Database, workshop_id: int, activity_id, organisation_id: int | None = None) -> dict[int, dict]:
    """For kinds answered on behalf of an organisation: what counts for each organisation (or one), for its phones."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = q.activity(s, workshop_id, activity_id)
        kind = get_kind(act.kind)
        if not kind.speaks_for_organisation:
            return {}
        organisations = q.organisations(s, workshop_id)
        ctx = ResultContext(
            workshop=workshop,
            activity=act,
            organisations=organisations,
            participants=q.participants(s, workshop_id),
            answers=list(s.scalars(select(Answer).where(Answer.activity_id == act.id).order_by(Answer.id))),
            goals=q.goals(s, workshop_id),
        )
        wanted = [o.id for o in organisations if organisation_id in (None, o.id)]
        return {org: kind.organisation_view(ctx, org) for org in wanted}


def results(
    db: Database, workshop_id: int, activity_id, audience: str = SCREEN, presence: str | None = None, language: str | None = None
) -> dict:
    """Results of one activity for one audience, computed from the stored answers (a screen's in its `language`)."""
    payloads = results_for(db, workshop_id, activity_id, (audience,), presence)
    return payloads.get(f"{audience}:{language}", payloads[audience])


def results_for(
    db: Database, workshop_id: int, activity_id, audiences, presence: str | None = None, removed: bool = False
) -> dict[str, dict]:
    """Results for several audiences from one read of the rows (every push needs two)."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = q.activity(s, workshop_id, activity_id, removed=removed)
        rows = {
            "workshop": workshop,
            "activity": act,
            "organisations": q.organisations(s, workshop_id),
            # Plain rows, not ORM objects: a push reads every answer, and a keynote has thousands.
            "participants": {
                p.id: p for p in s.execute(select(participant_rows).where(participant_rows.c.workshop_id == workshop_id))
            },
            "answers": s.execute(select(answer_rows).where(answer_rows.c.activity_id == act.id).order_by(answer_rows.c.id)).all(),
            "connected": q.connected_ids(s, workshop_id),
            "goals": q.goals(s, workshop_id),
        }
        rows["goal_organisations"] = q.goal_organisations(s, workshop_id, rows["goals"])
        presence = presence if presence in ("room", "remote") else None
        kind = get_kind(act.kind)
        payloads = {
            audience: build_results(ResultContext(**rows, audience=audience, presence=presence), kind) for audience in audiences
        }
        if act.kind == "scale" and act.config.get("measure") and workshop.partnership_id:
            # A recurring measure in a partnership: its trend across the partnership's workshops.
            trend = measure_trend(s, workshop, act)
            for payload in payloads.values():
                payload["trend"] = trend
    if SCREEN in payloads and not act.results_visible:
        # Until the facilitator reveals them, the projector shows only how many answered.
        payloads[SCREEN]["data"] = None
    if SCREEN in payloads and workshop.bilingual:
        # Screens of a bilingual workshop read the results' texts (poll options, poles) in their language.
        for language in LANGUAGES:
            payloads[f"{SCREEN}:{language}"] = presenters.localised_results(payloads[SCREEN], act, language)
    return payloads


def for_screen(db: Database, workshop_id: int, activity_id, everyone: dict) -> dict:
    """The projector's results as the facilitator set them: everyone, only the room or remote, or both side by side.

    A part with fewer answerers than the privacy threshold is not shown: when everybody knows who is
    remote, two remote answers are two people's answers.
    """
    with db.session() as s:
        mode = s.get(Workshop, workshop_id).settings.get("screen_presence", "everyone")
    if mode in PRESENCES:
        return _shown_part(results(db, workshop_id, activity_id, SCREEN, mode))
    if mode == "split":
        return {**everyone, "split": {p: _shown_part(results(db, workshop_id, activity_id, SCREEN, p)) for p in PRESENCES}}
    return everyone


def _shown_part(payload: dict) -> dict:
    too_few = 0 < payload["respondents"] < payload["privacy_threshold"]
    return {**payload, "data": None if too_few else payload["data"], "too_few": too_few}


def all_results(db: Database, workshop_id: int, presence: str | None = None) -> list[dict]:
    """Results of every activity that has been opened, with its title, prompt and round, for the API and exports.

    Activities the facilitator deleted while they had answers are included, marked `removed: true`.
    """
    with db.session() as s:
        ran = [
            (a.id, a.title, a.config.get("prompt", ""), a.position, a.removed_at is not None)
            for a in q.agenda(s, workshop_id, removed=True)
            if a.state != "draft"
        ]
    found = []
    for activity_id, title, prompt, position, removed in ran:
        payload = results_for(db, workshop_id, activity_id, (FACILITATOR,), presence, removed=True)[FACILITATOR]
        found.append({"title": title, "prompt": prompt, "position": position, **payload, "removed": removed})
    return found


def own_organisation_view(db: Database, participant_id: int, activity_id) -> dict | None:
    """What counts for the participant's own organisation in one activity, or None for other kinds."""
    if not is_identifier(activity_id):
        return None
    with db.session() as s:
        participant = s.get(Participant, participant_id)
        workshop_id, organisation_id = participant.workshop_id, participant.organisation_id
    return organisation_views(db, workshop_id, activity_id, organisation_id).get(organisation_id)
