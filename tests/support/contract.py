"""What docs/protocol.md promises, parsed, and what the server really sent, recorded.

The doc's tables hold payload shapes in a small notation: `{"key", "key"?: value, ...}` objects (`?` marks
a key that is not always sent, `...` an object left open), `[item]` lists, `{"<org>": value}` maps with
any keys, `a | b` alternatives, `{...}` / `[...]` anything, and names of shared shapes from the doc's
"Shapes" table (`activity`, `goal`, ...). Scalars (`int`, `bool`, `"dark"`) are not checked: keys are.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"

# ---- the doc's tables ----


def sections(text: str) -> dict[str, str]:
    """Level-2 sections by title."""
    found, title, lines = {}, None, []
    for line in text.splitlines():
        if line.startswith("## "):
            if title:
                found[title] = "\n".join(lines)
            title, lines = line[3:].strip(), []
        elif title:
            lines.append(line)
    if title:
        found[title] = "\n".join(lines)
    return found


def _cells(line: str) -> list[str]:
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [part.strip().replace("\\|", "|") for part in parts]


def tables(section: str) -> list[list[dict[str, str]]]:
    """Every table in a section, as rows keyed by the header's cells."""
    found, lines = [], section.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|\s*-", lines[i + 1]):
            header = _cells(lines[i])
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(dict(zip(header, _cells(lines[i]), strict=False)))
                i += 1
            found.append(rows)
        else:
            i += 1
    return found


def table(section: str) -> list[dict[str, str]]:
    """The one table of a section."""
    [rows] = tables(section)
    return rows


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def name_in(cell: str) -> str:
    """The `name` a row is about (its first code span)."""
    return code_spans(cell)[0]


# ---- shapes ----


@dataclass
class Obj:
    keys: dict = field(default_factory=dict)  # name -> (optional, shape)
    open: bool = False
    any_key: object = None  # a map: every key's value has this shape


@dataclass
class Arr:
    item: object = None  # None: anything


@dataclass
class Union:
    options: list


@dataclass
class Ref:
    name: str


ANY = "any"
SCALAR = "scalar"
NULL = "null"

TOKEN = re.compile(r'\s*(\.\.\.|"[^"]*"|[{}\[\],:|?]|\([^()]*\)|[^\s{}\[\],:|?"()]+)')


def _tokens(text: str) -> list[str]:
    found, pos = [], 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match:
            break
        pos = match.end()
        token = match.group(1)
        if token.startswith("("):
            continue  # prose in parentheses: "(8–64)", "(null when ...)"
        found.append(token)
    return found


class _Parser:
    def __init__(self, text: str, names: dict):
        self.tokens = _tokens(text)
        self.pos = 0
        self.names = names

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if expected is not None and token != expected:
            raise ValueError(f"expected {expected!r} at {token!r} in {' '.join(self.tokens)}")
        self.pos += 1
        return token

    def value(self):
        options = [self.atom()]
        while self.peek() == "|":
            self.take()
            options.append(self.atom())
        return options[0] if len(options) == 1 else Union(options)

    def atom(self):
        token = self.take()
        if token == "{":
            return self.obj()
        if token == "[":
            if self.peek() == "...":
                self.take()
                self.take("]")
                return Arr(None)
            item = self.value()
            while self.peek() == ",":
                self.take()
                self.take("...")
            self.take("]")
            return Arr(item)
        if token == "null":
            return NULL
        if token == "...":
            return ANY
        if token in self.names:
            return Ref(token)
        return SCALAR  # int, bool, str, "dark", 5, words

    def obj(self):
        shape = Obj()
        while self.peek() != "}":
            token = self.take()
            if token == "...":
                shape.open = True
                if self.peek() not in (",", "}"):
                    self.take()  # "...fields"
            elif token.startswith('"'):
                key = token[1:-1]
                optional = self.peek() == "?"
                if optional:
                    self.take()
                member = ANY
                if self.peek() == ":":
                    self.take()
                    member = self.value()
                elif self.peek() == "|":
                    self.take()
                    self.value()  # `"key" | null`: the key is there, its value may be null
                if key.startswith("<"):
                    shape.any_key = member
                else:
                    shape.keys[key] = (optional, member)
            else:
                raise ValueError(f"unexpected {token!r} in an object: {' '.join(self.tokens)}")
            if self.peek() == ",":
                self.take()
        self.take("}")
        return shape


def parse(text: str, names: dict | None = None):
    """The shape a code span describes."""
    parser = _Parser(text, names or {})
    shape = parser.value()
    if parser.peek() is not None:
        raise ValueError(f"left over after the shape: {parser.tokens[parser.pos :]}")
    return shape


def cell_shape(cell: str, names: dict):
    """The shape in a table cell: its first code span that starts with { or [, with local `X = {...}` names."""
    spans = code_spans(cell)
    local = dict(names)
    for name, span in re.findall(r"(\w+)\s*=\s*`([^`]+)`", cell):
        local[name] = span
    shapes = {**names, **{k: parse(v, {**names, **local}) for k, v in local.items() if k not in names}}
    for span in spans:
        if span.lstrip().startswith(("{", "[")):
            return parse(span, shapes), shapes
    if spans and spans[0] in shapes:
        return Ref(spans[0]), shapes
    raise ValueError(f"no shape in {cell!r}")


# ---- comparing what was sent with what is documented ----


def problems(value, shape, names: dict, path: str, seen: set) -> list[str]:
    """How `value` differs from `shape`; records every key path it saw in `seen`."""
    if isinstance(shape, Ref):
        return problems(value, names[shape.name], names, path, seen)
    if shape in (ANY, SCALAR):
        return []
    if shape == NULL:
        return [] if value is None else [f"{path}: documented as null, sent {type(value).__name__}"]
    if isinstance(shape, Union):
        attempts = []
        for option in shape.options:
            trial: set = set()
            found = problems(value, option, names, path, trial)
            attempts.append((len(found), found, trial))
        best = min(attempts, key=lambda a: a[0])
        seen |= best[2]
        return best[1]
    if isinstance(shape, Arr):
        if not isinstance(value, list):
            return [f"{path}: documented as a list, sent {type(value).__name__}"]
        if value:
            seen.add(path + "[]")
        found = []
        for item in value:
            found += problems(item, shape.item or ANY, names, path + "[]", seen)
        return found[:20]
    if isinstance(shape, Obj):
        if value is None:
            return [f"{path}: documented as an object, sent null"]
        if not isinstance(value, dict):
            return [f"{path}: documented as an object, sent {type(value).__name__}"]
        seen.add(path)
        found = []
        for key, item in value.items():
            if key in shape.keys:
                seen.add(f"{path}.{key}")
                found += problems(item, shape.keys[key][1], names, f"{path}.{key}", seen)
            elif shape.any_key is not None:
                found += problems(item, shape.any_key, names, f"{path}.<key>", seen)
            elif not shape.open:
                found.append(f"{path}: sends {key!r}, which the doc does not list")
        for key, (optional, _member) in shape.keys.items():
            if not optional and key not in value:
                found.append(f"{path}: the doc lists {key!r}, which was not sent")
        return found
    raise TypeError(shape)


def documented_paths(shape, names: dict, path: str, out: set, depth: int = 0) -> set:
    """Every key path a shape documents, as `problems` records them when it sees them."""
    if depth > 12:
        return out
    if isinstance(shape, Ref):
        return documented_paths(names[shape.name], names, path, out, depth + 1)
    if isinstance(shape, Union):
        for option in shape.options:
            documented_paths(option, names, path, out, depth + 1)
    elif isinstance(shape, Arr) and shape.item is not None:
        documented_paths(shape.item, names, path + "[]", out, depth + 1)
    elif isinstance(shape, Obj):
        for key, (_optional, member) in shape.keys.items():
            out.add((path, f"{path}.{key}"))
            documented_paths(member, names, f"{path}.{key}", out, depth + 1)
        if shape.any_key is not None:
            documented_paths(shape.any_key, names, f"{path}.<key>", out, depth + 1)
    return out


# ---- what the server sent, recorded from every Socket.IO test client ----


@dataclass
class Recorded:
    kind: str  # "ack" or "event"
    name: str
    role: str | None
    payload: object


RECORDED: list[Recorded] = []


class _RecordingQueue(list):
    """A test client's queue of received events that records each event as it arrives."""

    def __init__(self, client, items=()):
        super().__init__(items)
        self.client = client

    def append(self, item):
        args = item.get("args") or []
        RECORDED.append(Recorded("event", item["name"], getattr(self.client, "_contract_role", None), args[0] if args else None))
        super().append(item)


def install_recorder(monkeypatch) -> None:
    """Record every ack and every event that reaches Flask-SocketIO's test clients.

    Events are recorded as they arrive, whether or not the test reads them (and also when the server
    disconnects the client right after, as after `gone`).
    """
    from flask_socketio.test_client import SocketIOTestClient

    original_init, original_emit = SocketIOTestClient.__init__, SocketIOTestClient.emit

    def init(self, *args, **kwargs):
        auth = kwargs.get("auth") if "auth" in kwargs else (args[5] if len(args) > 5 else None)
        self._contract_role = auth.get("role") if isinstance(auth, dict) else None
        original_init(self, *args, **kwargs)

    def emit(self, event, *args, **kwargs):
        ack = original_emit(self, event, *args, **kwargs)
        if kwargs.get("callback"):
            RECORDED.append(Recorded("ack", event, getattr(self, "_contract_role", None), ack))
        return ack

    def get_queue(self):
        return self.__dict__.get("_contract_queue", [])

    def set_queue(self, items):
        self.__dict__["_contract_queue"] = _RecordingQueue(self, items)

    monkeypatch.setattr(SocketIOTestClient, "__init__", init)
    monkeypatch.setattr(SocketIOTestClient, "emit", emit)
    monkeypatch.setattr(SocketIOTestClient, "queue", property(get_queue, set_queue), raising=False)
