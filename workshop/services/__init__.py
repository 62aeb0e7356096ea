"""Use cases: load, let the domain decide, commit, and return what changed. Never emits."""

from .agenda import add_activity, control, reorder_agenda, rerun_activity, set_timer  # noqa: F401
from .answers import (  # noqa: F401
    Submission,
    merge,
    moderate,
    own_answers,
    own_answers_export,
    submit_answer,
    submit_answer_safely,
    submit_answers,
    withdraw_answer,
)
from .goals import add_goal, delete_goal, goal_sources, update_goal  # noqa: F401
from .participants import Joined, join, participant_by_token, participant_workshop_code  # noqa: F401
from .presence import (  # noqa: F401
    Connection,
    drop_expired,
    forget_connections,
    presence,
    presence_and_current,
    record_connections,
    register_server,
    renew_lease,
    site_id,
)
from .reading import all_results, results, results_for, state  # noqa: F401
from .roles import FACILITATOR_ROLE, PARTICIPANT, SCREEN_ROLE  # noqa: F401
from .workshops import (  # noqa: F401
    CreatedWorkshop,
    change_settings,
    create_workshop,
    export_format,
    facilitator_workshop,
    health,
    public_workshop,
    screen_workshop,
    workshop_language,
)
