"""How a report opens: the facilitator's token once (Bearer), then a signed cookie for the report's own path.

The workshop report and the partnership report share this; each names its token check, the fingerprint
of its current token (a new token voids old cookies) and its cookie.
"""

import hmac
from collections.abc import Callable
from dataclasses import dataclass

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..domain.errors import NotAllowed

COOKIE_HOURS = 12


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="samenspel-report")


@dataclass(frozen=True)
class ReportAccess:
    """One kind of report: who may open it, and the cookie that keeps it open."""

    claim: str  # the key that names the code inside the signed cookie
    cookie_prefix: str
    path: str  # with `{code}`: the only path the cookie is sent to
    by_token: Callable[[str, str], int]  # (code, token) -> id; raises when the token is wrong
    fingerprint: Callable[[str], tuple[int, str]]  # code -> (id, fingerprint of its current token)
    refusal: str

    def cookie_name(self, code: str) -> str:
        """The report cookie of one code."""
        return f"{self.cookie_prefix}{code}"

    def check(self, code: str) -> tuple[int, bool]:
        """(id, whether the request brought the token itself), from the Bearer token or the report cookie."""
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return self.by_token(code, header[len("Bearer ") :].strip()), True
        claim = request.cookies.get(self.cookie_name(code))
        if claim:
            try:
                signed = _signer().loads(claim, max_age=COOKIE_HOURS * 3600)
            except BadSignature:
                signed = None
            found, fingerprint = self.fingerprint(code)
            if (
                isinstance(signed, dict)
                and signed.get(self.claim) == code
                and hmac.compare_digest(str(signed.get("key")), fingerprint)
            ):
                return found, False
        raise NotAllowed(self.refusal)

    def private(self, response: Response, code: str, fresh: bool) -> Response:
        """The facilitator's data: never cached; a fresh token proof leaves the report cookie behind."""
        response.headers["Cache-Control"] = "no-store"
        if fresh:
            _, fingerprint = self.fingerprint(code)
            response.set_cookie(
                self.cookie_name(code),
                _signer().dumps({self.claim: code, "key": fingerprint}),
                max_age=COOKIE_HOURS * 3600,
                path=self.path.format(code=code),
                httponly=True,
                samesite="Strict",
                secure=request.is_secure,
            )
        return response
