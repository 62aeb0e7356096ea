"""Who is on the other end of a connection."""

PARTICIPANT, SCREEN_ROLE, FACILITATOR_ROLE = "participant", "screen", "facilitator"
