"""Live pages load the kinds they show under versioned names; static files are gzipped and cached for good."""

import gzip
import json
import re
from pathlib import Path

import pytest

from workshop.domain.kinds import KINDS

STATIC = Path(__file__).resolve().parents[2] / "static"
VERSIONED = re.compile(r"^/static/(.+)\.([0-9a-f]{12})(\.\w+)$")
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def pages(workshops, client):
    """A workshop whose agenda has a poll and a scale; a participant's cookie is set."""
    created = workshops.create(
        agenda=[
            {"kind": "poll", "title": "Which first?", "config": {"options": ["Heat", "Insulation"]}},
            {"kind": "scale", "title": "How ready are we?"},
        ]
    )
    joined = client.post(
        f"/api/workshops/{created['code']}/participants", json={"organisation_id": created["org_ids"][0], "role": "manager"}
    )
    client.set_cookie(f"samenspel_{created['code']}", joined.get_json()["token"])
    return {
        name: f"/w/{created['code']}{suffix}" for name, suffix in (("phone", ""), ("control", "/control"), ("screen", "/screen"))
    }


def assets_of(html: str) -> tuple[list[str], list[str]]:
    return re.findall(r'<script src="([^"]+)"', html), re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def plain(url: str) -> str:
    """`/static/js/phone.<hash>.js` -> `js/phone.js`."""
    match = VERSIONED.match(url)
    assert match, f"{url} does not carry a content hash"
    return match.group(1) + match.group(3)


@pytest.mark.parametrize("page", ["phone", "screen"])
def test_phone_and_screen_load_only_the_kinds_on_the_agenda(client, pages, page):
    scripts, styles = assets_of(client.get(pages[page]).get_data(as_text=True))
    loaded = {plain(s)[len("js/kinds/") : -3] for s in scripts if plain(s).startswith("js/kinds/")}
    assert loaded == {"poll", "scale"}
    # closing.css styles the end of the session, which every agenda has.
    assert {plain(s) for s in styles} == {"css/app.css", "css/closing.css", "css/kinds/poll.css", "css/kinds/scale.css"} | (
        {"css/screen.css"} if page == "screen" else set()
    )
    assert plain(scripts[-1]) == f"js/{page}.js", "the page script comes last, after the kinds registered"


def test_every_kind_can_still_be_loaded_on_demand(client, pages):
    html = client.get(pages["phone"]).get_data(as_text=True)
    manifest = json.loads(re.search(r'<script type="application/json" id="kind-assets">(.*?)</script>', html, re.S).group(1))
    assert set(manifest) == set(KINDS)
    for kind, assets in manifest.items():
        assert plain(assets["script"]) == f"js/kinds/{kind}.js"
        assert client.get(assets["script"]).status_code == 200
        if assets["style"]:
            assert client.get(assets["style"]).status_code == 200


def test_the_control_view_loads_every_kind(client, pages):
    scripts, _ = assets_of(client.get(pages["control"]).get_data(as_text=True))
    for kind in KINDS:
        assert f"js/kinds/{kind}.js" in {plain(s) for s in scripts}, kind


@pytest.mark.parametrize("page", ["phone", "control", "screen"])
def test_every_asset_is_gzipped_and_cached_for_good(client, pages, page):
    scripts, styles = assets_of(client.get(pages[page]).get_data(as_text=True))
    for url in scripts + styles:
        reply = client.get(url, headers=GZIP)
        assert reply.status_code == 200, url
        assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert reply.headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in reply.headers["Vary"], url
        body = gzip.decompress(reply.get_data())
        unpacked = client.get(url)  # no Accept-Encoding: the bytes as they are
        assert "Content-Encoding" not in unpacked.headers and unpacked.get_data() == body, url
        source = STATIC / plain(url)
        if source.exists() and source.suffix == ".js":
            assert body == source.read_bytes(), url


def test_the_version_changes_with_the_content(app, client, tmp_path):
    assets = app.extensions["samenspel.assets"]
    before = assets.url_name("js/phone.js")
    assets.add("js/phone.js", b"/* changed */")
    assert assets.url_name("js/phone.js") != before
    assert client.get("/static/" + assets.url_name("js/phone.js")).get_data() == b"/* changed */"


def test_a_plain_or_older_name_gets_todays_file_checked_every_time(client):
    reply = client.get("/static/js/common.js")
    assert reply.status_code == 200 and reply.headers["Cache-Control"] == "no-cache"
    again = client.get("/static/js/common.js", headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304
    older = client.get("/static/js/common.0123456789ab.js")
    assert older.status_code == 200 and older.headers["Cache-Control"] == "no-cache"
    assert older.get_data() == reply.get_data()
    assert client.get("/static/js/nothing-here.js").status_code == 404


def test_stylesheets_name_the_versioned_files_they_use(client):
    from flask import url_for

    with client.application.test_request_context():
        app_css = url_for("static", filename="css/app.css")
        icon = url_for("static", filename="img/icon.svg")
    css = client.get(app_css).get_data(as_text=True)
    assert f'url("../img/{icon.rpartition("/")[2]}")' in css


def test_the_texts_for_scripts_come_cached_per_language(client, pages):
    html = client.get(pages["phone"]).get_data(as_text=True)
    assert 'id="i18n"' not in html, "no inline copy of every text in each page"
    [strings] = [s for s in assets_of(html)[0] if plain(s).startswith("js/strings.")]
    assert plain(strings) == "js/strings.en.js"
    body = client.get(strings).get_data(as_text=True)
    texts = json.loads(body.removeprefix("window.SamenspelStrings = ").rstrip().rstrip(";"))
    assert texts["send"] == "Send"
    with client.application.test_request_context():
        from flask import url_for

        dutch = client.get(url_for("static", filename="js/strings.nl.js")).get_data(as_text=True)
    assert '"send": "Versturen"' in dutch
