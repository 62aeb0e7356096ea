"""Partnerships: create one, make or attach its workshops, carry goals on, and read the thread."""

import hmac
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from ..domain import partnerships as rules
from ..domain.codes import hash_token, is_join_code, new_join_code, new_token, normalise_join_code
from ..domain.errors import LimitReached, NotAllowed, NotFound
from ..domain.events import AgendaChanged
from ..domain.i18n import N_
from ..domain.kinds import get_kind, untranslated
from ..domain.kinds.commitments import latest_pledges
from ..domain.model import DRAFT, Activity, Answer, PartnerOrganisation, Partnership, Workshop
from ..domain.results import SCREEN, ResultContext
from ..storage.database import Database
from . import queries as q
from .workshops import CreatedWorkshop, create_workshop, facilitator_workshop

MAX_WORKSHOPS = 40


@dataclass
class CreatedPartnership:
    """A new partnership and its secret; the token is never stored in the clear."""

    code: str
    token: str
    partnership_id: int


def create_partnership(db: Database, data) -> CreatedPartnership:
    """A partnership with its organisations; the token (its page's key) is shown once."""
    partnership, partners = rules.clean_partnership(data)
    token = new_token()
    with db.session() as s:
        while True:
            code = new_join_code()
            if s.scalar(select(func.count()).select_from(Partnership).where(Partnership.code == code)) == 0:
                break
        partnership.code = code
        partnership.token_hash = hash_token(token)
        s.add(partnership)
        s.flush()
        for partner in partners:
            partner.partnership_id = partnership.id
            s.add(partner)
    return CreatedPartnership(code=code, token=token, partnership_id=partnership.id)


def _by_code(s, code) -> Partnership:
    code = normalise_join_code(code if isinstance(code, str) else "")
    found = s.scalar(select(Partnership).where(Partnership.code == code)) if is_join_code(code) else None
    if found is None:
        raise NotFound(N_("No partnership has this code."))
    return found


def facilitator_partnership(db: Database, code, token) -> int:
    """The partnership id when `token` is its token; otherwise NotAllowed (also for an unknown code)."""
    with db.session() as s:
        code = normalise_join_code(code if isinstance(code, str) else "")
        partnership = s.scalar(select(Partnership).where(Partnership.code == code)) if is_join_code(code) else None
        hashed = hash_token(token) if isinstance(token, str) and token else ""
        if partnership is None or not hmac.compare_digest(partnership.token_hash, hashed):
            raise NotAllowed(N_("This link does not open the partnership."))
        return partnership.id


def partnership_fingerprint(db: Database, code) -> tuple[int, str, str]:
    """(id, code, a value that changes with its token) of a partnership, for a signed report cookie (not a secret)."""
    with db.session() as s:
        partnership = _by_code(s, code)
        return partnership.id, partnership.code, partnership.token_hash[:32]


def _partners(s, partnership_id: int) -> list[PartnerOrganisation]:
    query = select(PartnerOrganisation).where(PartnerOrganisation.partnership_id == partnership_id)
    return list(s.scalars(query.order_by(PartnerOrganisation.position, PartnerOrganisation.id)))


def _workshops(s, partnership_id: int) -> list[Workshop]:
    query = select(Workshop).where(Workshop.partnership_id == partnership_id)
    return list(s.scalars(query.order_by(Workshop.created_at, Workshop.id)))


def create_workshop_in(db: Database, partnership_id: int, data, translate=untranslated) -> CreatedWorkshop:
    """A workshop inside the partnership, with its organisations; it imports the thread so far."""
    with db.session() as s:
        partnership = s.get(Partnership, partnership_id)
        partners = _partners(s, partnership_id)
        if len(_workshops(s, partnership_id)) >= MAX_WORKSHOPS:
            raise LimitReached(N_("A partnership can have at most %(max)d workshops."), max=MAX_WORKSHOPS)
    data = dict(data) if isinstance(data, dict) else {}
    data.setdefault("language", partnership.language)
    data["organisations"] = [{"name": p.name, "colour": p.colour} for p in partners]
    created = create_workshop(db, data, translate, partnership=(partnership_id, partners))
    import_thread(db, partnership_id, created.code, translate)
    return created


def attach_workshop(db: Database, partnership_id: int, code, control_token, translate=untranslated) -> tuple[str, list]:
    """Bring an existing workshop into the partnership; its organisations are matched by name (colours follow)."""
    workshop_id = facilitator_workshop(db, normalise_join_code(code if isinstance(code, str) else ""), control_token)
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        if workshop.partnership_id not in (None, partnership_id):
            raise NotAllowed(N_("This workshop belongs to another partnership."))
        partners = _partners(s, partnership_id)
        organisations = q.organisations(s, workshop_id)
        for partner in rules.attach(organisations, partners):
            partner.partnership_id = partnership_id
            s.add(partner)
        s.flush()
        by_name = {p.name.casefold(): p.id for p in _partners(s, partnership_id)}
        for org in organisations:
            org.partner_id = by_name[org.name.casefold()]
        workshop.partnership_id = partnership_id
        code = workshop.code
    events = import_thread(db, partnership_id, code, translate)
    return code, [AgendaChanged(workshop_id)] + events


def import_thread(db: Database, partnership_id: int, code, translate=untranslated) -> list:
    """Carry on the goals of earlier workshops (with their commitments) and the directors' outcome.

    Earlier means created before this workshop. Goals already carried on here are not imported twice (their
    commitments are refreshed), so this can be run again after an earlier workshop went on (the partnership
    page offers it).
    """
    with db.session() as s:
        target = _in_partnership(s, partnership_id, code)
        earlier = [w for w in _workshops(s, partnership_id) if (w.created_at, w.id) < (target.created_at, target.id)]
        partners = _partners(s, partnership_id)
        mine = {o.partner_id: o.id for o in q.organisations(s, target.id) if o.partner_id}
        goals = q.goals(s, target.id)
        carried = {g.origin_goal_id: g for g in goals if g.origin_goal_id}
        everything = [g for w in earlier for g in q.goals(s, w.id)] + goals
        alive = {g.id for g in rules.alive(everything)}
        position = len(goals)
        for workshop in earlier:
            to_partner = rules.partner_of(q.organisations(s, workshop.id), partners)
            pledges = _pledges(s, workshop.id)
            for goal in q.goals(s, workshop.id):
                own = pledges.get(goal.id) or {int(k): v for k, v in (goal.commitments or {}).items() if str(k).isdigit()}
                commitments = {mine[to_partner[o]]: p for o, p in own.items() if to_partner.get(o) in mine}
                if goal.id in carried:
                    # Carried on already: pledges made there since (or corrected) come along on a new import.
                    if commitments:
                        carried[goal.id].commitments = {str(org): dict(p) for org, p in commitments.items() if p}
                    continue
                if goal.id not in alive:
                    continue
                new = rules.carry(goal, commitments, position)
                new.workshop_id = target.id
                s.add(new)
                position += 1
        snapshot = _directors_outcome(s, earlier, partners, mine)
        if snapshot:
            _place_starting_point(s, target, snapshot, translate)
        return [AgendaChanged(target.id)]


def _in_partnership(s, partnership_id: int, code) -> Workshop:
    workshop = q.workshop_by_code(s, code if isinstance(code, str) else "")
    if workshop.partnership_id != partnership_id:
        raise NotFound(N_("No workshop has this code."))
    return workshop


def _answers(s, activity_ids) -> dict[int, list[Answer]]:
    found: dict[int, list[Answer]] = defaultdict(list)
    if activity_ids:
        for answer in s.scalars(select(Answer).where(Answer.activity_id.in_(list(activity_ids))).order_by(Answer.id)):
            found[answer.activity_id].append(answer)
    return found


def _pledges(s, workshop_id: int) -> dict[int, dict[int, dict]]:
    """{goal id: {organisation id: {"hours", "budget"}}} from the workshop's commitments rounds (latest counts)."""
    acts = [a for a in q.agenda(s, workshop_id) if a.kind == "commitments" and a.state != DRAFT]
    people = q.participants(s, workshop_id)
    answers = [a for found in _answers(s, [a.id for a in acts]).values() for a in found if not a.hidden]
    goal_ids = {g.id for g in q.goals(s, workshop_id)}
    per_org = latest_pledges(answers, lambda a: people[a.participant_id].organisation_id, goal_ids)
    by_goal: dict[int, dict[int, dict]] = defaultdict(dict)
    for org, goals in per_org.items():
        for goal, pledge in goals.items():
            by_goal[goal][org] = pledge
    return by_goal


def _context(s, workshop: Workshop, act: Activity, answers: list[Answer]) -> ResultContext:
    """Results as the projector would compute them (hidden answers left out, the privacy threshold applied)."""
    return ResultContext(
        workshop=workshop,
        activity=act,
        organisations=q.organisations(s, workshop.id),
        participants=q.participants(s, workshop.id),
        answers=answers,
        audience=SCREEN,
        goals=q.goals(s, workshop.id),
    )


def _directors_outcome(s, earlier: list[Workshop], partners, mine: dict[int, int]) -> dict | None:
    """The outcome of the latest earlier directors' session (a workshop with outcome activities), or None."""
    for workshop in reversed(earlier):
        agenda = q.agenda(s, workshop.id)
        if not any(a.kind == "ambitions" and a.config.get("outcome") for a in agenda):
            continue
        to_partner = rules.partner_of(q.organisations(s, workshop.id), partners)

        def here(org, to_partner=to_partner):
            return mine.get(to_partner.get(org))

        answers = _answers(s, [a.id for a in agenda if a.kind == "ambitions"])
        snapshot = {"source": workshop.title, "date": workshop.created_at.date().isoformat(), "ambitions": [], "mandate": []}
        snapshot |= {"non_negotiables": [], "value_drivers": []}
        snapshot["ambitions"] = [{"text": g.text, "organisation_id": None} for g in q.goals(s, workshop.id) if g.adopted]
        drivers: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for act in agenda:
            if act.kind != "ambitions" or act.state == DRAFT:
                continue
            ctx = _context(s, workshop, act, answers.get(act.id, []))
            shown = ctx.shown_organisations()
            outcome = act.config.get("outcome")
            for answer in ctx.visible:
                org = ctx.organisation_of(answer)
                if outcome:
                    key = "mandate" if outcome == "mandate" else "non_negotiables"
                    snapshot[key].append(
                        {"text": answer.payload.get("text", ""), "organisation_id": here(org) if org in shown else None}
                    )
                elif org in shown and answer.payload.get("value_driver"):
                    drivers[org][answer.payload["value_driver"]] += 1
        for org, counts in drivers.items():
            if here(org):
                top = sorted(counts, key=lambda d: (-counts[d], d))[:3]
                snapshot["value_drivers"].append({"organisation_id": here(org), "drivers": top})
        for key in ("ambitions", "mandate", "non_negotiables", "value_drivers"):
            snapshot[key] = snapshot[key][:20]
        return snapshot
    return None


def _place_starting_point(s, workshop: Workshop, snapshot: dict, translate) -> None:
    """Put the directors' outcome first on the agenda (or refresh it there)."""
    kind = get_kind("starting_point")
    agenda = q.agenda(s, workshop.id)
    config = kind.clean_config(snapshot, workshop.language)
    existing = next((a for a in agenda if a.kind == kind.name), None)
    if existing is not None:
        existing.config = {**config, "prompt": existing.config.get("prompt", "")}
        return
    for act in agenda:
        act.position += 1
    act = Activity(
        kind=kind.name, title=translate(kind.title, workshop.language), config={**config, "prompt": ""}, results_visible=True
    )
    act.workshop_id = workshop.id
    s.add(act)


# ---- The thread: every adopted goal from where it came from to what has happened since ----


def thread(db: Database, partnership_id: int) -> dict:
    """The partnership page's data: workshops in time, and per adopted goal its versions across workshops.

    Organisations are the partnership's (partner ids), so one organisation reads the same in every workshop.
    Per-organisation votes and consent follow each workshop's privacy threshold (as the projector showed
    them); commitments and progress reports are organisations' public accounts and are shown as they are.
    """
    with db.session() as s:
        partnership = s.get(Partnership, partnership_id)
        partners = _partners(s, partnership_id)
        workshops = _workshops(s, partnership_id)
        versions: dict[int, dict] = {}
        listed = []
        for workshop in workshops:
            facts = _workshop_facts(s, workshop, partners)
            versions.update(facts["versions"])
            listed.append(facts["summary"])
        chains = [[{k: v for k, v in version.items() if k != "order"} for version in chain] for chain in _chains(versions)]
        return {
            "partnership": {
                "code": partnership.code,
                "name": partnership.name,
                "language": partnership.language,
                "organisations": [{"id": p.id, "name": p.name, "colour": p.colour} for p in partners],
            },
            "workshops": listed,
            "threads": chains,
            "trends": _trends(s, partnership_id, partners),
        }


def _chains(versions: dict[int, dict]) -> list[list[dict]]:
    """Goals linked by origin into threads, oldest first; only threads with an adopted (or closed) version."""
    children: dict[int, list[int]] = defaultdict(list)
    for goal_id, version in versions.items():
        if version["origin_goal_id"] in versions:
            children[version["origin_goal_id"]].append(goal_id)
    chains = []
    for goal_id, version in versions.items():
        if version["origin_goal_id"] in versions:
            continue
        chain, todo = [], [goal_id]
        while todo:
            current = todo.pop(0)
            chain.append(versions[current])
            todo.extend(sorted(children.get(current, []), key=lambda i: versions[i]["order"]))
        if any(v["adopted"] or v["status"] == rules.CLOSED for v in chain):
            chains.append(sorted(chain, key=lambda v: v["order"]))
    return sorted(chains, key=lambda c: c[0]["order"])


def _workshop_facts(s, workshop: Workshop, partners) -> dict:
    """One workshop's share of the thread: its goals with sources, votes, consent, commitments, progress."""
    organisations = q.organisations(s, workshop.id)
    to_partner = rules.partner_of(organisations, partners)
    agenda = [a for a in q.agenda(s, workshop.id) if a.state != DRAFT]
    answers = _answers(s, [a.id for a in agenda])
    goals = q.goals(s, workshop.id)
    people = q.participants(s, workshop.id)
    versions = {}
    for goal in goals:
        versions[goal.id] = {
            "order": (workshop.created_at.isoformat(), workshop.id, goal.position, goal.id),
            "workshop": workshop.code,
            "workshop_title": workshop.title,
            "date": workshop.created_at.date().isoformat(),
            "goal_id": goal.id,
            "origin_goal_id": goal.origin_goal_id,
            "text": goal.text,
            "adopted": goal.adopted,
            "status": goal.thread_status,
            "sources": [],
            "votes": [],
            "consent": [],
            "commitments": [],
            "imported_commitments": [
                {"organisation_id": to_partner.get(int(org)), **pledge}
                for org, pledge in (goal.commitments or {}).items()
                if str(org).isdigit() and to_partner.get(int(org))
            ],
            "progress": [],
        }
    for act in agenda:
        ctx = _context(s, workshop, act, answers.get(act.id, []))
        if act.kind == "ambitions":
            shown = ctx.shown_organisations()
            for answer in ctx.visible:
                for goal in goals:
                    if answer.id in goal.source_answer_ids:
                        org = ctx.organisation_of(answer)
                        versions[goal.id]["sources"].append(
                            {
                                "text": answer.payload.get("text", ""),
                                "organisation_id": to_partner.get(org) if org in shown else None,
                            }
                        )
        elif act.kind == "dot_voting":
            data = get_kind(act.kind).aggregate(ctx)
            ranks = {r["goal_id"]: r for r in data["ranking"]}
            equal = {r["goal_id"]: r for r in data["equal_voice"]}
            for goal_id in ranks:
                per_org = {
                    str(to_partner.get(int(org))): next(g for g in row["goals"] if g["goal_id"] == goal_id)
                    for org, row in data["by_organisation"].items()
                    if to_partner.get(int(org))
                }
                versions[goal_id]["votes"].append(
                    {
                        "activity": act.title,
                        "voters": data["voters"],
                        "dots": ranks[goal_id]["dots"],
                        "rank": ranks[goal_id]["rank"],
                        "equal_voice_points": equal[goal_id]["points"],
                        "equal_voice_rank": equal[goal_id]["rank"],
                        "by_organisation": {k: {"dots": v["dots"], "rank": v["rank"]} for k, v in per_org.items()},
                    }
                )
        elif act.kind == "consent":
            for row in get_kind(act.kind).aggregate(ctx)["goals"]:
                versions[row["goal_id"]]["consent"].append(
                    {
                        "activity": act.title,
                        "passes": row["passes"],
                        "responses": row["responses"],
                        "counts": row["counts"],
                        "by_organisation": {
                            str(to_partner[int(org)]): counts
                            for org, counts in row["by_organisation"].items()
                            if to_partner.get(int(org))
                        },
                        "closed_early": act.closed_early is not None,
                    }
                )
        elif act.kind == "progress_review":
            for row in get_kind(act.kind).aggregate(ctx)["goals"]:
                versions[row["goal_id"]]["progress"].extend(
                    {**entry, "organisation_id": to_partner.get(entry["organisation_id"])}
                    for entry in row["by_organisation"]
                    if to_partner.get(entry["organisation_id"])
                )
    for goal_id, per_org in _pledges(s, workshop.id).items():
        if goal_id in versions:
            versions[goal_id]["commitments"] = [
                {"organisation_id": to_partner[org], **pledge} for org, pledge in per_org.items() if to_partner.get(org)
            ]
    summary = {
        "code": workshop.code,
        "title": workshop.title,
        "date": workshop.created_at.date().isoformat(),
        "language": workshop.language,
        "screen_key": workshop.screen_key,
        "participants": len(people),
        "activities": len(q.agenda(s, workshop.id)),
        "goals": sum(1 for g in goals if g.adopted),
        "carried": sum(1 for g in goals if g.origin_goal_id),
        "directors": any(a.kind == "ambitions" and a.config.get("outcome") for a in q.agenda(s, workshop.id)),
    }
    return {"versions": versions, "summary": summary}


def partnership_summary(db: Database, code) -> dict:
    """Code and language of a partnership: all its page shows before the token is checked."""
    with db.session() as s:
        partnership = _by_code(s, code)
        return {"code": partnership.code, "language": partnership.language}


# ---- Trends: a recurring measure (a scale with the same `measure`) across the partnership's workshops ----


def _trend_points(s, partnership_id: int, measure: str, partners, until: Workshop | None = None) -> list[dict]:
    """One point per run of the measure, in time: the median overall and per organisation (partner ids).

    Per organisation only where it had enough people answering in that workshop (its privacy threshold).
    """
    points = []
    for workshop in _workshops(s, partnership_id):
        if until is not None and (workshop.created_at, workshop.id) > (until.created_at, until.id):
            break
        acts = [
            a for a in q.agenda(s, workshop.id) if a.kind == "scale" and a.state != DRAFT and a.config.get("measure") == measure
        ]
        if not acts:
            continue
        to_partner = rules.partner_of(q.organisations(s, workshop.id), partners)
        answers = _answers(s, [a.id for a in acts])
        for act in acts:
            data = get_kind("scale").aggregate(_context(s, workshop, act, answers.get(act.id, [])))
            points.append(
                {
                    "workshop": workshop.code,
                    "title": workshop.title,
                    "date": workshop.created_at.date().isoformat(),
                    "activity_id": act.id,
                    "min": data["min"],
                    "max": data["max"],
                    "overall": {"median": data["overall"]["median"], "count": data["overall"]["count"]},
                    "by_organisation": {
                        str(to_partner[int(org)]): {"median": summary["median"], "count": summary["count"]}
                        for org, summary in data["by_organisation"].items()
                        if to_partner.get(int(org))
                    },
                    "privacy_threshold": workshop.privacy_threshold,
                }
            )
    return points


def _trends(s, partnership_id: int, partners) -> list[dict]:
    """Every recurring measure of the partnership with its points."""
    measures: dict[str, str] = {}
    for workshop in _workshops(s, partnership_id):
        for act in q.agenda(s, workshop.id):
            if act.kind == "scale" and act.config.get("measure"):
                measures[act.config["measure"]] = act.title
    return [
        {"measure": measure, "title": title, "points": _trend_points(s, partnership_id, measure, partners)}
        for measure, title in measures.items()
    ]


def measure_trend(s, workshop: Workshop, act: Activity) -> dict | None:
    """The trend the projector shows with a recurring scale: the partnership's runs of it up to this workshop.

    Organisations are this workshop's (their ids), so the screen labels them in its own colours.
    """
    measure = (act.config or {}).get("measure")
    if not measure or not workshop.partnership_id:
        return None
    partners = _partners(s, workshop.partnership_id)
    to_local = {partner: org for org, partner in rules.partner_of(q.organisations(s, workshop.id), partners).items()}
    points = _trend_points(s, workshop.partnership_id, measure, partners, until=workshop)
    for point in points:
        point["by_organisation"] = {
            str(to_local[int(p)]): summary for p, summary in point["by_organisation"].items() if to_local.get(int(p))
        }
    return {"measure": measure, "points": points}
