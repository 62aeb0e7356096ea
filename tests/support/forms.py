"""Posting the app's HTML forms as a browser does: with the CSRF token the page carries."""

import re


def csrf_token(client, page: str = "/new") -> str:
    """The CSRF token in a page's forms (one per browser session, so any form page will do)."""
    html = client.get(page).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def with_token(client, form: dict, page: str = "/new") -> dict:
    """The form's fields plus the session's CSRF token."""
    return {**form, "csrf_token": csrf_token(client, page)}
