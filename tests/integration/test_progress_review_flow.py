"""A progress review over Socket.IO: organisations report per goal, colleagues correct each other, screens follow."""

import uuid

from tests.support.live import last

AGENDA = [{"kind": "goals", "title": "Goals"}, {"kind": "progress_review", "title": "Did we deliver?"}]


def test_organisations_report_and_the_latest_report_counts(workshops, live, app):
    created = workshops.create(agenda=AGENDA)
    goals_id, review_id = created["activity_ids"]
    facilitator = live.facilitator(created)
    goal = facilitator.emit("goal_add", {"text": "Solar on every roof", "answer_ids": []}, callback=True)["goal"]
    assert facilitator.emit("goal_update", {"goal_id": goal["id"], "adopted": True}, callback=True)["ok"]
    workshops.control(created, "open", review_id)
    anne = live.participant(created, workshops.join(created, org=0)["token"])
    bram = live.participant(created, workshops.join(created, org=0)["token"])
    carla = live.participant(created, workshops.join(created, org=1)["token"])

    def send(phone, reports):
        body = {"activity_id": review_id, "client_id": uuid.uuid4().hex, "answer": {"reports": reports}}
        return phone.emit("submit", body, callback=True)

    assert send(anne, {str(goal["id"]): {"status": "partly", "hours": 10}})["ok"]
    assert send(bram, {goal["id"]: {"status": "done", "hours": 30, "budget": 2000, "note": "All five complexes"}})["ok"]
    assert send(carla, {goal["id"]: {"status": "not_yet"}})["ok"]
    bad = send(carla, {goal["id"]: {"status": "finished"}})
    assert not bad["ok"] and bad["error"]["code"] == "invalid_input"

    facilitator.get_received()
    ack = facilitator.emit("results", {"activity_id": review_id}, callback=True)
    row = ack["results"]["data"]["goals"][0]
    per = {e["organisation_id"]: e for e in row["by_organisation"]}
    first, second = created["org_ids"]
    assert per[first]["status"] == "done" and per[first]["delivered"] == {"hours": 30, "budget": 2000}
    assert per[first]["note"] == "All five complexes"
    assert per[second]["status"] == "not_yet"
    assert row["statuses"] == {"done": 1, "partly": 0, "not_yet": 1, "missing": 0}

    screen = live.screen(created)
    workshops.control(created, "reveal", review_id)
    pushed = last(screen, "results")
    assert pushed["kind"] == "progress_review" and pushed["data"]["goals"][0]["text"] == "Solar on every roof"
