"""The registry of activity kinds and the check of an agenda item.

Every module in this package but `base` defines one kind as `KIND`; the registry finds them,
so adding a kind means adding a module here and its script under static/js/kinds/.
"""

import importlib
import pkgutil

from .. import fields, quorum
from ..errors import InvalidInput
from ..i18n import N_
from ..model import LANGUAGES, Activity
from .base import TEXTS, ActivityKind, AnswerContext, localised

# The order kinds are offered in on the control view: the flow of a kick-off.
ORDER = (
    "starting_point",
    "introductions",
    "ambitions",
    "goals",
    "dot_voting",
    "scale",
    "team_phase",
    "reflection",
    "poll",
    "consent",
    "commitments",
    "progress_review",
)


def _discover() -> dict[str, ActivityKind]:
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name == "base":
            continue
        kind = importlib.import_module(f"{__name__}.{module.name}").KIND
        found[kind.name] = kind
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


KINDS: dict[str, ActivityKind] = _discover()


def get_kind(name: str) -> ActivityKind:
    """The kind registered under `name`."""
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise InvalidInput(N_("%(field)s is not one of the options."), field="kind") from None


MAX_ACTIVITY_TITLE, MAX_PROMPT = 120, 500


def untranslated(label: str, language: str) -> str:
    """The default for `translate`: the label as written in the code (English)."""
    return label


TITLE_LENGTH, PROMPT_LENGTH = MAX_ACTIVITY_TITLE, MAX_PROMPT
LIVE, AFTER_REVEAL = "live", "after_reveal"
RESULTS_MODES = (LIVE, AFTER_REVEAL)
# Keys every activity's config carries besides its kind's settings.
COMMON_KEYS = ("prompt", "results", "translations")


def other_language(language: str) -> str:
    """The workshop's second language, for activity texts given in both."""
    return next(lang for lang in LANGUAGES if lang != language)


def default_results(kind: ActivityKind) -> str:
    """Live results, or results after the facilitator reveals them: each kind's default."""
    return LIVE if kind.results_visible_by_default else AFTER_REVEAL


def starts_live(activity: Activity) -> bool:
    """Whether the activity shows results while people answer, as the facilitator chose."""
    return (activity.config.get("results") or default_results(get_kind(activity.kind))) == LIVE


def clean_activity(item, language: str, translate=untranslated, bilingual: bool = False) -> Activity:
    """Check one agenda item: {kind, title, prompt, results, config}; texts may be given per language.

    An item without a title gets its kind's label, through `translate(label, language)`. In a
    bilingual workshop the texts in the other language are kept in `config["translations"]`.
    """
    item = fields.mapping(item, name="agenda")
    kind = get_kind(item.get("kind"))
    raw = fields.mapping(item.get("config"), name="config")
    config = kind.clean_config(raw, language)
    config["prompt"] = localised(item.get("prompt"), language, name="prompt", max_length=PROMPT_LENGTH, required=False)
    rule = quorum.clean_rule(raw.get("quorum")) if kind.supports_quorum else None
    if rule:
        config["quorum"] = rule
    # A title that comes out empty (none, "", {}) is the kind's label in the workshop's language.
    title = localised(item.get("title"), language, name="title", max_length=TITLE_LENGTH, required=False)
    title = title or translate(kind.label, language)
    results = item.get("results")
    # Only an absent, null or empty value means the kind's default; {} or false is a wrong value, refused.
    results = default_results(kind) if results is None or results == "" else results
    config["results"] = fields.choice(results, RESULTS_MODES, name="results")
    if bilingual:
        other = other_language(language)
        translation = _translation(kind, item, raw, config, other, translate)
        if translation:
            config["translations"] = {other: translation}
    return Activity(kind=kind.name, title=title, config=config, results_visible=config["results"] == LIVE)


def _given(value, language: str):
    """A text (or list of texts) given for `language` in a {"nl": ..., "en": ...} value, else None."""
    return value.get(language) if isinstance(value, dict) else None


def _translation(kind: ActivityKind, item: dict, raw: dict, config: dict, other: str, translate) -> dict:
    """The activity's texts in the other language, where given, each checked like the original.

    What the item leaves out (no title, default value drivers) gets the kind's default in that language.
    """
    defaults = kind.default_config(other)
    try:
        found = {}
        given_title = _given(item.get("title"), other) if item.get("title") else translate(kind.label, other)
        title = fields.text(given_title, max_length=TITLE_LENGTH, required=False, name="title")
        prompt = fields.text(_given(item.get("prompt"), other), max_length=PROMPT_LENGTH, required=False, name="prompt")
        found.update({k: v for k, v in (("title", title), ("prompt", prompt)) if v})
        for setting in kind.settings:
            if not setting.translatable:
                continue
            value = _given(raw[setting.name], other) if setting.name in raw else defaults.get(setting.name)
            if value is None:
                continue
            if setting.type == TEXTS:
                value = fields.text_list(
                    value, max_items=setting.max_items, max_length=setting.max_length, min_items=0, name=setting.name
                )
                if value and setting.paired and len(value) != len(config[setting.name]):
                    # Answers refer to these by position: each needs its counterpart.
                    raise InvalidInput(N_("Give %(field)s in both languages, as many and in the same order."), field=setting.name)
            else:
                value = fields.text(value, max_length=setting.max_length, required=False, name=setting.name)
            if value:
                found[setting.name] = value
        return found
    except InvalidInput as err:
        err.params.setdefault("language", other)
        raise


def offers(item, language: str) -> bool:
    """Whether an agenda item has any text in `language` (a format made for both languages)."""
    if not isinstance(item, dict):
        return False
    kind = KINDS.get(item.get("kind")) if isinstance(item.get("kind"), str) else None
    config = item.get("config") if isinstance(item.get("config"), dict) else {}
    values = [item.get("title"), item.get("prompt")]
    values += [config.get(s.name) for s in (kind.settings if kind else ()) if s.translatable]
    return any(_given(v, language) for v in values)


def as_item(activity: Activity, language: str) -> dict:
    """An activity as the agenda editor and format files write it, every text per language."""
    kind = get_kind(activity.kind)
    translations = activity.config.get("translations") or {}
    translatable = {s.name for s in kind.settings if s.translatable} | {"title", "prompt"}

    def texts(name: str, value):
        if name not in translatable:
            return value
        return {language: value} | {lang: t[name] for lang, t in translations.items() if name in t}

    return {
        "kind": activity.kind,
        "title": texts("title", activity.title),
        "prompt": texts("prompt", activity.config.get("prompt", "")),
        "results": activity.config.get("results") or default_results(kind),
        "config": {k: texts(k, v) for k, v in activity.config.items() if k not in COMMON_KEYS},
    }


def localised_view(activity: Activity, language: str | None) -> tuple[str, dict]:
    """The title and config a participant reading `language` sees; the original where no translation is."""
    config = {k: v for k, v in activity.config.items() if k != "translations"}
    translation = (activity.config.get("translations") or {}).get(language) or {}
    config.update({k: v for k, v in translation.items() if k != "title"})
    return translation.get("title") or activity.title, config


__all__ = ["KINDS", "ActivityKind", "AnswerContext", "as_item", "clean_activity", "get_kind", "localised_view"]
