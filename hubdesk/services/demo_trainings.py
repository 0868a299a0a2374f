"""A dozen trainings of each demo team over its three years, written in the city's language: two
of them train trainers, team members take part, and later a trained member trains others.

Participants from outside the team are counted by profession and gender (teachers first, as the
hub's programme trains them first) and by inclusion group. The generator has its own random
stream, so adding trainings changes none of the demo's other records.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from hubdesk.domain.enums import Gender, Pillar, Profession, Theme
from hubdesk.domain.pillars import INCLUSION_COLUMNS, inclusion_column
from hubdesk.domain.trainings import (
    PROFESSION_COLUMNS,
    TrainingFormat,
    TrainingRole,
    profession_column,
    training_member_id,
)
from hubdesk.i18n.scripts import script_of
from hubdesk.i18n.translit import to_cyrillic
from hubdesk.services.demo_rows import Block, in_order, seeded_uuid
from hubdesk.services.demo_team import Seated

PER_TEAM = 12
TOT_AT = (0, 6)  # the first and the seventh training train trainers


@dataclass(frozen=True)
class Course:
    title: str
    topic: str
    theme: Theme
    professions: dict[Profession, int]  # who comes, by weight


@dataclass(frozen=True)
class Texts:
    courses: tuple[Course, ...]
    tot: Course
    places: tuple[str, ...]
    online: str
    organisers: tuple[str, ...]
    trainers: tuple[str, ...]


P = Profession
SCHOOL = {P.TEACHER: 6, P.SCHOOL_PSYCHOLOGIST: 2, P.SOCIAL_WORKER: 1}
MIXED = {P.SOCIAL_WORKER: 3, P.POLICE: 2, P.HEALTH_WORKER: 2, P.MUNICIPAL_OFFICIAL: 2}
FAITH = {P.RELIGIOUS_LEADER: 3, P.CIVIL_SOCIETY: 2, P.YOUTH_WORKER: 2, P.TEACHER: 1}
OFFICIALS = {P.MUNICIPAL_OFFICIAL: 3, P.ELECTED_OFFICIAL: 2, P.POLICE: 1, P.MEDIA: 1}
TRAINERS = {P.TEACHER: 3, P.SCHOOL_PSYCHOLOGIST: 2, P.SOCIAL_WORKER: 2, P.YOUTH_WORKER: 1}


def _courses(titles: tuple[tuple[str, str], ...]) -> tuple[Course, ...]:
    plan = (
        (Theme.HATE_SPEECH, SCHOOL),
        (Theme.INTERRELIGIOUS_DIALOGUE, FAITH),
        (Theme.GENDER_BASED_VIOLENCE, MIXED),
        (Theme.ONLINE_RADICALISATION, SCHOOL),
        (Theme.REINTEGRATION, MIXED),
        (Theme.POLARISATION, OFFICIALS),
    )
    return tuple(
        Course(title, topic, theme, weights)
        for (title, topic), (theme, weights) in zip(titles, plan, strict=True)
    )


MK = Texts(
    courses=_courses(
        (
            ("Препознавање говор на омраза во училница", "Говор на омраза"),
            ("Меѓурелигиски дијалог во локалната заедница", "Меѓурелигиски дијалог"),
            ("Родово базирано насилство: препознавање и упатување", "Родово насилство"),
            ("Безбедност на децата на интернет", "Онлајн радикализација"),
            ("Реинтеграција на повратници: улогата на социјалните служби", "Реинтеграција"),
            ("Локалните власти пред поларизацијата", "Поларизација"),
        )
    ),
    tot=Course(
        "Обука на обучувачи: рана превенција на радикализација",
        "Рана превенција",
        Theme.ONLINE_RADICALISATION,
        TRAINERS,
    ),
    places=(
        "Општина {city}, сала за седници",
        "ОУ „Браќа Миладиновци“, {city}",
        "Центар за социјална работа {city}",
    ),
    online="Онлајн (Zoom)",
    organisers=(
        "Регионален центар",
        "Општина {city}",
        "Мисија на ОБСЕ во Скопје",
        "Биро за развој на образованието",
    ),
    trainers=("д-р Елена Стојановска", "Арбен Реџепи", "Марија Николовска"),
)
AL = Texts(
    courses=_courses(
        (
            ("Njohja e gjuhës së urrejtjes në klasë", "Gjuha e urrejtjes"),
            ("Dialogu ndërfetar në komunitetin vendor", "Dialogu ndërfetar"),
            ("Dhuna me bazë gjinore: identifikimi dhe referimi", "Dhuna me bazë gjinore"),
            ("Siguria e fëmijëve në internet", "Radikalizimi në internet"),
            ("Riintegrimi i të kthyerve: roli i shërbimeve sociale", "Riintegrimi"),
            ("Pushteti vendor përballë polarizimit", "Polarizimi"),
        )
    ),
    tot=Course(
        "Trajnim për trajnerë: parandalimi i hershëm i radikalizimit",
        "Parandalimi i hershëm",
        Theme.ONLINE_RADICALISATION,
        TRAINERS,
    ),
    places=(
        "Bashkia {city}, salla e mbledhjeve",
        "Shkolla 9-vjeçare „Ismail Qemali“, {city}",
        "Qendra Rinore {city}",
    ),
    online="Online (Zoom)",
    organisers=(
        "Qendra rajonale",
        "Bashkia {city}",
        "Prezenca e OSBE-së në Shqipëri",
        "Zyra Vendore Arsimore {city}",
    ),
    trainers=("Dr. Elira Hoxha", "Arben Shehu", "Mirela Daci"),
)
RS = Texts(
    courses=_courses(
        (
            ("Prepoznavanje govora mržnje u učionici", "Govor mržnje"),
            ("Međuverski dijalog u lokalnoj zajednici", "Međuverski dijalog"),
            ("Rodno zasnovano nasilje: prepoznavanje i upućivanje", "Rodno zasnovano nasilje"),
            ("Bezbednost dece na internetu", "Onlajn radikalizacija"),
            ("Reintegracija povratnika: uloga socijalnih službi", "Reintegracija"),
            ("Lokalna vlast pred polarizacijom", "Polarizacija"),
        )
    ),
    tot=Course(
        "Obuka trenera: rana prevencija radikalizacije",
        "Rana prevencija",
        Theme.ONLINE_RADICALISATION,
        TRAINERS,
    ),
    places=(
        "Opština {city}, sala za sastanke",
        "OŠ „Bratstvo“, {city}",
        "Centar za socijalni rad {city}",
    ),
    online="Onlajn (Zoom)",
    organisers=(
        "Regionalni centar",
        "Grad {city}",
        "Misija OEBS u Srbiji",
        "Školska uprava {city}",
    ),
    trainers=("dr Amela Hadžić", "Miloš Jovanović", "Selma Ljajić"),
)
TEXTS_BY_COUNTRY = {"MK": MK, "AL": AL, "XK": AL, "RS": RS, "BA": RS, "ME": RS}
GENDER_SHARES = {Gender.FEMALE: 0.64, Gender.MALE: 0.34, Gender.OTHER: 0.02}


def _say(text: str, city: str) -> str:
    """A text of the city's language, in the script its name is written in."""
    out = text.format(city=city)
    if script_of(city) == "Cyrl" and script_of(text) == "Latn":
        out = to_cyrillic(text).format(city=city)
    return out


def build_trainings(block: Block, members: list[Seated]) -> None:
    """The team's trainings and the links of its members to them."""
    plan = block.plan
    rng = random.Random(f"hubdesk-demo:{plan.seed}:{block.index}:trainings")
    texts = TEXTS_BY_COUNTRY.get(plan.country, MK)
    city = plan.name
    last_day = plan.today - dt.timedelta(days=1)
    span = (last_day - plan.start).days
    days = sorted(plan.start + dt.timedelta(days=rng.randint(20, span)) for _ in range(PER_TEAM))
    trained: list[Seated] = []  # members trained as trainers so far
    for number, starts in enumerate(days):
        tot = number in TOT_AT
        course = texts.tot if tot else rng.choice(texts.courses)
        form = rng.choices(list(TrainingFormat), weights=(7, 2, 1))[0]
        ends = min(starts + dt.timedelta(days=rng.randint(0, 2 if tot else 1)), last_day)
        active = [m for m in members if m.active_on(starts)]
        taking_part = {
            m.id: TrainingRole.PARTICIPANT.value
            for m in rng.sample(active, 2 if tot else rng.randint(0, 2))
        }
        own_trainer = [m for m in trained if m.active_on(starts) and m.id not in taking_part]
        trainer_name = rng.choice(texts.trainers)
        if not tot and own_trainer and rng.random() < 0.6:
            taking_part[rng.choice(own_trainer).id] = TrainingRole.TRAINER.value
            trainer_name = ""
        if tot:
            trained += [m for m in active if m.id in taking_part]
        counts = _counts(
            rng, course.professions, rng.randint(8, 14) if tot else rng.randint(12, 35)
        )
        total = sum(counts.values())
        inclusion = dict.fromkeys(INCLUSION_COLUMNS, 0)
        inclusion[inclusion_column("women")] = sum(
            counts[profession_column(p, Gender.FEMALE)] for p in Profession
        )
        inclusion[inclusion_column("roma")] = round(total * rng.uniform(0.0, 0.12))
        inclusion[inclusion_column("rural_border")] = round(total * rng.uniform(0.0, 0.25))
        pillars = {Pillar.CAPACITY_BUILDING.value}
        if rng.random() < 0.4:
            pillars.add(rng.choice(list(Pillar)).value)
        place = texts.online if form is TrainingFormat.ONLINE else rng.choice(texts.places)
        training_id = seeded_uuid(rng)
        written = block.later(min(ends + dt.timedelta(days=rng.randint(1, 7)), last_day))
        block.add(
            "trainings",
            written,
            {
                "municipality_id": plan.municipality_id,
                "title": _say(course.title, city),
                "topic": _say(course.topic, city),
                "pillars": in_order(pillars),
                "themes": [course.theme.value],
                "starts_on": starts,
                "ends_on": ends if ends > starts else None,
                "place": _say(place, city),
                "organiser": _say(rng.choice(texts.organisers), city),
                "trainer_name": _say(trainer_name, city) if trainer_name else "",
                "format": form.value,
                "train_the_trainer": tot,
                "notes": "",
                **counts,
                **inclusion,
            },
            record_id=training_id,
        )
        for member_id, role in taking_part.items():
            block.add(
                "training_members",
                written,
                {"training_id": training_id, "member_id": member_id, "role": role},
                record_id=training_member_id(training_id, member_id),
            )


def _counts(rng: random.Random, weights: dict[Profession, int], total: int) -> dict[str, int]:
    """``total`` participants spread over professions (by ``weights``) and genders."""
    cells = [(p, g) for p in weights for g in GENDER_SHARES]
    chances = [weights[p] * GENDER_SHARES[g] for p, g in cells]
    counts = dict.fromkeys(PROFESSION_COLUMNS, 0)
    for p, g in rng.choices(cells, weights=chances, k=total):
        counts[profession_column(p, g)] += 1
    return counts
