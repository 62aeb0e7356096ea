"""Who is on the other end of a connection (the domain's names, under the names the services use)."""

from ..domain.model import FACILITATOR as FACILITATOR_ROLE
from ..domain.model import PARTICIPANT
from ..domain.model import SCREEN as SCREEN_ROLE

# A participant watching the projector's view on their own device (hybrid sessions); counted as neither
# a screen nor a participant's phone.
VIEWER_ROLE = "viewer"
# A screen shown inside the control view (its preview of the projector): not counted as a screen.
PREVIEW_ROLE = "preview"

__all__ = ["FACILITATOR_ROLE", "PARTICIPANT", "PREVIEW_ROLE", "SCREEN_ROLE", "VIEWER_ROLE"]
