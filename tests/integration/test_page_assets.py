"""Every live page loads every kind's script (and stylesheet), and every asset it names exists."""

import re

import pytest

from workshop.domain.kinds import KINDS


@pytest.fixture
def pages(workshops, client):
    created = workshops.create()
    joined = client.post(
        f"/api/workshops/{created['code']}/participants", json={"organisation_id": created["org_ids"][0], "role": "manager"}
    )
    client.set_cookie(f"samenspel_{created['code']}", joined.get_json()["token"])
    return {
        name: f"/w/{created['code']}{suffix}" for name, suffix in (("phone", ""), ("control", "/control"), ("screen", "/screen"))
    }


@pytest.mark.parametrize("page", ["phone", "control", "screen"])
def test_live_pages_load_every_kind_and_every_asset_exists(client, pages, page):
    html = client.get(pages[page]).get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    for kind in KINDS:
        assert f"/static/js/kinds/{kind}.js" in scripts, f"{page} does not load the {kind} script"
    assert scripts[-1] == f"/static/js/{page}.js", "the page script comes last, after every kind registered"
    for asset in scripts + styles:
        assert client.get(asset).status_code == 200, asset


def test_every_kind_has_its_browser_part(client):
    for kind in KINDS:
        assert client.get(f"/static/js/kinds/{kind}.js").status_code == 200, kind
