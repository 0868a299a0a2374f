"""What the demo team writes: agendas, minutes, decisions, action items and youth activities.

This is recorded data, not interface text, so it is not translated: a Kumanovo team writes its
minutes in Macedonian, and an Albanian-language school names its workshop in Albanian. The hub
demo's other towns write their own: Elbasan in Albanian (``demo_texts_sq``), Novi Pazar in
Serbian Latin (``demo_texts_sr``); :func:`texts_for` picks the set by country.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from hubdesk.domain.enums import ActivityType, AgeBand
from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY

MEETING_TOPICS = (
    "Локален акциски план за превенција на насилен екстремизам",
    "говор на омраза на социјалните мрежи пред локалните избори",
    "безбедност и меѓуетнички односи во средните училишта",
    "соработка со Локалниот младински совет",
    "апликација до Фондот за техничка поддршка",
    "размена на искуства со тимовите од Чаир и Гостивар",
    "обука за медиумска писменост за наставници",
    "поддршка на семејствата преку Центарот за социјална работа",
    "полугодишен извештај до Советот на општината",
    "кампањата „Куманово — град на сите“",
    "спортски и културни настани за млади од различни заедници",
    "мапирање на ризици во месните заедници",
    "улогата на верските заедници во превенцијата",
    "известување без стереотипи во локалните медиуми",
    "вклучување на младите во буџетското планирање",
)

MINUTES_NOTES = (
    "Претставникот на СВР Куманово ги сподели безбедносните трендови за последниот квартал, "
    "без лични податоци.",
    "Училиштата известија за навредливи пораки меѓу учениците на социјалните мрежи.",
    "Се истакна потребата од подобра размена на информации меѓу институциите.",
    "Младинскиот совет предложи заеднички настан за време на летниот распуст.",
    "Центарот за социјална работа ги претстави достапните услуги за родители.",
    "Верските заедници понудија простор за средби со младите.",
    "Регионалниот хаб ги претстави искуствата од другите градови во мрежата.",
    "Членовите се согласија да се подготви краток извештај за градоначалникот.",
)

DECISIONS = (
    "Се усвојува записникот од претходната средба.",
    "Тимот ја поддржува иницијативата: {topic}.",
    "Се формира работна група од четворица членови за: {topic}.",
    "Координаторот ќе подготви информација за Советот на општината.",
    "Тимот ќе аплицира до Фондот за техничка поддршка со иницијатива за млади.",
    "Следната средба ќе се одржи во Младинскиот центар.",
    "Се прифаќа поканата за студиска посета на Општина Чаир.",
    "Тимот ќе предложи средства за младински активности во буџетот за следната година.",
)

ACTION_ITEMS = (
    "Да се подготви нацрт на годишниот извештај на тимот",
    "Да се испрати покана до директорите на средните училишта",
    "Да се организира средба со Локалниот младински совет",
    "Да се ажурира листата на контакти на тимот",
    "Да се подготви информација за Советот на општината",
    "Да се соберат податоци за учесниците во младинските активности",
    "Да се договори термин за обуката за медиумска писменост",
    "Да се изготви соопштение за медиумите",
    "Да се контактира Регионалниот хаб за студиската посета",
    "Да се подготви апликацијата до Фондот за техничка поддршка",
    "Да се провери достапноста на сала за јавниот настан",
    "Да се испрати записникот до сите членови",
)


class ActivityKind(NamedTuple):
    titles: tuple[str, ...]
    size: tuple[int, int]  # usual head count
    days: tuple[int, int]  # usual length in days
    bands: dict[AgeBand, float]  # share of each age band


_YOUNG = {AgeBand.UNDER_15: 0.15, AgeBand.FROM_15_TO_19: 0.5, AgeBand.FROM_20_TO_24: 0.25,
          AgeBand.FROM_25_TO_29: 0.07, AgeBand.FROM_30: 0.03}  # fmt: skip
_OLDER = {AgeBand.FROM_15_TO_19: 0.35, AgeBand.FROM_20_TO_24: 0.35, AgeBand.FROM_25_TO_29: 0.15,
          AgeBand.FROM_30: 0.15}  # fmt: skip

ACTIVITY_KINDS: dict[ActivityType, ActivityKind] = {
    ActivityType.WORKSHOP: ActivityKind(
        ("Работилница за медиумска писменост", "Работилница: препознај говор на омраза",
         "Punëtori për mendim kritik", "Работилница за ненасилна комуникација",
         "Работилница за безбедност на интернет"), (12, 30), (1, 1), _YOUNG),
    ActivityType.TRAINING: ActivityKind(
        ("Обука за млади медијатори", "Обука за пишување проекти",
         "Trajnim për lidership rinor"), (10, 25), (1, 3), _OLDER),
    ActivityType.CAMPAIGN: ActivityKind(
        ("Кампања #КумановоЗаедно", "Кампања „Не на говорот на омраза“",
         "Fushatë „Zëri ynë ka rëndësi“"), (40, 150), (7, 30), _YOUNG),
    ActivityType.SPORTS_CULTURE: ActivityKind(
        ("Турнир во мал фудбал „Заедно“", "Мултикултурен концерт во Градскиот парк",
         "Кошаркарски турнир „Без граници“", "Изложба на млади уметници"), (30, 200), (1, 2),
        _YOUNG),
    ActivityType.YOUTH_COUNCIL: ActivityKind(
        ("Седница на Локалниот младински совет", "Seancë e Këshillit Lokal Rinor"), (9, 19),
        (1, 1), {AgeBand.FROM_15_TO_19: 0.5, AgeBand.FROM_20_TO_24: 0.4,
                 AgeBand.FROM_25_TO_29: 0.1}),
    ActivityType.DIALOGUE: ActivityKind(
        ("Дебата: Младите и локалната власт", "Средба на младите со градоначалникот",
         "Јавна трибина за младинскиот буџет"), (20, 60), (1, 1), _OLDER),
    ActivityType.VOLUNTEERING: ActivityKind(
        ("Волонтерска акција за чистење на Градскиот парк", "Засадување дрвја во МЗ Карпош",
         "Хуманитарна акција за семејства во потреба"), (15, 50), (1, 1), _YOUNG),
    ActivityType.EXCHANGE: ActivityKind(
        ("Размена на млади Куманово–Чаир", "Младинска размена со Гостивар",
         "Студиска посета на младинскиот совет во Тетово"), (12, 30), (2, 4), _OLDER),
    ActivityType.OTHER: ActivityKind(
        ("Филмска вечер со дискусија", "Квиз за човекови права"), (15, 40), (1, 1), _YOUNG),
}  # fmt: skip
# How often each type happens in a year of a real team.
ACTIVITY_WEIGHTS: dict[ActivityType, int] = {
    ActivityType.WORKSHOP: 24, ActivityType.TRAINING: 10, ActivityType.CAMPAIGN: 6,
    ActivityType.SPORTS_CULTURE: 14, ActivityType.YOUTH_COUNCIL: 14, ActivityType.DIALOGUE: 10,
    ActivityType.VOLUNTEERING: 10, ActivityType.EXCHANGE: 5, ActivityType.OTHER: 7,
}  # fmt: skip

OUTCOMES = (
    "Учесниците подготвија пет препораки до Советот на општината.",
    "Младите изработија кратки видеа против говорот на омраза.",
    "Формирана е неформална група на млади волонтери од различни заедници.",
    "Учесниците научија како да препознаат и пријават говор на омраза на интернет.",
    "Училиштата се договорија за заеднички настан следната година.",
    "Настанот го посетија родители и претставници на месните заедници.",
    "Младите ги претставија своите идеи пред градоначалникот и советниците.",
)

DECISION_NOTES = (
    "Препораките се вклучени во Локалниот акциски план за млади.",
    "Советот на општината ја усвои иницијативата за младински простор.",
    "Буџетот за младински активности за следната година е зголемен.",
    "Општината отвори повик за младински иницијативи по предлог на учесниците.",
    "Предлогот за безбедна патека до училиштето е вклучен во програмата на Општината.",
)


class TeamTexts(NamedTuple):
    """What one municipality's team writes, in its own language. A block picks its bundle once,
    from its plan's country, and every draw then picks from tuples of the same length in every
    language, so a city's records differ from Kumanovo's in wording only."""

    meeting_topics: tuple[str, ...]
    minutes_notes: tuple[str, ...]
    decisions: tuple[str, ...]  # the first one opens every meeting's decisions; may use {topic}
    action_items: tuple[str, ...]
    activity_kinds: dict[ActivityType, ActivityKind]
    outcomes: tuple[str, ...]
    decision_notes: tuple[str, ...]
    agenda_first: str  # first and last item of every agenda
    agenda_last: str
    opened: str  # the minutes' sentences: {present} of {active} members, {topic}
    adopted: str
    discussed: str
    closed: str
    mandate: str  # the council decision that set the team up: {number}, {part}, {day}
    replaced: str  # the note on a member who left on rotation

    def agenda(self, topics: list[str]) -> str:
        lines = [self.agenda_first]
        lines += [topic[:1].upper() + topic[1:] for topic in topics]
        lines.append(self.agenda_last)
        return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))

    def minutes(self, rng: random.Random, topics: list[str], present: int, active: int) -> str:
        sentences = [self.opened.format(present=present, active=active), self.adopted]
        for topic in topics:
            sentences.append(self.discussed.format(topic=topic))
            sentences.append(rng.choice(self.minutes_notes))
        sentences.append(self.closed)
        return " ".join(sentences)


def with_titles(titles: dict[ActivityType, tuple[str, ...]]) -> dict[ActivityType, ActivityKind]:
    """Kumanovo's activity kinds (sizes, lengths, age bands) with another language's titles."""
    return {kind: ACTIVITY_KINDS[kind]._replace(titles=titles[kind]) for kind in ACTIVITY_KINDS}


MACEDONIAN = TeamTexts(
    meeting_topics=MEETING_TOPICS,
    minutes_notes=MINUTES_NOTES,
    decisions=DECISIONS,
    action_items=ACTION_ITEMS,
    activity_kinds=ACTIVITY_KINDS,
    outcomes=OUTCOMES,
    decision_notes=DECISION_NOTES,
    agenda_first="Усвојување на записникот од претходната средба",
    agenda_last="Тековни прашања",
    opened="Средбата ја отвори претседавачот и констатира кворум ({present} од {active} членови).",
    adopted="Записникот од претходната средба беше усвоен без забелешки.",
    discussed="Членовите разговараа за: {topic}.",
    closed="Средбата заврши со договор за следните чекори.",
    mandate="Одлука на Советот бр. 07-{number}/{part} од {day:%d.%m.%Y}",
    replaced="Заменет/а поради ротација.",
)


def texts_for(country: str) -> TeamTexts:
    """The team's texts in the language of ``country`` (``LANGUAGE_BY_COUNTRY``). Kosovo's
    teams write Albanian; Bosnia's and Montenegro's get the Serbian Latin set, the nearest one
    written so far (no Bosnian or Montenegrin set yet), never Macedonian."""
    from hubdesk.services.demo_texts_sq import ALBANIAN  # they build on this module
    from hubdesk.services.demo_texts_sr import SERBIAN

    by_language = {"mk": MACEDONIAN, "sq": ALBANIAN, "sr_Latn": SERBIAN, "bs": SERBIAN,
                   "cnr": SERBIAN}  # fmt: skip
    return by_language.get(LANGUAGE_BY_COUNTRY.get(country, "mk"), MACEDONIAN)


def agenda(topics: list[str]) -> str:
    return MACEDONIAN.agenda(topics)


def minutes(rng: random.Random, topics: list[str], present: int, active: int) -> str:
    return MACEDONIAN.minutes(rng, topics, present, active)
