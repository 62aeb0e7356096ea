"""Static files under names that carry their content hash: cached for a year, gzipped once at start.

`url_for("static", filename="js/phone.js")` gives `/static/js/phone.<hash>.js`. That name never
changes its content, so browsers and proxies keep it for a year without asking again; a new version
of the file has a new name. Every file is read and compressed once when the app starts, so a hall of
phones loading the page at once costs no compression and no disk reads. The plain name still works,
sent with `no-cache` (the browser checks its copy with the ETag).
"""

import gzip
import hashlib
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, json, request
from flask_babel import force_locale

YEAR = 365 * 24 * 3600
OLD_VERSION = re.compile(r"\.[0-9a-f]{12}(\.[^./]+)$")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# A relative url("...") in a stylesheet is rewritten to the hashed name, so it is cached for good too.
CSS_URL = re.compile(r"""url\(\s*(["']?)(?!data:|https?:|/)([^"')]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    """One static file: its bytes, gzipped bytes (when that is smaller) and versioned name."""

    data: bytes
    gzipped: bytes | None
    digest: str
    mimetype: str
    versioned: str


def versioned_name(filename: str, digest: str) -> str:
    """`js/phone.js` becomes `js/phone.<digest>.js`."""
    folder, _, name = filename.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
    return f"{folder}/{hashed}" if folder else hashed


class Assets:
    """Every file under the static folder, plus generated ones, kept in memory."""

    def __init__(self):
        self.by_name: dict[str, Asset] = {}
        self.by_versioned: dict[str, Asset] = {}

    def add(self, filename: str, data: bytes) -> None:
        """Keep a file under its plain and its versioned name."""
        digest = hashlib.sha256(data).hexdigest()[:12]
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        gzipped = None
        if mimetype.startswith(COMPRESSIBLE):
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            gzipped = packed if len(packed) < len(data) * 0.9 else None
        asset = Asset(data, gzipped, digest, mimetype, versioned_name(filename, digest))
        self.by_name[filename] = asset
        self.by_versioned[asset.versioned] = asset

    def add_folder(self, folder: Path) -> None:
        """Every file of the folder; stylesheets last, so their url(...) can name hashed files."""
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        for path in sorted(files, key=lambda p: p.suffix == ".css"):
            filename = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            if path.suffix == ".css":
                data = self._rewrite_urls(filename, data)
            self.add(filename, data)

    def _rewrite_urls(self, filename: str, data: bytes) -> bytes:
        folder = posixpath.dirname(filename)

        def hashed(match):
            quote, target = match.group(1), match.group(2)
            asset = self.by_name.get(posixpath.normpath(posixpath.join(folder, target)))
            if asset is None:
                return match.group(0)
            name = posixpath.join(posixpath.dirname(target), posixpath.basename(asset.versioned))
            return f"url({quote}{name}{quote})"

        return CSS_URL.sub(hashed, data.decode("utf-8")).encode("utf-8")

    def url_name(self, filename: str) -> str:
        """The name to put in a URL: versioned when the file is known."""
        asset = self.by_name.get(filename)
        return asset.versioned if asset else filename

    def response(self, filename: str) -> Response:
        """The file, gzipped when the client takes it, cached for good under its versioned name."""
        asset = self.by_versioned.get(filename)
        forever = asset is not None
        # A plain name, or the name of an older version (a page from before a deploy): today's file,
        # which the browser must not keep under that name.
        asset = asset or self.by_name.get(filename) or self.by_name.get(OLD_VERSION.sub(r"\1", filename))
        if asset is None:
            abort(404)
        packed = asset.gzipped is not None and request.accept_encodings["gzip"] > 0
        response = Response(asset.gzipped if packed else asset.data, mimetype=asset.mimetype)
        if asset.gzipped is not None:
            response.vary.add("Accept-Encoding")
        if packed:
            response.headers["Content-Encoding"] = "gzip"
        response.set_etag(asset.digest + ("-gz" if packed else ""))
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if forever else "no-cache"
        return response.make_conditional(request)


def strings_script(language: str) -> bytes:
    """The browser scripts' texts in one language, as a script that sets them (CSP allows no inline one)."""
    from .strings import js_strings

    with force_locale(language):
        strings = json.dumps(js_strings(), ensure_ascii=False)
    return f"window.SamenspelStrings = {strings};\n".encode()


def init_app(app) -> None:
    """Serve the static folder from memory under versioned names; add the strings per language."""
    from ..i18n import LANGUAGES

    assets = Assets()
    assets.add_folder(Path(app.static_folder))
    with app.app_context():
        for language in LANGUAGES:
            assets.add(f"js/strings.{language}.js", strings_script(language))
    app.extensions["samenspel.assets"] = assets
    app.view_functions["static"] = assets.response

    @app.url_defaults
    def versioned_static(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = assets.url_name(values["filename"])
