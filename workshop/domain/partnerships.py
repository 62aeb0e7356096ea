"""Partnerships: the organisations that meet over several workshops, and the thread that runs through them.

A partnership keeps its organisations (name and colour); each of its workshops gets a copy of them, linked
by `partner_id`, so an organisation is the same party, in the same colour, in every workshop. Goals carry
on: a follow-up imports the goals that are still alive (adopted, not closed, not yet carried on by a later
workshop), each linked to the goal it continues (`origin_goal_id`) with what each organisation committed.
"""

from . import fields
from .errors import InvalidInput
from .i18n import N_
from .model import LANGUAGES, PALETTE, Goal, Organisation, PartnerOrganisation, Partnership
from .workshops import clean_organisations

CARRIED, CHANGED, CLOSED = "carried", "changed", "closed"
THREAD_STATUSES = (CARRIED, CHANGED, CLOSED)
# Activities of a directors' session whose answers are part of its outcome (config "outcome").
OUTCOMES = ("mandate", "non_negotiable")
MAX_NAME = 120


def clean_partnership(data) -> tuple[Partnership, list[PartnerOrganisation]]:
    """Check a request to create a partnership: a name, a language, organisations with colours."""
    data = fields.mapping(data, name="partnership")
    name = fields.text(data.get("name"), max_length=MAX_NAME, name="name")
    language = data.get("language")
    # Left out or null: Dutch; any other value is checked as it is (as a workshop's language).
    language = fields.choice("nl" if language is None else language, LANGUAGES, name="language")
    orgs = [
        PartnerOrganisation(name=o.name, colour=o.colour, position=o.position)
        for o in clean_organisations(data.get("organisations"))
    ]
    return Partnership(name=name, language=language), orgs


def workshop_organisations(partners: list[PartnerOrganisation]) -> list[Organisation]:
    """A new workshop's organisations: the partnership's, in its order and colours."""
    return [Organisation(name=p.name, colour=p.colour, position=i, partner_id=p.id) for i, p in enumerate(partners)]


def attach(organisations: list[Organisation], partners: list[PartnerOrganisation]) -> list[PartnerOrganisation]:
    """Link an existing workshop's organisations to the partnership's (by name, case-insensitive).

    A matched organisation takes the partnership's colour; one the partnership lacks joins it, in a colour
    no other partner has yet. Returns the partner organisations to add (their ids are set by the caller,
    who then links `partner_id`).
    """
    by_name = {p.name.casefold(): p for p in partners}
    added: list[PartnerOrganisation] = []
    used = {p.colour for p in partners}
    for org in sorted(organisations, key=lambda o: o.position):
        match = by_name.get(org.name.casefold())
        if match is not None:
            org.colour = match.colour
            continue
        colour = org.colour if org.colour not in used else next((c for c in PALETTE if c not in used), org.colour)
        used.add(colour)
        org.colour = colour
        partner = PartnerOrganisation(name=org.name, colour=colour, position=len(partners) + len(added))
        by_name[org.name.casefold()] = partner
        added.append(partner)
    return added


def partner_of(organisations: list[Organisation], partners: list[PartnerOrganisation]) -> dict[int, int]:
    """{workshop organisation id: partner organisation id}, by link or else by name."""
    by_name = {p.name.casefold(): p.id for p in partners}
    return {
        o.id: o.partner_id or by_name.get(o.name.casefold())
        for o in organisations
        if o.partner_id or o.name.casefold() in by_name
    }


def alive(goals: list[Goal]) -> list[Goal]:
    """Goals still to carry on: adopted, not closed, and not already carried on by a later goal."""
    continued = {g.origin_goal_id for g in goals if g.origin_goal_id}
    return [g for g in goals if g.adopted and g.thread_status != CLOSED and g.id not in continued]


def carry(goal: Goal, commitments: dict[int, dict], position: int) -> Goal:
    """The goal as a follow-up imports it: adopted, the same words, what each organisation committed."""
    return Goal(
        text=goal.text,
        position=position,
        adopted=True,
        origin_goal_id=goal.id,
        thread_status=CARRIED,
        commitments={str(org): dict(pledge) for org, pledge in commitments.items() if pledge},
    )


def set_thread_status(goal: Goal, status) -> None:
    """Carry a goal on (again) or close it in this workshop; only goals from an earlier workshop have one."""
    if goal.origin_goal_id is None:
        raise InvalidInput(N_("Only a goal from an earlier workshop can be carried on or closed."))
    status = fields.choice(status, (CARRIED, CLOSED), name="thread_status")
    goal.thread_status = status
    goal.adopted = status != CLOSED
