"""Words of participants' texts: splitting, and the Dutch and English stop words we keep ourselves.

Used by the word cloud (surface words) and the grouping of ambitions (stemmed words). The lists are
kept here, not downloaded: the Snowball project's Dutch and English stop-word lists, plus the filler
of partnership talk ("we willen", "zorgen voor") that says nothing about what an ambition is about.
"""

import re

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

DUTCH = frozenset(
    """
    aan aangezien al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in
    is ja je jij jou jouw jullie kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
    of om omdat onder ons onze ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
    was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden zullen
    elk elke ieder iedere eigen waar waarin waarop wij mee binnen tussen per via dan dus nou
    """.split()
)

ENGLISH = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves us every within per via
    """.split()
)

# Words every partnership ambition uses; they tie unrelated ambitions together, so grouping skips them.
FILLER = frozenset(
    """
    samen gezamenlijk gezamenlijke willen wil zorgen zorg zorgt gaan komen maken make together joint jointly
    want ensure organisaties organisatie corporaties corporatie woningcorporaties partners partner
    samenwerking partnership organisations organisation corporations goed goede beter betere more better
    jaar jaren year years
    """.split()
)

STOP_WORDS = DUTCH | ENGLISH
MAX_TEXT = 2000


def words(text: str) -> list[str]:
    """The words of a text in lower case, without numbers or punctuation (bounded in length first)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(str(text)[:MAX_TEXT])]


def content_words(text: str) -> list[str]:
    """The words that say something: stop words and one-letter words left out."""
    return [w for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


def cloud(texts: list[str], phrases: list[str], limit: int = 40) -> list[dict]:
    """The most used words of `texts` (stop words and filler left out) and `phrases` counted whole.

    For the word cloud of ambitions: `phrases` are the chosen value drivers, which are names, not sentences.
    Words are counted once per text, so one long ambition repeating a word does not fill the cloud.
    """
    counts: dict[tuple[str, str], int] = {}
    shown: dict[str, str] = {}
    for text in texts:
        for word in set(content_words(text)) - FILLER:
            if len(word) > 2:
                counts[("word", word)] = counts.get(("word", word), 0) + 1
    for phrase in phrases:
        key = ("driver", phrase.casefold())
        shown.setdefault(key[1], phrase)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))[:limit]
    return [
        {"word": shown.get(key, key) if kind == "driver" else key, "count": n, "driver": kind == "driver"}
        for (kind, key), n in ordered
    ]
