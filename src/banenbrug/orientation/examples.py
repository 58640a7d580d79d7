"""Example content for Ontdek: occupation stories and role models. All of it is made up, written
as an example of what editors can add in the admin, and marked as example in the data and on
the pages. Role models are fictional people; photos are placeholders (initials)."""

from __future__ import annotations

P = "http://data.europa.eu/esco/occupation/"
HEAT_PUMP = P + "8234eee9-1647-460d-8d62-7fe02cb884b0"
ELECTRICIAN = P + "4910419f-b4af-4f59-b544-9dbebc8a74f0"
SOLAR = P + "75b63949-1b93-4bf2-a777-ccf978dc3e8a"
GRID = P + "c89afd9a-7dad-4bae-9315-5fcadd9ad8b6"
SOFTWARE = P + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"
DATA = P + "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
SECURITY = P + "a44a1dc5-be08-4840-8bd5-770c4ac1ca6d"
UI_DESIGN = P + "96e20037-0a25-4bf6-a25e-808d1605d890"
ENERGY_ASSESSOR = P + "c7f5cab7-7cfb-47d7-890c-6b9c00a9eaaf"

STORIES = [
    {"occupation_uri": HEAT_PUMP,
     "day_nl": "Je begint bij een rijtjeshuis waar de cv-ketel eruit gaat. Samen met een collega "
               "plaats je de buitenunit, sluit je de leidingen aan en stel je de warmtepomp in. "
               "Aan het eind leg je de bewoners uit hoe ze hun huis zuinig warm houden. 's "
               "Middags los je een storing op bij een school.",
     "day_en": "You start at a terraced house where the gas boiler is being replaced. With a "
               "colleague you place the outdoor unit, connect the pipes and set up the heat "
               "pump. Then you explain to the residents how to keep their home warm with little "
               "energy. In the afternoon you fix a fault at a school.",
     "contribution_nl": "Een warmtepomp verwarmt een huis zonder aardgas. Elke warmtepomp die "
                        "jij plaatst, scheelt jaarlijks ongeveer een ton CO₂. Nederland heeft "
                        "duizenden monteurs te weinig om alle huizen van het gas af te halen.",
     "contribution_en": "A heat pump heats a home without natural gas. Every heat pump you "
                        "install saves about a tonne of CO₂ a year. The Netherlands is short of "
                        "thousands of installers to take all homes off gas."},
    {"occupation_uri": ELECTRICIAN,
     "day_nl": "Vandaag leg je de bekabeling aan in een nieuwbouwwoning: groepenkast, "
               "stopcontacten en een aansluiting voor zonnepanelen en een laadpaal. Je leest "
               "tekeningen, meet na of alles veilig is en overlegt met de installateur van de "
               "warmtepomp.",
     "day_en": "Today you wire a new-build home: the fuse box, sockets and connections for solar "
               "panels and a charging point. You read drawings, test that everything is safe "
               "and coordinate with the heat-pump installer.",
     "contribution_nl": "Zonder elektriciens geen zonnepanelen, laadpalen of warmtepompen. Alles "
                        "wat we elektrisch maken, moet iemand veilig aansluiten.",
     "contribution_en": "No solar panels, charging points or heat pumps without electricians. "
                        "Everything we electrify has to be connected safely by someone."},
    {"occupation_uri": SOLAR,
     "day_nl": "Je werkt in een klein team op daken van huizen en bedrijfshallen. Je monteert "
               "het frame, legt de panelen en sluit de omvormer aan. Veiligheid gaat voor: je "
               "werkt met valbeveiliging en kijkt steeds naar het weer.",
     "day_en": "You work in a small team on the roofs of homes and warehouses. You mount the "
               "frame, lay the panels and connect the inverter. Safety comes first: you use "
               "fall protection and keep an eye on the weather.",
     "contribution_nl": "Zonnepanelen maken stroom zonder uitstoot. Met elk dak dat jij "
                        "vollegt, wekt een gezin of bedrijf zijn eigen schone energie op.",
     "contribution_en": "Solar panels make electricity without emissions. Every roof you cover "
                        "lets a family or business generate its own clean energy."},
    {"occupation_uri": GRID,
     "day_nl": "Je werkt voor een netbeheerder. Vandaag vervang je een transformator in een "
               "wijk waar veel zonnepanelen en laadpalen bij zijn gekomen. Je werkt volgens "
               "strenge veiligheidsregels en overlegt via de tablet met de meldkamer.",
     "day_en": "You work for a grid operator. Today you replace a transformer in a "
               "neighbourhood with many new solar panels and charging points. You follow strict "
               "safety rules and stay in touch with the control room via your tablet.",
     "contribution_nl": "Het stroomnet zit op veel plekken vol. Zonder monteurs die het net "
                        "uitbreiden, kunnen bedrijven en huizen niet overstappen op schone "
                        "stroom.",
     "contribution_en": "The grid is full in many places. Without technicians to extend it, "
                        "businesses and homes cannot switch to clean electricity."},
    {"occupation_uri": SOFTWARE,
     "day_nl": "Je start met een kort overleg met je team. Daarna bouw je een nieuwe functie in "
               "een app, test je die en bespreek je de code met een collega. Vaak werk je een "
               "paar dagen thuis en een paar dagen op kantoor.",
     "day_en": "You start with a short stand-up with your team. Then you build a new feature in "
               "an app, test it and review the code with a colleague. Often you work some days "
               "from home and some at the office.",
     "contribution_nl": "Software regelt steeds meer: van de dienstregeling van de trein tot het "
                        "slim laden van elektrische auto's. Goede software maakt dat veilig, "
                        "zuinig en voor iedereen bruikbaar.",
     "contribution_en": "Software runs more and more: from train timetables to smart charging "
                        "of electric cars. Good software makes that safe, efficient and usable "
                        "for everyone."},
    {"occupation_uri": DATA,
     "day_nl": "Je krijgt een vraag van een gemeente: waar in de stad staan de meeste huizen "
               "die nog slecht geïsoleerd zijn? Je zoekt de gegevens bij elkaar, maakt ze "
               "schoon, rekent en maakt een kaart en een korte uitleg.",
     "day_en": "A municipality asks you: where in the city are most poorly insulated homes? "
               "You gather the data, clean it, run the numbers and make a map and a short "
               "explanation.",
     "contribution_nl": "Met goede cijfers kiezen bedrijven en overheden waar hun geld het meeste "
                        "helpt, ook voor het klimaat.",
     "contribution_en": "With good figures, companies and governments choose where their money "
                        "helps most, including for the climate."},
    {"occupation_uri": SECURITY,
     "day_nl": "Je controleert of de systemen van een ziekenhuis goed beveiligd zijn. Je "
               "installeert updates, kijkt naar meldingen van verdachte activiteit en legt "
               "collega's uit hoe ze phishing herkennen.",
     "day_en": "You check that a hospital's systems are well secured. You install updates, "
               "look into alerts about suspicious activity and teach colleagues to spot "
               "phishing.",
     "contribution_nl": "Alles wat digitaal is, moet veilig zijn. Jij zorgt dat mensen erop "
                        "kunnen vertrouwen dat hun gegevens en diensten beschermd zijn.",
     "contribution_en": "Everything digital has to be safe. You make sure people can trust that "
                        "their data and services are protected."},
    {"occupation_uri": UI_DESIGN,
     "day_nl": "Je ontwerpt hoe een app voor het delen van elektrische auto's eruitziet. Je "
               "schetst schermen, test ze met echte gebruikers en verbetert ze tot iedereen, "
               "ook mensen met een beperking, ermee uit de voeten kan.",
     "day_en": "You design what an app for sharing electric cars looks like. You sketch "
               "screens, test them with real users and improve them until everyone, including "
               "people with a disability, can use it.",
     "contribution_nl": "Een goed ontwerp zorgt dat mensen nieuwe, duurzame diensten echt gaan "
                        "gebruiken.",
     "contribution_en": "Good design makes people actually use new, sustainable services."},
    {"occupation_uri": ENERGY_ASSESSOR,
     "day_nl": "Je bezoekt twee woningen en een kantoor. Je meet, kijkt naar isolatie, ramen en "
               "installaties en schrijft een advies: wat levert het meeste op voor de "
               "energierekening en het klimaat?",
     "day_en": "You visit two homes and an office. You measure, look at insulation, windows and "
               "systems, and write advice: what saves the most on the energy bill and for the "
               "climate?",
     "contribution_nl": "Jouw advies helpt mensen de juiste stap te zetten, zodat hun huis minder "
                        "energie gebruikt.",
     "contribution_en": "Your advice helps people take the right step so their home uses less "
                        "energy."},
]

ROLE_MODELS = [
    {"name": "Samira El Idrissi", "occupation_uri": HEAT_PUMP,
     "job_title": "Monteur warmtepompen", "works_part_time": False, "side_entrant": True,
     "quote_nl": "Ik dacht dat techniek niets voor mij was. Nu leg ik mensen uit hoe hun huis "
                 "van het gas af gaat, en dat geeft echt voldoening.",
     "quote_en": "I thought technology wasn't for me. Now I explain to people how their home "
                 "goes off gas, and that is really satisfying.",
     "route_nl": "Werkte als kapster, begon op haar 27e aan een BBL-opleiding mbo niveau 3 "
                 "installatietechniek bij een installatiebedrijf.",
     "route_en": "Worked as a hairdresser, started a work-based (BBL) vocational course in "
                 "installation technology at 27."},
    {"name": "Lotte de Vries", "occupation_uri": ELECTRICIAN,
     "job_title": "Elektricien", "works_part_time": True, "side_entrant": False,
     "quote_nl": "Ik werk vier dagen per week. Mijn baas vond dat geen enkel probleem: ze zijn "
                 "blij met iedereen die het vak in wil.",
     "quote_en": "I work four days a week. My boss had no problem with it at all: they are "
                 "glad with everyone who wants to join the trade.",
     "route_nl": "Vmbo techniek, daarna mbo niveau 3 Eerste monteur elektrotechnische "
                 "installaties.",
     "route_en": "Pre-vocational technology track, then a level 3 vocational course in "
                 "electrical installation."},
    {"name": "Kwame Mensah", "occupation_uri": SOLAR,
     "job_title": "Monteur zonnepanelen", "works_part_time": False, "side_entrant": False,
     "quote_nl": "Elke dag buiten, elke dag zie je wat je gemaakt hebt. Op een mooie dag leg je "
                 "een heel dak vol.",
     "quote_en": "Outdoors every day, and every day you see what you made. On a good day you "
                 "cover a whole roof.",
     "route_nl": "Mbo niveau 2 via BBL: vier dagen werken, één dag school.",
     "route_en": "Level 2 vocational course via BBL: four days at work, one day at school."},
    {"name": "Fatma Yıldız", "occupation_uri": GRID,
     "job_title": "Monteur elektriciteitsnetten", "works_part_time": False,
     "side_entrant": True,
     "quote_nl": "Ik kwam uit de logistiek. De netbeheerder betaalde mijn opleiding en ik kreeg "
                 "vanaf dag één salaris.",
     "quote_en": "I came from logistics. The grid operator paid for my training and I was paid "
                 "from day one.",
     "route_nl": "Op haar 34e omgeschoold via een opleidingstraject van de netbeheerder (mbo "
                 "niveau 3, leren en werken).",
     "route_en": "Retrained at 34 through the grid operator's own programme (vocational level "
                 "3, learning while working)."},
    {"name": "Priya Ramdin", "occupation_uri": DATA,
     "job_title": "Data-analist bij een gemeente", "works_part_time": True,
     "side_entrant": True,
     "quote_nl": "Als docent wiskunde vond ik puzzelen met cijfers al het leukst. Nu doe ik dat "
                 "drie dagen per week voor de energietransitie in mijn stad.",
     "quote_en": "As a maths teacher, puzzling with numbers was already my favourite part. Now "
                 "I do it three days a week for the energy transition in my city.",
     "route_nl": "Lerarenopleiding wiskunde (hbo), daarna een omscholingscursus data-analyse "
                 "van een half jaar.",
     "route_en": "Maths teacher training (university of applied sciences), then a six-month "
                 "retraining course in data analysis."},
    {"name": "Daan Hoekstra", "occupation_uri": SOFTWARE,
     "job_title": "Softwareontwikkelaar", "works_part_time": True, "side_entrant": False,
     "quote_nl": "Op woensdag ben ik thuis met de kinderen. In de ICT is dat heel gewoon.",
     "quote_en": "On Wednesdays I'm at home with the kids. That's quite normal in IT.",
     "route_nl": "Havo, daarna hbo Informatica.",
     "route_en": "Senior general secondary school, then a bachelor's in computer science."},
    {"name": "Noor Haddad", "occupation_uri": SECURITY,
     "job_title": "Securityspecialist", "works_part_time": False, "side_entrant": False,
     "quote_nl": "Hackers tegenhouden is net een spel, maar dan echt. Ik leer elke week iets "
                 "nieuws.",
     "quote_en": "Stopping hackers is like a game, but for real. I learn something new every "
                 "week.",
     "route_nl": "Mbo niveau 4 Expert IT systems and devices, daarna certificaten naast het "
                 "werk.",
     "route_en": "Level 4 vocational course in IT systems, then certificates alongside work."},
    {"name": "Jesse Bakker", "occupation_uri": UI_DESIGN,
     "job_title": "Interactieontwerper", "works_part_time": False, "side_entrant": False,
     "quote_nl": "Ik teken al mijn hele leven. Dat je daarmee apps beter maakt voor mensen, "
                 "wist ik op school niet.",
     "quote_en": "I've been drawing all my life. At school I didn't know you could use that to "
                 "make apps better for people.",
     "route_nl": "Mbo Mediavormgever, daarna hbo Communication and Multimedia Design.",
     "route_en": "Vocational course in media design, then a bachelor's in communication and "
                 "multimedia design."},
    {"name": "Ingrid Kuipers", "occupation_uri": ENERGY_ASSESSOR,
     "job_title": "Energieadviseur", "works_part_time": True, "side_entrant": True,
     "quote_nl": "Na twintig jaar op kantoor wilde ik iets doen met duurzaamheid. Op mijn 48e "
                 "ben ik begonnen, en ik heb er geen dag spijt van.",
     "quote_en": "After twenty years in an office I wanted to work on sustainability. I started "
                 "at 48 and haven't regretted it for a day.",
     "route_nl": "Administratief medewerker, daarna een cursus energieadvies (mbo niveau 4) "
                 "naast haar werk.",
     "route_en": "Administrative worker, then an energy-advice course (vocational level 4) "
                 "alongside her job."},
]
