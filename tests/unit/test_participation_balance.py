"""Who answered per organisation, and whom the facilitator still waits for: counts only, never names."""

from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import ResultContext, participation_balance

ORGS = [Organisation("Woonstede", "#0072B2", 0, id=1), Organisation("Thuisbaas", "#E69F00", 1, id=2)]


def balance(people, answered, connected, presence=None):
    participants = {pid: Participant(organisation_id=org, role="manager", presence=where, id=pid) for pid, org, where in people}
    answers = [Answer(activity_id=7, participant_id=pid, client_id=f"c{pid:08d}", payload={}, id=pid) for pid in answered]
    ctx = ResultContext(
        workshop=Workshop(title="T", language="nl", id=1),
        activity=Activity(kind="scale", title="Vertrouwen", state=OPEN, id=7),
        organisations=ORGS,
        participants=participants,
        answers=answers,
        connected=set(connected),
        presence=presence,
    )
    return {row["organisation_id"]: row for row in participation_balance(ctx)}


def test_an_answer_waiting_offline_on_a_phone_is_not_counted_yet():
    """Anne answered; Bram's phone lost its connection with his answer in its outbox; Carla is connected."""
    rows = balance(people=[(1, 1, "room"), (2, 1, "room"), (3, 1, "room")], answered=[1], connected=[1, 3])
    assert rows[1] == {
        "organisation_id": 1,
        "joined": 3,
        "connected": 2,
        "answered": 1,
        "answered_connected": 1,
        "waiting": 1,
        "offline": 1,
    }


def test_somebody_who_answered_and_left_counts_as_answered_not_offline():
    rows = balance(people=[(1, 2, "room"), (2, 2, "remote")], answered=[1, 2], connected=[2])
    assert (rows[2]["answered"], rows[2]["offline"], rows[2]["waiting"]) == (2, 0, 0)
    assert rows[1]["joined"] == 0


def test_the_room_or_remote_filter_counts_only_those_people():
    rows = balance(people=[(1, 1, "room"), (2, 1, "remote")], answered=[2], connected=[], presence="remote")
    assert (rows[1]["joined"], rows[1]["answered"], rows[1]["offline"]) == (1, 1, 0)
