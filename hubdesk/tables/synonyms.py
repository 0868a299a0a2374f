"""Header words people write in their own spreadsheets, for guessing which column is which.

HubDesk's own headers in all eight languages come from the catalogs (see ``mapping``); these are
the other ways offices of the region title the same columns. They are compared after
``mapping.normalize`` (lower case, no diacritics, Cyrillic written in Latin letters), so one
Latin spelling covers Serbian Latin and Cyrillic, Bosnian, Croatian, Montenegrin and most of
Macedonian. Not shown to anyone, so not translated.
"""

from __future__ import annotations

from hubdesk.domain.enums import AgeBand, Gender, count_column

# fmt: off
TEAM = ("team", "tim", "timi", "ekipi", "ekip", "grupa")

MEMBERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "hubdesk id"),
    "team_id": TEAM,
    "name": (
        "name", "full name", "name and surname", "first and last name", "person", "member",
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

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "members": MEMBERS,
    "youth_activities": YOUTH_ACTIVITIES,
}
# fmt: on
