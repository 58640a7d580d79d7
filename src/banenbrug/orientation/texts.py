"""The questionnaire's wording and the words for the six interest types, Dutch first.

The activities follow O*NET's illustrative interest activities (O*NET 29.1, CC BY 4.0), translated
and adapted to Dutch daily life and to young people; five per type.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

QUESTIONS = {
    # Realistic (O*NET: build cabinets, repair appliances, physical labour at a construction site)
    "r1": _("Een kapotte fiets of scooter repareren"),
    "r2": _("Een kast of tafel in elkaar zetten en afwerken"),
    "r3": _("Met gereedschap en machines werken in een werkplaats"),
    "r4": _("Buiten aan het werk zijn, bijvoorbeeld op een dak of een bouwplaats"),
    "r5": _("Kabels, leidingen of apparaten aanleggen in een huis"),
    # Investigative (reduce water pollution, predict the weather, work in a lab)
    "i1": _("Onderzoeken hoe je vervuild water weer schoon krijgt"),
    "i2": _("Een betere manier bedenken om het weer te voorspellen"),
    "i3": _("Proeven doen in een laboratorium"),
    "i4": _("Uitzoeken waarom een apparaat of computerprogramma niet werkt"),
    "i5": _("Met cijfers en gegevens op zoek gaan naar een verklaring"),
    # Artistic (compose music, special effects, draw, write plays)
    "a1": _("Muziek maken of een nummer schrijven"),
    "a2": _("Speciale effecten maken voor een film of game"),
    "a3": _("Tekenen of een poster ontwerpen"),
    "a4": _("Verhalen, liedteksten of toneelstukken schrijven"),
    "a5": _("Bedenken hoe een website, app of kamer eruit moet zien"),
    # Social (teach, help with personal problems, therapy, career guidance)
    "s1": _("Iets uitleggen aan iemand die het nog niet snapt"),
    "s2": _("Mensen helpen die ergens mee zitten"),
    "s3": _("Zorgen voor mensen die ziek zijn of hulp nodig hebben"),
    "s4": _("Anderen advies geven over school of werk"),
    "s5": _("Vrijwilligerswerk doen in je buurt of bij een club"),
    # Enterprising (start a business, market clothing, manage a department, represent a client)
    "e1": _("Je eigen bedrijf beginnen"),
    "e2": _("Een nieuw product bedenken en verkopen"),
    "e3": _("De leiding hebben over een team of project"),
    "e4": _("Anderen overtuigen van jouw idee, bijvoorbeeld in een debat"),
    "e5": _("Een evenement of actie organiseren"),
    # Conventional (spreadsheet, inventory with a handheld computer, shipping records, software)
    "c1": _("Een overzicht maken in een spreadsheet"),
    "c2": _("Voorraad bijhouden met een scanner"),
    "c3": _("Een administratie of archief netjes bijhouden"),
    "c4": _("Software installeren en computers goed instellen"),
    "c5": _("Een planning of rooster maken en controleren of alles klopt"),
}

CHOICES = ((2, _("Leuk")), (1, _("Weet ik niet")), (0, _("Niet leuk")))

TYPE_NAMES = {
    "R": _("Praktisch"),
    "I": _("Onderzoekend"),
    "A": _("Creatief"),
    "S": _("Sociaal"),
    "E": _("Ondernemend"),
    "C": _("Ordenend"),
}

# What a person with this interest likes doing: "Je houdt van ..."
TYPE_LIKES = {
    "R": _("bouwen, repareren en met je handen werken"),
    "I": _("uitzoeken hoe iets werkt en problemen oplossen"),
    "A": _("ontwerpen en iets nieuws bedenken"),
    "S": _("mensen helpen en dingen uitleggen"),
    "E": _("de leiding nemen, organiseren en anderen overtuigen"),
    "C": _("ordenen, plannen en nauwkeurig werken"),
}


def frequency(occupation_level: float) -> str:
    """How often the work asks for an interest, from the occupation's 1-7 score."""
    if occupation_level >= 6:
        return str(_("elke dag"))
    if occupation_level >= 5:
        return str(_("vaak"))
    return str(_("regelmatig"))
