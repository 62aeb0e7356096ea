"""Use cases: load, let the domain decide, commit, and return what changed. Never emits."""

from .agenda import (  # noqa: F401
    add_activity,
    check_activity,
    control,
    delete_activity,
    duplicate_activity,
    reorder_agenda,
    rerun_activity,
    set_quorum,
    set_timer,
    update_activity,
)
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
from .goals import add_goal, delete_goal, goal_sources, goal_suggestions, update_goal  # noqa: F401
from .participants import (  # noqa: F401
    Joined,
    forget_participant,
    join,
    join_warnings,
    participant_by_token,
    participant_workshop_code,
    viewer_workshop,
)
from .partnerships import (  # noqa: F401
    CreatedPartnership,
    attach_workshop,
    create_partnership,
    create_workshop_in,
    facilitator_partnership,
    import_thread,
    partnership_summary,
    thread,
)
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
from .reading import (  # noqa: F401
    agenda_kinds,
    all_results,
    for_screen,
    organisation_views,
    own_organisation_view,
    participant_state,
    results,
    results_for,
    state,
)
from .roles import FACILITATOR_ROLE, PARTICIPANT, PREVIEW_ROLE, SCREEN_ROLE, VIEWER_ROLE  # noqa: F401
from .workshops import (  # noqa: F401
    CreatedWorkshop,
    change_settings,
    control_fingerprint,
    create_workshop,
    delete_expired_workshops,
    delete_workshop,
    export_format,
    facilitator_workshop,
    public_workshop,
    screen_workshop,
    workshop_id_by_code,
    workshop_language,
)
