"""Join codes and secret tokens."""

import hashlib
import hmac
import secrets

# Leaves out 0/O, 1/I/L and U/V look-alikes, so a code read off a projector is typed right.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    """A random six-character code from the unambiguous alphabet."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """Upper-case and drop the spaces and dashes a person may type."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def is_join_code(text: str) -> bool:
    """True when the text has the shape of a join code."""
    return len(text) == JOIN_CODE_LENGTH and all(ch in JOIN_ALPHABET for ch in text)


def new_token() -> str:
    """A secret for a link or a device; 32 bytes of randomness, URL-safe."""
    return secrets.token_urlsafe(32)


def _bytes(text: str) -> bytes:
    # "surrogatepass": a client may send any string, also one that is not valid UTF-8.
    return text.encode("utf-8", "surrogatepass")


def hash_token(token: str) -> str:
    """What we store in place of a secret token."""
    return hashlib.sha256(_bytes(token)).hexdigest()


def same_secret(known: str, given) -> bool:
    """Compare a secret with what a client sent, in constant time; any non-text is simply wrong."""
    return isinstance(given, str) and hmac.compare_digest(_bytes(known), _bytes(given))
