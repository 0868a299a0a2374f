"""The demo's engagements and help desk requests, in each municipality's own language.

Every demo municipality records a handful of engagements (a ministry, a regional body, a
neighbouring city, an international mission) with follow-ups due, overdue, done and none, and
has asked the hub five questions whose states cover every one: closed after an answer, answered,
answered the same day (urgent), overdue (no answer in its time) and open (asked days ago). The
hub's answers are stamped with the demo hub's installation id, like its comments on proposals,
so ``hubdesk demo --role hub`` claims them and signs them when it exports.

Dates are counted back from the demo's "today", so the states hold whatever day it is built.
A generator of its own keeps every other demo row exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from hubdesk.domain.enums import Role
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, at, seeded_uuid

M, H = Role.MUNICIPALITY.value, Role.HUB.value


class Contact(NamedTuple):
    counterpart: str
    level: str
    kind: str
    pillars: tuple[str, ...]
    themes: tuple[str, ...]
    raised: str
    answer: str


class Question(NamedTuple):
    topic: str
    subject: str
    question: str
    answer: str
    follow_up: str  # the city's word after the answer ("" for none)


class Texts(NamedTuple):
    focal: str
    officer: str
    contacts: tuple[Contact, ...]
    questions: tuple[Question, ...]


# (days ago engaged, follow-up in days from today or None, done)
ENGAGEMENT_DAYS: tuple[tuple[int, int | None, bool], ...] = (
    (40, 7, False),  # follow-up due within the week
    (75, -10, False),  # follow-up overdue
    (120, -60, True),  # followed up
    (20, None, False),  # nothing to follow up
)
# Per question: urgency, days ago asked, days to the answer (None: none yet), closed
QUESTION_PLAN: tuple[tuple[str, int, int | None, bool], ...] = (
    ("normal", 110, 4, True),  # closed
    ("normal", 35, 6, False),  # answered
    ("urgent", 9, 0, False),  # answered the same day
    ("normal", 25, None, False),  # overdue
    ("low", 3, None, False),  # open
)

TEXTS: dict[str, Texts] = {
    "MK": Texts(
        "Ана Петровска",
        "Марко Илиевски",
        (
            Contact(
                "Министерство за образование и наука", "national", "consultation",
                ("cooperation", "city_voices"), ("hate_speech",),
                "Побаравме училишен психолог во секое средно училиште и обука за говор на "
                "омраза за наставниците.",
                "Министерството ќе го вклучи Куманово во пилот-програмата од есента.",
            ),
            Contact(
                "Центар за развој на Североисточниот плански регион", "regional", "meeting",
                ("cooperation",), ("polarisation",),
                "Заеднички младински настани со Крива Паланка и Кратово.",
                "Центарот ќе ги покрие трошоците за превоз за два настани.",
            ),
            Contact(
                "Општина Липково", "local", "joint_activity",
                ("cooperation", "youth_engagement"), ("interreligious_dialogue",),
                "Заеднички турнир за млади од двете општини.",
                "Турнирот се одржа со 120 учесници.",
            ),
            Contact(
                "Мисија на ОБСЕ во Скопје", "international", "written_input",
                ("city_voices",), ("online_radicalisation",),
                "Писмен придонес за извештајот за безбедноста на младите на интернет.",
                "",
            ),
        ),
        (
            Question(
                "fund", "Кофинансирање во натура",
                "Дали салата што општината ја дава бесплатно може да се смета како "
                "кофинансирање?",
                "Да, по вообичаената цена на закупот; приложете го ценовникот.",
                "Благодариме, тоа е доволно.",
            ),
            Question(
                "data_reporting", "Бројки по пол на настани на отворено",
                "Како да ги броиме учесниците на настан на плоштад каде нема список?",
                "Проценете го бројот со двајца броители и запишете дека е проценка.", "",
            ),
            Question(
                "policy", "Изјава за медиуми по инцидент",
                "По инцидентот во училиштето новинарите бараат изјава. Што смее да каже "
                "тимот?",
                "Само потврдени факти, без имиња и без детали за децата; упатете ги на "
                "полицијата.", "",
            ),
            Question(
                "methodology", "Протокол за упатување",
                "Дали имате модел-протокол за упатување од училиштата до центарот за "
                "социјална работа?",
                "", "",
            ),
            Question(
                "software", "Извештај на англиски",
                "Може ли кварталниот извештај да се отпечати и на англиски за донаторот?",
                "", "",
            ),
        ),
    ),
    "AL": Texts(
        "Arta Hoxha",
        "Elira Gashi",
        (
            Contact(
                "Ministria e Arsimit dhe Sportit", "national", "consultation",
                ("cooperation", "city_voices"), ("hate_speech",),
                "Kërkuam psikolog shkollor në çdo shkollë të mesme dhe trajnim për gjuhën e "
                "urrejtjes për mësuesit.",
                "Ministria do ta përfshijë Elbasanin në programin pilot nga vjeshta.",
            ),
            Contact(
                "Këshilli i Qarkut Elbasan", "regional", "meeting",
                ("cooperation",), ("polarisation",),
                "Aktivitete të përbashkëta rinore me Librazhdin dhe Peqinin.",
                "Këshilli do të mbulojë transportin për dy aktivitete.",
            ),
            Contact(
                "Bashkia Cërrik", "local", "joint_activity",
                ("cooperation", "youth_engagement"), ("interreligious_dialogue",),
                "Turne e përbashkët për të rinjtë e dy bashkive.",
                "Turneu u mbajt me 120 pjesëmarrës.",
            ),
            Contact(
                "Prezenca e OSBE-së në Shqipëri", "international", "written_input",
                ("city_voices",), ("online_radicalisation",),
                "Kontribut me shkrim për raportin mbi sigurinë e të rinjve në internet.",
                "",
            ),
        ),
        (
            Question(
                "fund", "Bashkëfinancim në natyrë",
                "A mund të llogaritet si bashkëfinancim salla që bashkia e jep falas?",
                "Po, me çmimin e zakonshëm të qirasë; bashkëngjitni listën e çmimeve.",
                "Faleminderit, kjo mjafton.",
            ),
            Question(
                "data_reporting", "Numrat sipas gjinisë në aktivitete në shesh",
                "Si t'i numërojmë pjesëmarrësit në një aktivitet në shesh ku nuk ka listë?",
                "Vlerësojeni me dy numërues dhe shënoni se është vlerësim.", "",
            ),
            Question(
                "policy", "Deklaratë për mediat pas incidentit",
                "Pas incidentit në shkollë gazetarët kërkojnë një deklaratë. Çfarë mund të "
                "thotë këshilli?",
                "Vetëm fakte të konfirmuara, pa emra dhe pa hollësi për fëmijët; drejtojini "
                "te policia.", "",
            ),
            Question(
                "methodology", "Protokolli i referimit",
                "A keni një model protokolli referimi nga shkollat te shërbimi social?",
                "", "",
            ),
            Question(
                "software", "Raporti në anglisht",
                "A mund ta shtypim raportin tremujor edhe në anglisht për donatorin?",
                "", "",
            ),
        ),
    ),
    "RS": Texts(
        "Мирјана Јовановић",
        "Никола Радовић",
        (
            Contact(
                "Министарство просвете", "national", "consultation",
                ("cooperation", "city_voices"), ("hate_speech",),
                "Тражили смо школског психолога у свакој средњој школи и обуку наставника о "
                "говору мржње.",
                "Министарство ће укључити Нови Пазар у пилот-програм од јесени.",
            ),
            Contact(
                "Регионална развојна агенција Златибор", "regional", "meeting",
                ("cooperation",), ("polarisation",),
                "Заједничке активности за младе са Тутином и Сјеницом.",
                "Агенција ће покрити превоз за две активности.",
            ),
            Contact(
                "Општина Тутин", "local", "joint_activity",
                ("cooperation", "youth_engagement"), ("interreligious_dialogue",),
                "Заједнички турнир за младе из обе општине.",
                "Турнир је одржан са 120 учесника.",
            ),
            Contact(
                "Мисија ОЕБС у Србији", "international", "written_input",
                ("city_voices",), ("online_radicalisation",),
                "Писани допринос извештају о безбедности младих на интернету.",
                "",
            ),
        ),
        (
            Question(
                "fund", "Суфинансирање у натури",
                "Да ли се сала коју општина даје бесплатно може рачунати као суфинансирање?",
                "Да, по уобичајеној цени закупа; приложите ценовник.",
                "Хвала, то је довољно.",
            ),
            Question(
                "data_reporting", "Бројеви по полу на догађајима на отвореном",
                "Како да бројимо учеснике догађаја на тргу где нема списка?",
                "Процените број са два бројача и запишите да је процена.", "",
            ),
            Question(
                "policy", "Изјава за медије после инцидента",
                "После инцидента у школи новинари траже изјаву. Шта савет сме да каже?",
                "Само потврђене чињенице, без имена и без детаља о деци; упутите их на "
                "полицију.", "",
            ),
            Question(
                "methodology", "Протокол упућивања",
                "Имате ли модел протокола упућивања из школа центру за социјални рад?",
                "", "",
            ),
            Question(
                "software", "Извештај на енглеском",
                "Може ли се квартални извештај одштампати и на енглеском за донатора?",
                "", "",
            ),
        ),
    ),
    "BA": Texts(
        "Amra Hodžić",
        "Nikola Radović",
        (
            Contact(
                "Ministarstvo obrazovanja Kantona", "regional", "consultation",
                ("cooperation", "city_voices"), ("hate_speech",),
                "Tražili smo školskog psihologa u svakoj srednjoj školi i obuku nastavnika o "
                "govoru mržnje.",
                "Ministarstvo će uključiti općinu u pilot-program od jeseni.",
            ),
            Contact(
                "Ministarstvo sigurnosti BiH", "national", "meeting",
                ("cooperation",), ("polarisation",),
                "Lokalni akcioni plan prevencije i njegovo finansiranje.",
                "Ministarstvo će plan uvrstiti u državnu strategiju.",
            ),
            Contact(
                "Susjedna općina", "local", "joint_activity",
                ("cooperation", "youth_engagement"), ("interreligious_dialogue",),
                "Zajednički turnir za mlade iz obje općine.",
                "Turnir je održan sa 120 učesnika.",
            ),
            Contact(
                "Misija OSCE-a u BiH", "international", "written_input",
                ("city_voices",), ("online_radicalisation",),
                "Pisani doprinos izvještaju o sigurnosti mladih na internetu.",
                "",
            ),
        ),
        (
            Question(
                "fund", "Sufinansiranje u naturi",
                "Može li se sala koju općina daje besplatno računati kao sufinansiranje?",
                "Da, po uobičajenoj cijeni zakupa; priložite cjenovnik.",
                "Hvala, to je dovoljno.",
            ),
            Question(
                "data_reporting", "Brojevi po spolu na događajima na otvorenom",
                "Kako da brojimo učesnike događaja na trgu gdje nema spiska?",
                "Procijenite broj sa dva brojača i zapišite da je procjena.", "",
            ),
            Question(
                "policy", "Izjava za medije nakon incidenta",
                "Nakon incidenta u školi novinari traže izjavu. Šta tim smije reći?",
                "Samo potvrđene činjenice, bez imena i bez detalja o djeci; uputite ih na "
                "policiju.", "",
            ),
            Question(
                "methodology", "Protokol upućivanja",
                "Imate li model protokola upućivanja iz škola centru za socijalni rad?",
                "", "",
            ),
            Question(
                "software", "Izvještaj na engleskom",
                "Može li se kvartalni izvještaj odštampati i na engleskom za donatora?",
                "", "",
            ),
        ),
    ),
}  # fmt: skip
TEXTS["XK"] = TEXTS["AL"]
TEXTS["ME"] = TEXTS["BA"]


def build_helpdesk(block: Block) -> None:
    """The engagements and requests, once per demo (with the first team's block)."""
    if block.index != 0:
        return
    plan = block.plan
    rng = random.Random(f"hubdesk-demo-helpdesk:{plan.seed}:{plan.municipality_id}")
    texts = TEXTS.get(plan.country, TEXTS["MK"])
    last = plan.today - dt.timedelta(days=1)
    for contact, (ago, follow, done) in zip(texts.contacts, ENGAGEMENT_DAYS, strict=True):
        day = plan.today - dt.timedelta(days=ago)
        block.add(
            "engagements",
            at(min(day + dt.timedelta(days=1), last), 11),
            {
                "municipality_id": plan.municipality_id,
                "counterpart": contact.counterpart,
                "level": contact.level,
                "kind": contact.kind,
                "engaged_on": day,
                "pillars": list(contact.pillars),
                "themes": list(contact.themes),
                "raised": contact.raised,
                "answer": contact.answer,
                "follow_up_on": plan.today + dt.timedelta(days=follow) if follow else None,
                "follow_up_done": done,
            },
            record_id=seeded_uuid(rng),
        )
    for question, (urgency, ago, answer_after, closed) in zip(
        texts.questions, QUESTION_PLAN, strict=True
    ):
        asked = plan.today - dt.timedelta(days=ago)
        answered = asked + dt.timedelta(days=answer_after) if answer_after is not None else None
        closed_on = answered + dt.timedelta(days=2) if closed and answered else None
        request = block.add(
            "helpdesk_requests",
            at(closed_on or asked, 10),
            {
                "municipality_id": plan.municipality_id,
                "topic": question.topic,
                "urgency": urgency,
                "subject": question.subject,
                "question": question.question,
                "asked_on": asked,
                "asked_by": texts.focal,
                "closed_on": closed_on,
            },
            record_id=seeded_uuid(rng),
        )
        if answered is None:
            continue
        words = [(H, texts.officer, question.answer, at(answered, 15))]
        if question.follow_up:
            words.append((M, texts.focal, question.follow_up, at(answered + dt.timedelta(1), 9)))
        for role, name, body, moment in words:
            block.add(
                "helpdesk_messages",
                moment,
                {
                    "request_id": request["id"],
                    "author_role": role,
                    "author_name": name,
                    "written_at": min(moment, plan.cutoff),
                    "body": body,
                    "hub_signature": None,
                },
                author=DEMO_HUB_INSTALLATION_ID if role == H else None,
                record_id=seeded_uuid(rng),
            )
