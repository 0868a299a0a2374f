"""People and organisations of the demo municipality (Kumanovo), as its own roster would read.

Kumanovo is mixed: most members are Macedonian, many Albanian, a few Serbian and Roma. Names are
written as locals write them: Macedonian and Serbian ones in Cyrillic, Albanian ones sometimes in
Albanian (as people sign) and sometimes transliterated into Macedonian Cyrillic (as the
municipality's registers do). Everyone here is invented; e-mail addresses use ``example.org`` so
that no demo address can reach a real person.

The hub demo's other municipalities have their own rosters, written as they write them:
Elbasan's in Albanian (``demo_data_sq``), Novi Pazar's in Serbian Latin (``demo_data_sr``);
:func:`place_for` picks one by country.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from hubdesk.domain.enums import Sector, TeamRole

MUNICIPALITY_NAME = "Куманово"
# The language a demo municipality of each country works in.
LANGUAGE_BY_COUNTRY = {"MK": "mk", "AL": "sq", "XK": "sq", "RS": "sr_Latn", "BA": "bs", "ME": "cnr"}
# The team's name as a municipality of each country would write it.
TEAM_NAMES = {
    "MK": "Тим за акција во заедницата",
    "AL": "Këshilli Vendor për Sigurinë Publike",
    "XK": "Këshilli Komunal për Siguri në Bashkësi",
    "RS": "Lokalni savet za bezbednost",
    "BA": "Tim za prevenciju u zajednici",
    "ME": "Lokalni tim za prevenciju",
}

MK_FEMALE = (
    "Марија", "Елена", "Ана", "Билјана", "Снежана", "Весна", "Јасмина", "Катерина",
    "Александра", "Ивана", "Благица", "Гордана", "Маја", "Даниела", "Викторија", "Сања",
    "Ирена", "Надица", "Татјана", "Драгана",
)  # fmt: skip
MK_MALE = (
    "Горан", "Дејан", "Зоран", "Александар", "Никола", "Бојан", "Игор", "Владимир",
    "Драган", "Стефан", "Дарко", "Марјан", "Сашо", "Тони", "Филип", "Љупчо", "Митко",
    "Борче", "Кирил", "Ненад",
)  # fmt: skip
MK_SURNAMES = (
    "Стојановски", "Трајковски", "Петровски", "Николовски", "Јовановски", "Митревски",
    "Ристовски", "Велковски", "Спасовски", "Илиевски", "Арсовски", "Стаменковски",
    "Дончевски", "Миленковски", "Тасевски", "Стојковски", "Манасиевски", "Ангелов",
    "Јанев", "Костадинов",
)  # fmt: skip
SQ_FEMALE = (
    "Arta", "Blerta", "Drita", "Fatmire", "Lirije", "Mimoza", "Shpresa", "Valbona",
    "Vlora", "Teuta", "Arbnora", "Besa", "Ardita", "Albulena", "Merita",
)  # fmt: skip
SQ_MALE = (
    "Arben", "Bekim", "Besnik", "Driton", "Fatmir", "Ilir", "Jeton", "Lulzim", "Nazim",
    "Agron", "Blerim", "Arianit", "Burim", "Skender", "Xhevdet",
)  # fmt: skip
SQ_SURNAMES = (
    "Rexhepi", "Ibraimi", "Ismaili", "Bajrami", "Sulejmani", "Memeti", "Aliu", "Jashari",
    "Shabani", "Ademi", "Iseni", "Zeqiri", "Useini", "Idrizi", "Asani",
)  # fmt: skip
SR_FEMALE = ("Јелена", "Милица", "Снежана", "Драгица", "Светлана")
SR_MALE = ("Милош", "Дејан", "Небојша", "Зоран", "Срѓан")
SR_SURNAMES = ("Ристић", "Јовић", "Стојковић", "Митић", "Трајковић", "Петковић")
ROM_FEMALE = ("Сениха", "Небија", "Мирвета", "Сабина")
ROM_MALE = ("Ремзи", "Ердоан", "Шабан", "Муамет")
ROM_SURNAMES = ("Демировски", "Асанов", "Рустемовски", "Ајрулов", "Ибраимов")

# Albanian Latin -> Macedonian Cyrillic, as the municipality's registers transliterate.
_SQ_DIGRAPHS = {"dh": "д", "gj": "ѓ", "ll": "л", "nj": "њ", "rr": "р", "sh": "ш", "th": "т",
                "xh": "џ", "zh": "ж"}  # fmt: skip
_SQ_LETTERS = dict(zip("abcçdeëfghijklmnopqrstuvxyz", "абцчдеефгхијклмнопќрстувѕиз", strict=True))
# Macedonian and Serbian Cyrillic -> ASCII, for e-mail addresses.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "ђ": "dj", "е": "e",
    "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj",
    "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "ќ": "kj", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "џ": "dzh",
    "ш": "sh", "ë": "e", "ç": "c", "č": "c", "ć": "c", "đ": "dj", "š": "s", "ž": "z",
}  # fmt: skip


def albanian_to_cyrillic(text: str) -> str:
    out: list[str] = []
    lower, i = text.lower(), 0
    while i < len(lower):
        if lower[i : i + 2] in _SQ_DIGRAPHS:
            out.append(_SQ_DIGRAPHS[lower[i : i + 2]])
            i += 2
        else:
            out.append(_SQ_LETTERS.get(lower[i], lower[i]))
            i += 1
    return " ".join(word[:1].upper() + word[1:] for word in "".join(out).split(" "))


def to_ascii(text: str) -> str:
    return "".join(_LATIN.get(ch, ch) for ch in text.lower())


def feminine(surname: str) -> str:
    """Macedonian surnames agree with gender (Стојановски, Стојановска); others do not."""
    for ending, female in (("ски", "ска"), ("ов", "ова"), ("ев", "ева"), ("ин", "ина")):
        if surname.endswith(ending):
            return surname[: -len(ending)] + female
    return surname


class Person(NamedTuple):
    name: str
    gender: str
    email: str


class Seat(NamedTuple):
    """A place on the team: which institution sends someone, in which role."""

    sector: Sector
    role: TeamRole
    organisation: str
    community: str  # a community of the place's ``names``, or "any" for the town's mix
    gender: str | None = None  # None: either


OPSTINA = "Општина Куманово"
SCHOOL = "ОУ „Браќа Миладиновци“"
SOCIAL = "ЈУ Центар за социјална работа Куманово"
POLICE = "СВР Куманово"
YOUTH_COUNCIL = "Локален младински совет Куманово"
MEDIA = "Портал „Кумановски вести“"

SEATS: tuple[Seat, ...] = (
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.CHAIR, OPSTINA, "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.FOCAL_POINT, OPSTINA, "mk"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.COORDINATOR, f"{OPSTINA} — Сектор за јавни дејности",
         "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.MEMBER, "Совет на општина Куманово", "sq"),
    Seat(Sector.EDUCATION, TeamRole.DEPUTY_CHAIR, SCHOOL, "mk"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "ОУ „Наим Фрашери“", "sq"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "СОУ „Гоце Делчев“", "any"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "СОУ „Перо Наков“", "any"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, SOCIAL, "mk"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, SOCIAL, "sq"),
    Seat(Sector.HEALTH, TeamRole.MEMBER, "ЈЗУ Здравствен дом Куманово", "any"),
    Seat(Sector.HEALTH, TeamRole.MEMBER, "ЈЗУ Општа болница Куманово — Центар за ментално здравје",
         "any"),
    Seat(Sector.POLICE, TeamRole.MEMBER, POLICE, "mk"),
    Seat(Sector.POLICE, TeamRole.MEMBER, f"{POLICE} — Одделение за превенција", "sq"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "МПЦ — Кумановско-осоговска епархија", "mk", "male"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "Исламска верска заедница — Муфтиство Куманово", "sq",
         "male"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.SECRETARY, "Здружение за мултикултурна соработка „Мост“",
         "any"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Shoqata „Ardhmëria“ Kumanovë", "sq"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Здружение на Роми „Ромаја“", "rom"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Црвен крст — ОО Куманово", "sr"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, YOUTH_COUNCIL, "any"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, "Младински центар Куманово", "sq"),
    Seat(Sector.MEDIA, TeamRole.MEMBER, MEDIA, "any"),
    Seat(Sector.PRIVATE, TeamRole.OBSERVER, "Стопанска комора — канцеларија Куманово", "any"),
    Seat(Sector.OTHER, TeamRole.OBSERVER, "Народен правобранител — одделение Куманово", "any"),
)  # fmt: skip
# Seats whose first holder leaves during the three years and is replaced (rotation, studies).
ROTATING_SEATS = (12, 20, 22)

COMMUNITY_MIX = (("mk", 0.6), ("sq", 0.3), ("sr", 0.06), ("rom", 0.04))

TRAININGS = (
    "Превенција на насилен екстремизам — основна обука",
    "Препознавање на говор на омраза",
    "Медиумска писменост",
    "Медијација во заедницата",
    "Работа со млади од ранливи групи",
    "Студиска посета на тимот од Чаир",
    "Пишување проекти за Фондот за техничка поддршка",
)

GUEST_ORGANISATIONS = (
    "Регионален хаб на мрежата на градови",
    "Мисија на ОБСЕ во Скопје",
    "УНИЦЕФ",
    "Национален комитет за спречување на насилен екстремизам",
    "Општина Чаир",
    "Општина Гостивар",
    "Биро за развој на образованието",
    "Министерство за образование и наука",
    "Локален младински совет Куманово",
)

MEETING_PLACES = (
    "Сала на Советот, Општина Куманово",
    "Мала сала, Општина Куманово",
    "Младински центар Куманово",
    SCHOOL,
    "НУ Центар за култура „Трајко Прокопиев“",
    "Онлајн (Zoom)",
)

ACTIVITY_PLACES = (
    "Младински центар Куманово",
    "НУ Центар за култура „Трајко Прокопиев“",
    "Градски парк, Куманово",
    "Спортска сала „Куманово“",
    SCHOOL,
    "ОУ „Наим Фрашери“",
    "СОУ „Гоце Делчев“",
    "МЗ Карпош",
    "Сала на Советот, Општина Куманово",
)

PARTNERS = (
    YOUTH_COUNCIL,
    SCHOOL,
    "СОУ „Гоце Делчев“",
    "Црвен крст — ОО Куманово",
    "Младински центар Куманово",
    "Shoqata „Ardhmëria“ Kumanovë",
    POLICE,
    SOCIAL,
    "Здружение за мултикултурна соработка „Мост“",
)


Pool = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # female, male, surnames


class Place(NamedTuple):
    """A demo municipality's people and organisations, as its own roster would read. A block
    picks its place once, from its plan's country; each tuple is as long as Kumanovo's and each
    seat has Kumanovo's sector and role at the same position, so only the words differ."""

    seats: tuple[Seat, ...]
    community_mix: tuple[tuple[str, float], ...]  # the first community is the town's majority
    names: dict[str, Pool]
    trainings: tuple[str, ...]
    guest_organisations: tuple[str, ...]
    meeting_places: tuple[str, ...]
    activity_places: tuple[str, ...]
    partners: tuple[str, ...]
    mobile: tuple[str, tuple[int, int], int]  # prefix, its last digit's range, last group's size
    in_cyrillic: str = ""  # the community whose Latin names the registers transliterate

    def person(self, rng: random.Random, community: str, gender: str) -> Person:
        female = gender == "female"
        women, men, surnames = self.names[community]
        first = rng.choice(women if female else men)
        surname = rng.choice(surnames)
        if community == self.in_cyrillic:
            name = f"{first} {surname}"
            if rng.random() < 0.4:
                name = albanian_to_cyrillic(name)
        else:
            name = f"{first} {feminine(surname) if female else surname}"
        local = ".".join(to_ascii(part) for part in name.split(" "))
        return Person(name, gender, f"{local}@example.org")

    def community(self, rng: random.Random, wanted: str) -> str:
        if wanted != "any":
            return wanted
        roll, total = rng.random(), 0.0
        for code, share in self.community_mix:
            total += share
            if roll < total:
                return code
        return self.community_mix[0][0]

    def phone(self, rng: random.Random) -> str:
        prefix, digit, size = self.mobile
        second, middle = rng.randint(*digit), rng.randint(100, 999)
        return f"{prefix}{second} {middle} {rng.randint(10 ** (size - 1), 10**size - 1)}"


KUMANOVO = Place(
    seats=SEATS,
    community_mix=COMMUNITY_MIX,
    names={
        "mk": (MK_FEMALE, MK_MALE, MK_SURNAMES),
        "sq": (SQ_FEMALE, SQ_MALE, SQ_SURNAMES),
        "sr": (SR_FEMALE, SR_MALE, SR_SURNAMES),
        "rom": (ROM_FEMALE, ROM_MALE, ROM_SURNAMES),
    },
    trainings=TRAININGS,
    guest_organisations=GUEST_ORGANISATIONS,
    meeting_places=MEETING_PLACES,
    activity_places=ACTIVITY_PLACES,
    partners=PARTNERS,
    mobile=("+389 7", (0, 8), 3),
    in_cyrillic="sq",
)


def place_for(country: str) -> Place:
    """The demo municipality of ``country``'s language (``LANGUAGE_BY_COUNTRY``): Kumanovo in
    Macedonian, Elbasan in Albanian (Kosovo's teams too), Novi Pazar in Serbian Latin. Bosnia's
    and Montenegro's teams get Novi Pazar's set as well, the nearest one written so far (there
    is no Bosnian or Montenegrin set yet), never Kumanovo's."""
    from hubdesk.services.demo_data_sq import ELBASAN  # they build on this module
    from hubdesk.services.demo_data_sr import NOVI_PAZAR

    language = LANGUAGE_BY_COUNTRY.get(country, "mk")
    return KUMANOVO if language == "mk" else ELBASAN if language == "sq" else NOVI_PAZAR


def person(rng: random.Random, community: str, gender: str) -> Person:
    return KUMANOVO.person(rng, community, gender)


def community(rng: random.Random, wanted: str) -> str:
    return KUMANOVO.community(rng, wanted)


def phone(rng: random.Random) -> str:
    return KUMANOVO.phone(rng)
