"""Two retries of one submission racing each other: both are acked, the answer is stored once.

The race is made certain, not hoped for: each attempt is held just before it inserts the answer until the
other one has read "no receipt yet" too. Without the retry in the submit path the loser's integrity error
reaches the phone as an internal error.
"""

import threading

from sqlalchemy import event, func, select

from tests.support.workshops import ambition, workshop_payload
from workshop import services
from workshop.domain.model import Answer


def test_racing_retries_of_one_submission_store_it_once(db):
    created = services.create_workshop(db, workshop_payload())
    activity_id = services.state(db, created.workshop_id, services.FACILITATOR_ROLE)["agenda"][0]["id"]
    services.control(db, created.workshop_id, "open", activity_id)
    org = services.public_workshop(db, created.code)["organisations"][0]["id"]
    person, _ = services.join(db, created.code, {"organisation_id": org, "role": "manager"})

    both_read = threading.Barrier(2)

    def hold_before_insert(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("INSERT INTO ANSWERS"):
            try:
                both_read.wait(timeout=2)
            except threading.BrokenBarrierError:
                pass  # the other attempt already finished: nothing left to race

    event.listen(db.engine, "before_cursor_execute", hold_before_insert)
    outcomes, failures = [], []

    def submit():
        try:
            outcomes.append(
                services.submit_answer_safely(db, person.participant.id, activity_id, "client-race-1", ambition(text="Once"))[0]
            )
        except Exception as err:
            failures.append(repr(err))

    try:
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(db.engine, "before_cursor_execute", hold_before_insert)

    assert failures == []
    assert sorted(o["duplicate"] for o in outcomes) == [False, True]
    assert len({o["answer"]["id"] for o in outcomes}) == 1, "the retry is answered with the stored answer"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Answer).where(Answer.participant_id == person.participant.id)) == 1
