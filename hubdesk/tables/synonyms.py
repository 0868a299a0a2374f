"""Header words people write in their own spreadsheets, for guessing which column is which.

HubDesk's own headers in all eight languages come from the catalogs (see ``mapping``); these are
the other ways offices of the region title the same columns. They are compared after
``mapping.normalize`` (lower case, no diacritics, Cyrillic written in Latin letters), so one
Latin spelling covers Serbian Latin and Cyrillic, Bosnian, Croatian, Montenegrin and most of
Macedonian. Not shown to anyone, so not translated.
"""

from __future__ import annotations

from hubdesk.domain.enums import AgeBand, Gender, Profession, count_column
from hubdesk.domain.trainings import profession_column

# fmt: off
TEAM = ("team", "tim", "timi", "ekipi", "ekip", "grupa")

MEMBERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "team_id": TEAM,
    "name": (
        "name", "full name", "name and surname", "first and last name", "person", "member",
        "name surname", "first name last name", "first name surname", "given name family name",
        "firstname lastname", "emri mbiemer",
        "ime", "ime i prezime", "ime prezime", "prezime i ime", "clan", "clen",
        "emri", "emri dhe mbiemri", "emri mbiemri", "emer mbiemer", "anetari", "anetar",
    ),
    "organisation": (
        "organisation", "organization", "institution", "organisation institution",
        "organizacija", "institucija", "ustanova", "organizata", "institucioni",
    ),
    "sector": ("sector", "sektor", "sektori", "oblast", "fusha", "podrucje"),
    "role": (
        "role", "role in team", "position", "function", "uloga", "uloga u timu", "funkcija",
        "pozicija", "roli", "roli ne ekip", "pozicioni", "funksioni", "uloga vo timot",
    ),
    "gender": ("gender", "sex", "pol", "spol", "gjinia", "gjini", "rod"),
    "joined_on": (
        "joined", "date joined", "member since", "start date", "datum pristupanja",
        "datum ulaska", "clan od", "pristupio", "data e anetaresimit", "anetar qe nga",
        "anetaresuar me", "datum na pristapuvanje", "clen od",
    ),
    "left_on": (
        "left", "date left", "end date", "member until", "datum izlaska", "datum odlaska",
        "napustio", "clan do", "data e largimit", "larguar me", "datum na zaminuvanje",
    ),
    "trainings": (
        "trainings", "training", "obuke", "obuka", "edukacije", "treninzi", "trajnime",
        "trajnimet", "trajnimi", "obuki",
    ),
    "email": (
        "email", "e mail", "mail", "email address", "e mail adresa", "email adresa",
        "elektronska posta", "e posta", "eposta", "adresa elektronike", "imejl",
    ),
    "phone": (
        "phone", "telephone", "tel", "mobile", "phone number", "telefon", "mobitel",
        "mobilni", "broj telefona", "kontakt telefon", "telefoni", "nr telefoni", "celular",
    ),
    "consent_on": (
        "consent", "consent date", "saglasnost", "suglasnost", "datum saglasnosti",
        "datum suglasnosti", "pelqimi", "data e pelqimit", "soglasnost",
    ),
    "notes": (
        "notes", "note", "remarks", "comment", "comments", "napomena", "napomene", "biljeske",
        "beleske", "zabeleski", "komentar", "shenime", "shenim", "verejtje",
    ),
}

_GENDER_WORDS: dict[str, tuple[str, ...]] = {
    Gender.FEMALE: (
        "female", "f", "women", "girls", "z", "zene", "zenske", "zensko", "djevojke",
        "devojke", "devojki", "femra", "vajza", "gra",
    ),
    Gender.MALE: (
        "male", "m", "men", "boys", "muski", "muskarci", "mladici", "momci", "momcinja",
        "meshkuj", "djem", "mashkull",
    ),
    Gender.OTHER: ("other", "ostalo", "drugo", "ostali", "tjeter", "te tjere"),
}
_BAND_WORDS: dict[str, tuple[str, ...]] = {
    AgeBand.UNDER_15: ("under 15", "u15", "0 14", "do 14", "do 15", "ispod 15", "pod 15",
                       "nen 15", "deri 14"),
    AgeBand.FROM_15_TO_19: ("15 19",),
    AgeBand.FROM_20_TO_24: ("20 24",),
    AgeBand.FROM_25_TO_29: ("25 29",),
    AgeBand.FROM_30: ("30 and over", "30 plus", "30p", "over 30", "30 i vise", "30 i vece",
                      "preko 30", "nad 30", "mbi 30", "30 e lart"),
}


def _grid() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for gender, g_words in _GENDER_WORDS.items():
        for band, b_words in _BAND_WORDS.items():
            out[count_column(gender, band)] = tuple(
                text for g in g_words for b in b_words for text in (f"{g} {b}", f"{b} {g}")
            )
    return out


YOUTH_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "team_id": TEAM,
    "title": (
        "title", "activity", "activity name", "name of activity", "name", "naziv",
        "naziv aktivnosti", "aktivnost", "naslov", "titulli", "aktiviteti",
        "emri i aktivitetit", "naziv na aktivnosta",
    ),
    "activity_type": (
        "type", "activity type", "kind of activity", "tip", "vrsta", "vrsta aktivnosti",
        "tip aktivnosti", "lloji", "lloji i aktivitetit", "tipi", "vid na aktivnost",
    ),
    "starts_on": (
        "date", "start", "start date", "from", "datum", "datum pocetka", "pocetak", "od",
        "data", "data e fillimit", "fillimi", "prej", "pocetok", "datum na pocetok",
    ),
    "ends_on": (
        "end", "end date", "to", "until", "datum zavrsetka", "zavrsetak", "do", "kraj",
        "data e perfundimit", "mbarimi", "deri", "datum na zavrsuvanje",
    ),
    "place": (
        "place", "location", "venue", "mjesto", "mesto", "lokacija", "vendi", "lokacioni",
        "vendndodhja",
    ),
    "partners": ("partners", "partner", "partneri", "partneret", "partnerite"),
    "pillars": ("pillars", "pillar", "stubovi", "stupovi", "shtyllat", "shtylla", "stolbovi"),
    "youth_led": (
        "youth led", "led by youth", "vode mladi", "predvode mladi", "vodjeno od mladih",
        "udhehequr nga te rinjte", "predvodeno od mladi", "mladinsko",
    ),
    "participants_total": (
        "participants", "total participants", "number of participants", "total",
        "ukupno ucesnika", "broj ucesnika", "ucesnici", "sudionici", "broj sudionika",
        "ukupno", "pjesemarres", "pjesemarresit", "numri i pjesemarresve", "gjithsej",
        "vkupno", "vkupno ucesnici",
    ),
    "marginalised": (
        "marginalised", "marginalized", "marginalised groups", "marginalizovane grupe",
        "marginalizirane skupine", "marginalizovani", "margjinalizuar",
        "grupe te margjinalizuara", "marginalizirani grupi",
    ),
    "outcome": ("outcome", "result", "results", "ishod", "rezultat", "rezultati",
                "rezultatet", "ishodi"),
    "fed_into_decision": (
        "fed into decision", "influenced a decision", "uticalo na odluku",
        "doprinijelo odluci", "ndikoi ne vendim", "vlijaese na odluka",
    ),
    "decision_note": ("decision", "which decision", "odluka", "koja odluka", "vendimi",
                      "cili vendim", "odluka ili plan"),
    **_grid(),
}

# --- trainings, community activities, engagements ----------------------------------------------

TITLE = ("title", "name", "naziv", "naslov", "titulli", "emri")
STARTS = (
    "date", "start", "start date", "from", "datum", "datum pocetka", "pocetak", "od",
    "data", "data e fillimit", "fillimi", "prej", "pocetok", "datum na pocetok",
)
ENDS = (
    "end", "end date", "to", "until", "datum zavrsetka", "zavrsetak", "do", "kraj",
    "data e perfundimit", "mbarimi", "deri", "datum na zavrsuvanje",
)
PLACE = ("place", "location", "venue", "mjesto", "mesto", "lokacija", "vendi", "lokacioni",
         "vendndodhja")
PILLARS = ("pillars", "pillar", "stubovi", "stupovi", "shtyllat", "shtylla", "stolbovi")
# "Tema" alone is more often a training's free-text topic than its coded themes.
THEMES = ("themes", "theme", "teme", "temat", "temi", "temite")
PARTNERS = ("partners", "partner", "partneri", "partneret", "partnerite")
TOTAL = (
    "participants", "total participants", "number of participants", "total",
    "ukupno ucesnika", "broj ucesnika", "ucesnici", "sudionici", "broj sudionika",
    "ukupno", "pjesemarres", "pjesemarresit", "numri i pjesemarresve", "gjithsej",
    "vkupno", "vkupno ucesnici",
)
_INCLUSION_WORDS: dict[str, tuple[str, ...]] = {
    "inc_roma": ("roma", "romi", "romet", "romi i drugi", "roma egjiptian ashkali"),
    "inc_disability": (
        "disability", "persons with disabilities", "osobe s invaliditetom",
        "osobe sa invaliditetom", "lica sa invaliditetom", "invaliditet", "pak",
        "persona me aftesi te kufizuara", "lica so poprecenost", "poprecenost",
    ),
    "inc_returnee": ("returnees", "povratnici", "te kthyer", "te rikthyer", "povratnici semejstva"),
    # Not "selo" or "fshat" alone: a column of that name holds the village, not a count.
    "inc_rural_border": ("rural", "ruralno", "rurale", "ruralni", "ruralna podrucja",
                         "zona rurale", "ruralni podracja"),
}


def _inclusion() -> dict[str, tuple[str, ...]]:
    return {
        name: tuple(w for word in words for w in (word, f"inkluzija {word}", f"inclusion {word}",
                                                   f"perfshirja {word}", f"vkluchenost {word}"))
        for name, words in _INCLUSION_WORDS.items()
    }


_PROFESSION_WORDS: dict[str, tuple[str, ...]] = {
    Profession.TEACHER: ("teachers", "nastavnici", "ucitelji", "profesori", "mesues", "mesuesit",
                         "mesuese", "nastavnici i profesori"),
    Profession.SCHOOL_PSYCHOLOGIST: ("psychologists", "pedagogues", "psiholozi", "pedagozi",
                                     "psiholozi i pedagozi", "strucni saradnici", "psikologe",
                                     "psikologet", "pedagoget", "strucni sorabotnici"),
    Profession.SOCIAL_WORKER: ("social workers", "socijalni radnici", "socijalni rabotnici",
                               "punonjes social", "punonjesit social", "csr"),
    Profession.HEALTH_WORKER: ("health workers", "zdravstveni radnici", "medicinski radnici",
                               "zdravstveni rabotnici", "punonjes shendetesor",
                               "punonjesit shendetesore"),
    Profession.MUNICIPAL_OFFICIAL: ("municipal officials", "opstinski sluzbenici",
                                    "opcinski sluzbenici", "sluzbenici",
                                    "zyrtare komunale", "zyrtaret komunale", "zyrtare"),
    Profession.ELECTED_OFFICIAL: ("elected officials", "councillors", "odbornici", "vijecnici",
                                  "vecnici", "izabrani zvanicnici", "izabrani duznosnici",
                                  "keshilltare", "keshilltaret", "sovetnici"),
    Profession.POLICE: ("police", "policija", "policajci", "policia", "policia e shtetit"),
    Profession.RELIGIOUS_LEADER: ("religious leaders", "vjerski lideri", "verski lideri",
                                  "vjerski sluzbenici", "verski sluzbenici", "udheheqes fetare",
                                  "klerike", "verski vodaci"),
    Profession.YOUTH_WORKER: ("youth workers", "omladinski radnici", "radnici s mladima",
                              "mladinski rabotnici", "punonjes rinor", "punonjesit e rinise"),
    Profession.CIVIL_SOCIETY: ("civil society", "ngo", "nvo", "civilno drustvo",
                               "udruzenja", "udruge", "shoqeria civile", "ojq", "gragjansko"),
    Profession.MEDIA: ("media", "mediji", "novinari", "journalists", "gazetare", "mediumi"),
    Profession.OTHER: ("other professions", "ostali", "drugi", "te tjere", "ostanati"),
}
_ADULT_GENDER_WORDS: dict[str, tuple[str, ...]] = {
    Gender.FEMALE: ("female", "f", "women", "z", "zene", "zenski", "zensko", "zheni", "femra",
                    "gra"),
    Gender.MALE: ("male", "m", "men", "muskarci", "muski", "musko", "mazi", "mashkull",
                  "meshkuj", "burra"),
    Gender.OTHER: ("other", "ostalo", "drugo", "nije navedeno", "tjeter", "drugo ne e navedeno"),
}


def _professions() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for profession, p_words in _PROFESSION_WORDS.items():
        for gender, g_words in _ADULT_GENDER_WORDS.items():
            out[profession_column(profession, gender)] = tuple(
                text for p in p_words for g in g_words for text in (f"{p} {g}", f"{g} {p}")
            )
    return out


TRAININGS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "title": (*TITLE, "training", "training title", "naziv obuke", "obuka", "trening",
              "naziv treninga", "trajnimi", "titulli i trajnimit", "emri i trajnimit"),
    "topic": ("topic", "subject", "tema", "tema obuke", "oblast", "tematika", "lenda",
              "tema e trajnimit"),
    "format": ("format", "mode", "nacin", "nacin izvodjenja", "oblik", "forma", "menyra"),
    "starts_on": STARTS,
    "ends_on": ENDS,
    "place": PLACE,
    "organiser": ("organiser", "organizer", "organised by", "organizator", "organizatori",
                  "u organizaciji", "organizues", "organizuar nga"),
    "trainer_name": ("trainer", "trainers", "facilitator", "trener", "treneri", "edukator",
                     "predavac", "fasilitator", "trajner", "trajneri", "predavach"),
    "pillars": PILLARS,
    "themes": THEMES,
    "train_the_trainer": ("train the trainer", "tot", "obuka trenera", "obuka za trenere",
                          "trajnim per trajnere", "obuka na treneri"),
    "notes": ("notes", "note", "remarks", "comment", "comments", "napomena", "napomene",
              "biljeske", "beleske", "zabeleski", "komentar", "shenime", "shenim", "verejtje"),
    **_professions(),
    **_inclusion(),
}

COMMUNITY_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "title": (*TITLE, "activity", "activity name", "naziv aktivnosti", "aktivnost",
              "aktiviteti", "emri i aktivitetit", "naziv na aktivnosta"),
    "activity_type": ("type", "activity type", "tip", "vrsta", "vrsta aktivnosti",
                      "tip aktivnosti", "lloji", "lloji i aktivitetit", "vid na aktivnost"),
    "audiences": ("audiences", "audience", "target group", "with", "who took part",
                  "ciljne grupe", "ciljna grupa", "ciljne skupine", "publika",
                  "grupet e synuara", "grupi i synuar", "celni grupi", "ko je ucestvovao",
                  "tko je sudjelovao", "kush mori pjese", "koj ucestvuvase"),
    "starts_on": STARTS,
    "ends_on": ENDS,
    "place": PLACE,
    "partners": PARTNERS,
    "pillars": PILLARS,
    "themes": THEMES,
    "participants_total": TOTAL,
    "n_female": ("female", "women", "zene", "zena", "z", "zenski", "femra", "gra", "zheni"),
    "n_male": ("male", "men", "muskarci", "m", "muski", "meshkuj", "burra", "mazi"),
    "n_other": ("other", "ostalo", "drugo", "nije navedeno", "tjeter", "te tjere"),
    "outcome": ("outcome", "result", "results", "ishod", "rezultat", "rezultati",
                "rezultatet", "ishodi"),
    **_inclusion(),
}

ENGAGEMENTS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "counterpart": (
        "counterpart", "institution", "body", "partner institution", "institucija",
        "organ", "sagovornik", "sugovornik", "institucioni", "pala", "pala tjeter",
        "institucija sogovornik",
    ),
    "level": ("level", "nivo", "razina", "nivoi", "niveli", "nivo vlasti", "razina vlasti",
              "niveli i qeverisjes", "nivo na vlast"),
    "kind": ("kind", "type", "vrsta", "tip", "nacin", "lloji", "forma", "vid", "oblik saradnje",
             "oblik suradnje", "vrsta angazmana"),
    "engaged_on": ("date", "datum", "data", "dan", "when", "kada", "kur"),
    "pillars": PILLARS,
    "themes": THEMES,
    "raised": ("raised", "topic", "issue", "request", "sto je grad trazio", "pitanje",
               "zahtjev", "zahtev", "pitanja", "ceshtja", "kerkesa", "ceshtjet", "prashanje",
               "baranje"),
    "answer": ("answer", "response", "reply", "odgovor", "odgovori", "pergjigje",
               "pergjigjja", "povratna informacija"),
    "follow_up_on": ("follow up", "follow up date", "next step", "pracenje", "datum pracenja",
                     "sljedeci korak", "sledeci korak", "ndjekja", "data e ndjekjes",
                     "sledenje", "naredni korak"),
    "follow_up_done": ("followed up", "done", "completed", "zavrseno", "uradjeno", "izvrseno",
                       "kryer", "perfunduar", "zavrseno pracenje", "ndjekur"),
}

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "members": MEMBERS,
    "youth_activities": YOUTH_ACTIVITIES,
    "trainings": TRAININGS,
    "community_activities": COMMUNITY_ACTIVITIES,
    "engagements": ENGAGEMENTS,
}
# fmt: on
