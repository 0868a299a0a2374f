"""Demo data of issue 14's inclusion part: community activities with adults, themes on the
meetings, youth activities and proposals, and youth participants by inclusion group.

Run after every other builder of a block and with its own random stream, so the demo's other
records come out exactly as before. Texts are in the municipality's own language (Macedonian in
Kumanovo, Albanian in Elbasan, Serbian in Novi Pazar).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY
from hubdesk.services.demo_rows import Block, Row, at, in_order, seeded_uuid

COMMUNITY_ACTIVITIES = (14, 22)  # per team over the three years


class Words(NamedTuple):
    titles: dict[str, tuple[str, ...]]  # audience -> titles
    places: tuple[str, ...]
    partners: tuple[str, ...]
    outcomes: tuple[str, ...]


MK = Words(
    titles={
        "women_groups": (
            "Средба со женската група за родово засновано насилство",
            "Работилница со жени од руралните населби",
        ),
        "religious_communities": (
            "Меѓурелигиски дијалог со верските заедници",
            "Тркалезна маса со верските водачи за говорот на омраза",
        ),
        "parents": (
            "Родителска вечер: децата и радикализацијата на интернет",
            "Совет на родители за безбедност во училиштата",
        ),
        "minorities": (
            "Средба со ромската заедница во Шутка",
            "Консултации со заедниците за локалниот акциски план",
        ),
        "elders": ("Разговор со старешините од месните заедници",),
        "civil_society": ("Форум на граѓанските организации",),
        "other": ("Отворена средба со граѓаните",),
    },
    places=(
        "Општина Куманово, сала за седници",
        "Домот на културата",
        "Месна заедница Бедиње",
        "ОУ „Браќа Миладиновци“",
        "Ромски информативен центар",
    ),
    partners=(
        "Црвен крст Куманово",
        "Центар за социјална работа",
        "Исламска верска заедница",
        "МПЦ – Кумановско-осоговска епархија",
        "Здружение на жени „Надеж“",
    ),
    outcomes=(
        "Договорени заеднички чекори за следниот квартал.",
        "Учесниците предложија две активности за младите.",
        "Информациите ќе се споделат во месните заедници.",
    ),
)
SQ = Words(
    titles={
        "women_groups": (
            "Takim me grupin e grave për dhunën me bazë gjinore",
            "Punëtori me gratë e fshatrave përreth",
        ),
        "religious_communities": (
            "Dialog ndërfetar me bashkësitë fetare",
            "Tryezë e rrumbullakët me krerët fetarë për gjuhën e urrejtjes",
        ),
        "parents": (
            "Mbrëmje me prindërit: fëmijët dhe radikalizimi në internet",
            "Këshilli i prindërve për sigurinë në shkolla",
        ),
        "minorities": (
            "Takim me komunitetin rom dhe egjiptian",
            "Konsultim me komunitetet për planin vendor të veprimit",
        ),
        "elders": ("Bisedë me pleqtë e lagjeve",),
        "civil_society": ("Forumi i organizatave të shoqërisë civile",),
        "other": ("Takim i hapur me qytetarët",),
    },
    places=(
        "Bashkia Elbasan, salla e mbledhjeve",
        "Pallati i Kulturës „Aleksandër Moisiu“",
        "Njësia administrative Shirgjan",
        "Shkolla 9-vjeçare „Jonuz Kaceli“",
        "Qendra komunitare e lagjes „Rinia“",
    ),
    partners=(
        "Kryqi i Kuq Shqiptar, dega Elbasan",
        "Myftinia Elbasan",
        "Kisha Ortodokse, Mitropolia e Elbasanit",
        "Shoqata e grave „Jeta“",
        "Policia e Shtetit, komisariati Elbasan",
    ),
    outcomes=(
        "U ranë dakord për hapat e përbashkët të tremujorit të ardhshëm.",
        "Pjesëmarrësit propozuan dy aktivitete për të rinjtë.",
        "Informacioni do të ndahet në njësitë administrative.",
    ),
)
SR = Words(
    titles={
        "women_groups": (
            "Sastanak sa ženskom grupom o rodno zasnovanom nasilju",
            "Radionica sa ženama iz seoskih mesnih zajednica",
        ),
        "religious_communities": (
            "Međuverski dijalog sa verskim zajednicama",
            "Okrugli sto sa verskim liderima o govoru mržnje",
        ),
        "parents": (
            "Roditeljsko veče: deca i radikalizacija na internetu",
            "Savet roditelja o bezbednosti u školama",
        ),
        "minorities": (
            "Sastanak sa romskom zajednicom",
            "Konsultacije sa zajednicama o lokalnom akcionom planu",
        ),
        "elders": ("Razgovor sa starešinama mesnih zajednica",),
        "civil_society": ("Forum organizacija civilnog društva",),
        "other": ("Otvoreni sastanak sa građanima",),
    },
    places=(
        "Grad Novi Pazar, sala Skupštine",
        "Kulturni centar Novi Pazar",
        "Mesna zajednica Deževa",
        "OŠ „Rifat Burdžović Tršo“",
        "Romski informativni centar",
    ),
    partners=(
        "Crveni krst Novi Pazar",
        "Centar za socijalni rad",
        "Islamska zajednica",
        "Eparhija raško-prizrenska",
        "Udruženje žena „Sandžačke ruže“",
    ),
    outcomes=(
        "Dogovoreni su zajednički koraci za sledeći kvartal.",
        "Učesnici su predložili dve aktivnosti za mlade.",
        "Informacije će se podeliti u mesnim zajednicama.",
    ),
)
WORDS = {"mk": MK, "sq": SQ, "sr_Latn": SR}

# What each audience is mostly about, and which inclusion groups it reaches.
AUDIENCE_THEMES: dict[str, tuple[str, ...]] = {
    "women_groups": ("gender_based_violence", "reintegration", "polarisation"),
    "religious_communities": ("interreligious_dialogue", "hate_speech", "polarisation"),
    "parents": ("online_radicalisation", "hate_speech"),
    "minorities": ("hate_speech", "polarisation", "reintegration"),
    "elders": ("polarisation", "interreligious_dialogue"),
    "civil_society": ("hate_speech", "reintegration", "other"),
    "other": ("other", "polarisation"),
}
AUDIENCE_WEIGHTS = {
    "women_groups": 5,
    "religious_communities": 4,
    "parents": 5,
    "minorities": 4,
    "elders": 1,
    "civil_society": 2,
    "other": 1,
}
TYPE_BY_AUDIENCE = {
    "women_groups": ("workshop", "dialogue", "awareness"),
    "religious_communities": ("dialogue", "community_event"),
    "parents": ("awareness", "workshop", "consultation"),
    "minorities": ("consultation", "dialogue", "community_event"),
    "elders": ("dialogue",),
    "civil_society": ("consultation", "workshop"),
    "other": ("community_event", "other"),
}
YOUTH_THEMES = ("hate_speech", "online_radicalisation", "polarisation", "interreligious_dialogue")
MEETING_THEMES = (*YOUTH_THEMES, "gender_based_violence", "reintegration")


def build_inclusion(block: Block) -> None:
    rng = random.Random(f"hubdesk-demo-inclusion:{block.plan.seed}:{block.index}")
    _theme_existing(block, rng)
    _community(block, rng)


def _some(rng: random.Random, pool: tuple[str, ...], chance: float) -> list[str]:
    if rng.random() > chance:
        return []
    chosen = set(rng.sample(pool, rng.choice((1, 1, 1, 2))))
    return [t.value for t in Theme if t.value in chosen]


def _theme_existing(block: Block, rng: random.Random) -> None:
    """Themes and youth inclusion counts on the records the other builders made."""
    for row in block.rows["meetings"]:
        row["themes"] = _some(rng, MEETING_THEMES, 0.45)
    for row in block.rows["fund_proposals"]:
        row["themes"] = _some(rng, MEETING_THEMES, 0.8)
    for row in block.rows["youth_activities"]:
        row["themes"] = _some(rng, YOUTH_THEMES, 0.6)
        total = int(row["participants_total"])
        marginalised = int(row.get("marginalised") or 0)
        row["inc_roma"] = min(total, round(marginalised * rng.uniform(0.3, 0.7)))
        row["inc_disability"] = min(total, rng.choice((0, 0, 0, 1, 1, 2)))
        row["inc_returnee"] = min(total, round(total * rng.uniform(0.0, 0.06)))
        row["inc_rural_border"] = min(total, round(total * rng.uniform(0.0, 0.3)))
        row["inc_women"] = sum(row[f"n_female_{b}"] for b in ("20_24", "25_29", "30p"))


def _community(block: Block, rng: random.Random) -> None:
    plan = block.plan
    words = WORDS.get(LANGUAGE_BY_COUNTRY.get(plan.country, "mk"), MK)
    last_day = plan.today - dt.timedelta(days=1)
    span = max(0, (last_day - plan.start).days)
    count = rng.randint(*COMMUNITY_ACTIVITIES)
    days = sorted(plan.start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))
    audiences = list(AUDIENCE_WEIGHTS)
    weights = list(AUDIENCE_WEIGHTS.values())
    for starts in days:
        audience = rng.choices(audiences, weights=weights)[0]
        also = rng.choice([a for a in audiences if a != audience]) if rng.random() < 0.3 else None
        chosen = {audience, *([also] if also else [])}
        total = rng.randint(8, 45)
        female_share = 0.85 if audience == "women_groups" else rng.uniform(0.35, 0.65)
        female = min(total, round(total * female_share))
        other = 1 if rng.random() < 0.05 and total - female > 0 else 0
        male = total - female - other
        row: Row = {
            "municipality_id": plan.municipality_id,
            "title": rng.choice(words.titles[audience]),
            "activity_type": rng.choice(TYPE_BY_AUDIENCE[audience]),
            "audiences": [a.value for a in Audience if a.value in chosen],
            "starts_on": starts,
            "ends_on": None,
            "place": rng.choice(words.places),
            "partners": ", ".join(rng.sample(words.partners, rng.randint(1, 2))),
            "pillars": in_order({Pillar.COOPERATION.value, rng.choice(list(Pillar)).value}),
            "themes": [
                t.value for t in Theme if t.value in set(rng.sample(AUDIENCE_THEMES[audience], 1))
            ],
            "participants_total": total,
            "n_female": female,
            "n_male": male,
            "n_other": other,
            "outcome": rng.choice(words.outcomes),
            "inc_women": female,
            "inc_roma": min(total, round(total * (0.6 if audience == "minorities" else 0.05))),
            "inc_disability": min(total, rng.choice((0, 0, 1, 2))),
            "inc_returnee": min(total, round(total * rng.uniform(0.0, 0.1))),
            "inc_rural_border": min(total, round(total * rng.uniform(0.0, 0.4))),
        }
        day = min(starts + dt.timedelta(days=rng.randint(1, 7)), last_day)
        moment = at(day, rng.randint(9, 16), rng.randrange(0, 60, 5))
        block.add("community_activities", moment, row, record_id=seeded_uuid(rng))


assert {a.value for a in Audience} == set(AUDIENCE_WEIGHTS)
assert {t.value for t in CommunityActivityType} >= {v for t in TYPE_BY_AUDIENCE.values() for v in t}
