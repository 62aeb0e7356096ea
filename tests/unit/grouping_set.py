"""A labelled set of ambitions as partners in a housing-corporation partnership write them, grouped by hand.

Written for the grouping test (tests/unit/test_grouping.py): 9 themes, 8 ambitions each, in the words a
manager, adviser or director of a woningcorporatie would type on a phone. Within a theme the wording varies
on purpose (synonyms, compounds, English loan words), as it does in a real room.
"""

AMBITIONS = {
    "aardgasvrij": [
        "Alle huurwoningen van het gas af in 2035",
        "Samen een wijkaanpak om buurten aardgasvrij te maken",
        "Per wijk kiezen voor een warmtenet of all-electric",
        "Aansluiten op het warmtenet van de gemeente voor onze flats",
        "De eerste aardgasvrije wijk samen met de gemeente realiseren",
        "Een gezamenlijke warmtevisie per wijk opstellen",
        "Collectieve warmte in de grote complexen in plaats van cv-ketels op gas",
        "Transitievisie warmte van de gemeente vertalen naar onze wijken",
    ],
    "inkoop": [
        "Gezamenlijke inkoop van onderhoudsdiensten",
        "Samen aanbesteden van het planmatig onderhoud",
        "Eén raamcontract voor dakonderhoud met alle corporaties",
        "Inkoopvolume bundelen zodat we betere prijzen krijgen bij leveranciers",
        "Een gezamenlijke inkoopkalender voor aanbestedingen",
        "Samen contracten sluiten met aannemers voor mutatieonderhoud",
        "Gezamenlijk inkopen van kozijnen en deuren",
        "Ketensamenwerking met vaste aannemers en leveranciers in de inkoop",
    ],
    "zon": [
        "Zonnepanelen op elk geschikt dak in onze wijken",
        "Alle daken van onze complexen vol met zonnepanelen",
        "Samen een zonnedakenprogramma voor huurwoningen",
        "Huurders laten meeprofiteren van de opbrengst van zonnepanelen",
        "Een energiecoöperatie voor zonnestroom met bewoners",
        "Zonne-energie op daken van bedrijfspanden en parkeergarages",
        "De opwek van zonnestroom per woning verdubbelen",
        "Zonnepanelen plaatsen zonder dat de huur stijgt",
    ],
    "bewoners": [
        "Huurders actief betrekken bij verduurzaming",
        "Eén loket voor bewoners met vragen over energie",
        "Bewonerscommissies vanaf het begin laten meedenken",
        "Huurdersorganisaties een vaste plek geven in de samenwerking",
        "Bewoners goed informeren voordat de renovatie in hun straat begint",
        "Energiecoaches die bij huurders thuis langskomen",
        "Met bewoners in gesprek over wat zij nodig hebben in de wijk",
        "Draagvlak bij huurders voor de aanpak in hun complex",
    ],
    "betaalbaarheid": [
        "Woonlasten van huurders mogen niet stijgen door verduurzaming",
        "Energiearmoede bij onze huurders samen aanpakken",
        "Betaalbare huren voor lage inkomens blijven garanderen",
        "De totale woonlasten van huur plus energie omlaag brengen",
        "Huurders met een hoge energierekening gericht helpen",
        "Geen huurverhoging na isolatie van een woning",
        "Voldoende betaalbare woningen voor starters en ouderen",
        "Gezamenlijk fonds voor huurders met betalingsproblemen",
    ],
    "circulair": [
        "Meer houtbouw in onze nieuwbouwprojecten",
        "Circulair bouwen met hergebruik van materialen",
        "De CO2-uitstoot van bouwmaterialen halveren",
        "Biobased materialen gebruiken bij renovatie",
        "Een materialenpaspoort voor elke nieuwe woning",
        "Sloopmaterialen hergebruiken in andere projecten",
        "Samen een fabriek voor houten woningen opzetten",
        "Minder beton en meer hout en vlas in de bouw",
    ],
    "mensen": [
        "Samen vakmensen opleiden voor het onderhoud",
        "Een gezamenlijke vijver van talent om het personeelstekort op te vangen",
        "Medewerkers laten rouleren tussen de corporaties",
        "Kennis delen via een learning community",
        "Jonge technici binnenhalen met een gezamenlijk traineeship",
        "Een gedeelde opleidingsacademie voor onze medewerkers",
        "Leren van elkaars projecten in intervisie tussen teams",
        "Samen inhuren van specialisten die we los niet kunnen betalen",
    ],
    "isolatie": [
        "Geen woningen meer met label E, F of G",
        "Alle woningen minimaal energielabel B",
        "Na-isolatie van spouwmuren, vloeren en daken versnellen",
        "Duizend woningen per jaar isoleren met een standaardaanpak",
        "Slecht geïsoleerde woningen als eerste aanpakken",
        "De warmtevraag van de portefeuille verlagen door isolatie",
        "Een gezamenlijke renovatiestroom voor rijtjeswoningen",
        "HR++ glas en dakisolatie in alle oudere woningen",
    ],
    "data": [
        "Een gedeeld datasysteem voor vastgoedgegevens",
        "Samen investeren in ICT en één klantportaal",
        "Een shared service center voor de administratie",
        "Vastgoeddata op dezelfde manier vastleggen zodat we kunnen vergelijken",
        "Gezamenlijke software voor onderhoudsplanning",
        "Dashboards die de voortgang van de verduurzaming laten zien",
        "Eén digitaal systeem voor reparatieverzoeken",
        "Informatiebeveiliging en privacy samen regelen",
    ],
}


def labelled() -> list[tuple[int, str, str]]:
    """(id, text, theme) for every ambition, ids from 1 in the order above."""
    rows = []
    for theme, texts in AMBITIONS.items():
        for text in texts:
            rows.append((len(rows) + 1, text, theme))
    return rows
