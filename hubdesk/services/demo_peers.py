"""The demo's peer learning: exchanges between the three demo cities, and good practices.

Kumanovo, Elbasan and Novi Pazar (the cities of ``hubdesk demo --role hub``) each record their
own part of the exchanges they took part in, in their own language and spelling of the others'
names, so that the hub joins the parts of one exchange automatically; the joint training in
Novi Pazar is recorded by Novi Pazar alone (the hub shows it as not confirmed by Elbasan).
Kumanovo and Elbasan each had a good practice accepted and published by the hub, Kumanovo keeps
a draft and Novi Pazar's waits for the hub. The published practices and the hub's answers are
written in the demo hub's name with stamps that depend only on ``today``, so every city holds the
very same published rows and the hub claims them as its own (``hubdemo.claim_hub_rows``).
Recorded data, not interface text: it is not translated.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.hlc import pack
from hubdesk.domain.peers import CurationDecision, ExchangeKind, ExchangeRole, PracticeStatus
from hubdesk.services.demo_data import MUNICIPALITY_NAME
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, Row, at

NAMESPACE = uuid.UUID("9a0c3f4e-51d2-4b8e-a6c7-2f1e0d9b8c71")
KUMANOVO, ELBASAN, NOVI_PAZAR = MUNICIPALITY_NAME, "Elbasan", "Нови Пазар"
COUNTRY = {KUMANOVO: "MK", ELBASAN: "AL", NOVI_PAZAR: "RS"}

# (city, role, kind, first day before today, days, host as typed, others as typed, topic,
#  participants, women, learned, follow-up, themes)
PARTS: tuple[tuple[Any, ...], ...] = (
    (KUMANOVO, "host", "study_visit", 200, 2, "", ["Елбасан", "Нови Пазар"],
     "Младинскиот совет и Советот за безбедност во заедницата работат заедно", 9, 5,
     "Гостите побараа примерок од нашиот заеднички протокол за упатување.",
     "Ќе го испратиме протоколот преведен на албански и српски.", ["polarisation"]),
    (ELBASAN, "visitor", "study_visit", 200, 2, "Kumanovo", ["Novi Pazar"],
     "Këshilli Rinor dhe Këshilli i Sigurisë në Komunitet", 4, 2,
     "Protokolli i përbashkët i referimit ndihmon shkollat të reagojnë shpejt.",
     "Ta provojmë protokollin në dy shkolla të mesme.", ["polarisation"]),
    (NOVI_PAZAR, "visitor", "study_visit", 199, 1, "Куманово", ["Elbasan"],
     "Omladinski savet i Savet za bezbednost zajednice", 3, 1,
     "Saradnja škola i centra za socijalni rad počinje od zajedničkog protokola.",
     "Predstaviti protokol Opštinskom veću.", ["polarisation"]),
    (ELBASAN, "host", "peer_review", 120, 3, "", ["Kumanovo"],
     "Rishikim nga kolegët i planit vendor të veprimit", 6, 3,
     "Plani ka nevojë për tregues më të qartë për të rinjtë.",
     "Plani i rishikuar para Këshillit Bashkiak në vjeshtë.", ["hate_speech"]),
    (KUMANOVO, "visitor", "peer_review", 119, 2, "Елбасан", [],
     "Рецензија на локалниот акциски план на Елбасан", 3, 2,
     "Нивните индикатори за училиштата се едноставни и мерливи.",
     "Да ги користиме истите индикатори во нашиот годишен извештај.", ["hate_speech"]),
    (NOVI_PAZAR, "host", "joint_training", 60, 1, "", ["Elbasan"],
     "Zajednička obuka: govor mržnje na internetu", 12, 7,
     "Nastavnici traže kratke vodiče za razgovor sa roditeljima.",
     "Druga obuka u proleće, u Elbasanu.", ["hate_speech", "online_radicalisation"]),
)  # fmt: skip


def _id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


# The practices: author, key, language, state, days before today it was last written,
# published this many days before today (None: not published), texts.
PRACTICES: tuple[dict[str, Any], ...] = (
    {
        "city": KUMANOVO, "key": "corridors", "language": "mk", "days": 50, "published": 30,
        "status": PracticeStatus.SUBMITTED.value,
        "title": "Безбедни патишта до училиште",
        "pillar": Pillar.COOPERATION.value, "themes": [Theme.POLARISATION.value],
        "context": "Две средни училишта во централното подрачје, ученици од три заедници.",
        "problem": "Тепачки и навреди по етничка основа на патот од училиште до "
                   "автобуската станица.",
        "actions": "Наставници, родители и локалната полиција ги поминуваат патиштата во "
                   "пладневните часови; учениците ги мапираа опасните места.",
        "partners": "Две средни училишта, Совет на родители, Полициска станица Куманово",
        "results": "Пријавените инциденти паднаа од 14 на 4 во една учебна година.",
        "cost": 180_000_00, "currency": "MKD",
        "adapt": "Училиште подготвено да ја води мапата и договор со полицијата за улогите.",
        "contact_role": "Координатор на Тимот за акција во заедницата",
        "summary": "Teachers, parents and the local police walk the routes between two "
                   "secondary schools and the bus station at midday; incidents fell from 14 "
                   "to 4 in one school year.",
        "summary_local": "Наставници, родители и полиција заедно ги чуваат патиштата до училиште.",
        "summary_language": "mk",
    },
    {
        "city": KUMANOVO, "key": "budget", "language": "mk", "days": 10, "published": None,
        "status": PracticeStatus.DRAFT.value,
        "title": "Младински буџет во месните заедници",
        "pillar": Pillar.YOUTH_ENGAGEMENT.value, "themes": [],
        "context": "Пет месни заедници со мали средства за млади.", "problem": "", "actions": "",
        "partners": "Локален младински совет", "results": "", "cost": 0, "currency": "MKD",
        "adapt": "", "contact_role": "",
    },
    {
        "city": ELBASAN, "key": "youth-council", "language": "sq", "days": 40, "published": 20,
        "status": PracticeStatus.SUBMITTED.value,
        "title": "Këshilli Rinor vendos për një pjesë të buxhetit",
        "pillar": Pillar.YOUTH_ENGAGEMENT.value, "themes": [Theme.POLARISATION.value],
        "context": "Bashkia ka një Këshill Rinor që mblidhej rrallë dhe nuk kishte ndikim.",
        "problem": "Të rinjtë nuk besonin se mendimi i tyre ndryshon diçka.",
        "actions": "Këshilli Bashkiak i dha Këshillit Rinor të vendosë për 2% të buxhetit "
                   "për aktivitete rinore, me votim të hapur në shkolla.",
        "partners": "Drejtoria Arsimore, organizatat rinore vendore",
        "results": "Tetë projekte të zgjedhura nga 1 200 nxënës; pjesëmarrja në mbledhje "
                   "u trefishua.",
        "cost": 1_500_000, "currency": "ALL",
        "adapt": "Një vendim i Këshillit Bashkiak dhe një rregullore e thjeshtë votimi.",
        "contact_role": "Specialisti për rininë në bashki",
        "summary": "The municipal council lets the youth council decide on 2% of the budget "
                   "for youth activities, by an open vote in schools; eight projects were "
                   "chosen by 1,200 pupils.",
        "summary_local": "", "summary_language": "",
    },
    {
        "city": NOVI_PAZAR, "key": "media-literacy", "language": "sr_Latn", "days": 8,
        "published": None, "status": PracticeStatus.SUBMITTED.value,
        "title": "Medijska pismenost za nastavnike",
        "pillar": Pillar.CAPACITY_BUILDING.value, "themes": [Theme.ONLINE_RADICALISATION.value],
        "context": "Nastavnici se sve češće sreću sa sadržajima mržnje koje učenici dele.",
        "problem": "Nastavnici ne znaju kako da razgovaraju o tome bez osude.",
        "actions": "Tri radionice za 40 nastavnika sa novinarima lokalnog radija.",
        "partners": "Lokalni radio, Školska uprava", "results": "Četiri škole uvele čas o vestima.",
        "cost": 300_000, "currency": "RSD",  # dinars: the dinar has no minor digits here
        "adapt": "Dva novinara spremna da rade sa nastavnicima.",
        "contact_role": "Koordinator Saveta za bezbednost",
    },
)  # fmt: skip


def _hub_meta(record_id: str, moment: dt.datetime) -> Row:
    return {
        "id": record_id,
        "origin": DEMO_HUB_INSTALLATION_ID,
        "version": pack(int(moment.timestamp() * 1000), 0),
        "base_version": None,
        "updated_by": DEMO_HUB_INSTALLATION_ID,
        "updated_at": moment,
        "deleted": False,
    }


def published_row(practice: dict[str, Any], today: dt.date) -> Row:
    """The practice as the hub published it (the same row in every demo city)."""
    day = today - dt.timedelta(days=practice["published"])
    return {
        **_hub_meta(_id("published " + practice["key"]), at(day, 12)),
        "source_id": _id("practice " + practice["key"]),
        "municipality_name": practice["city"],
        "country": COUNTRY[practice["city"]],
        "themes": list(practice["themes"]),
        **_texts(practice),
        "summary_en": practice["summary"],
        "summary_local": practice["summary_local"],
        "summary_language": practice["summary_language"],
        "published_on": day,
        "hub_signature": None,
    }


def _texts(practice: dict[str, Any]) -> Row:
    names = ("title", "language", "pillar", "context", "problem", "actions", "partners")
    return {
        **{n: practice[n] for n in names},
        "results": practice["results"],
        "cost_minor": practice["cost"],
        "currency": practice["currency"],
        "adapt": practice["adapt"],
        "contact_role": practice["contact_role"],
    }


def build_peers(block: Block) -> None:
    """The first block of a demo city holds its exchanges and practices and the practices
    the hub published; other blocks (``--scale``) add nothing."""
    if block.index != 0:
        return
    plan = block.plan
    for (
        city,
        role,
        kind,
        before,
        days,
        host,
        others,
        topic,
        n,
        women,
        learned,
        follow,
        themes,
    ) in PARTS:
        if city != plan.name:
            continue
        starts = plan.today - dt.timedelta(days=before)
        block.add(
            "exchange_parts",
            block.later(starts + dt.timedelta(days=days + 2)),
            {
                "municipality_id": plan.municipality_id,
                "role": ExchangeRole(role).value,
                "kind": ExchangeKind(kind).value,
                "host_name": host,
                "partner_names": others,
                "starts_on": starts,
                "ends_on": starts + dt.timedelta(days=days - 1),
                "topic": topic,
                "pillar": Pillar.PEER_LEARNING.value,
                "themes": themes,
                "participants": n,
                "participants_women": women,
                "learned": learned,
                "follow_up": follow,
            },
        )
    for practice in PRACTICES:
        if practice["city"] == plan.name:
            _own_practice(block, practice)
        if practice["published"] is not None:
            block.rows["published_practices"].append(published_row(practice, plan.today))


def _own_practice(block: Block, practice: dict[str, Any]) -> None:
    plan = block.plan
    written = plan.today - dt.timedelta(days=practice["days"])
    submitted = practice["status"] == PracticeStatus.SUBMITTED.value
    block.add(
        "good_practices",
        block.later(written),
        {
            "municipality_id": plan.municipality_id,
            "proposal_id": None,
            "themes": list(practice["themes"]),
            **_texts(practice),
            "status": practice["status"],
            "submission": 1 if submitted else 0,
        },
        record_id=_id("practice " + practice["key"]),
    )
    if practice["published"] is None:
        return
    answered = written + dt.timedelta(days=(practice["days"] - practice["published"]) // 2)
    block.rows["practice_curations"].append(
        {
            **_hub_meta(_id("curation " + practice["key"]), at(answered, 11)),
            "practice_id": _id("practice " + practice["key"]),
            "submission": 1,
            "decision": CurationDecision.ACCEPTED.value,
            "note": "",
            "summary": practice["summary"],
            "hub_signature": None,
        }
    )
