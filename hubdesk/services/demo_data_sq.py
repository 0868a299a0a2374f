"""Elbasan's team roster, places and partners, in Albanian as the municipality writes them.

Elbasan is almost wholly Albanian, with small Roma and Egyptian communities whose members carry
Albanian names; the team's Roma association sends one of them. Institutions are those a
municipality of Albania works with (Bashkia, Drejtoria Vendore e Policisë, the regional office
of the State Social Service, the Local Youth Council of the 2019 youth law). Every person is
invented; the school and association names are made up in the way such places are named.
"""

from __future__ import annotations

from hubdesk.domain.enums import Sector, TeamRole
from hubdesk.services.demo_data import Place, Seat

OPSTINA = "Bashkia Elbasan"
SCHOOL = "Shkolla 9-vjeçare „Naim Frashëri“"
SOCIAL = "Drejtoria Rajonale e Shërbimit Social Shtetëror Elbasan"
POLICE = "Drejtoria Vendore e Policisë Elbasan"
YOUTH_COUNCIL = "Këshilli Vendor Rinor Elbasan"
MEDIA = "Portali „Zëri i Elbasanit“"
HIGH_SCHOOL = "Shkolla e Mesme „Kostandin Kristoforidhi“"
YOUTH_CENTRE = "Qendra Rinore Elbasan"
COUNCIL_HALL = "Salla e Këshillit Bashkiak, Bashkia Elbasan"
THEATRE = "Teatri „Skampa“, Elbasan"

SEATS: tuple[Seat, ...] = (
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.CHAIR, OPSTINA, "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.FOCAL_POINT, OPSTINA, "sq"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.COORDINATOR,
         f"{OPSTINA} — Drejtoria e Rinisë dhe Sportit", "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.MEMBER, "Këshilli Bashkiak Elbasan", "sq"),
    Seat(Sector.EDUCATION, TeamRole.DEPUTY_CHAIR, SCHOOL, "sq"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "Shkolla 9-vjeçare „Dhaskal Todri“", "sq"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, HIGH_SCHOOL, "any"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "Shkolla e Mesme Profesionale „Onufri“", "any"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, SOCIAL, "sq"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, f"{OPSTINA} — Njësia për Mbrojtjen e Fëmijëve",
         "sq"),
    Seat(Sector.HEALTH, TeamRole.MEMBER, "Qendra Shëndetësore Nr. 1 Elbasan", "any"),
    Seat(Sector.HEALTH, TeamRole.MEMBER,
         "Spitali Rajonal Elbasan — Qendra Komunitare e Shëndetit Mendor", "any"),
    Seat(Sector.POLICE, TeamRole.MEMBER, POLICE, "sq"),
    Seat(Sector.POLICE, TeamRole.MEMBER, f"{POLICE} — Sektori i Policimit në Komunitet", "sq"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "Kisha Ortodokse Autoqefale — Mitropolia e Elbasanit",
         "sq", "male"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "Komuniteti Mysliman — Myftinia Elbasan", "sq",
         "male"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.SECRETARY, "Shoqata për Bashkëpunim Shumëkulturor „Ura“",
         "any"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Shoqata „Ardhmëria“ Elbasan", "sq"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Shoqata e Romëve dhe Egjiptianëve „Së Bashku“",
         "rom"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Kryqi i Kuq Shqiptar — Dega Elbasan", "any"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, YOUTH_COUNCIL, "any"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, YOUTH_CENTRE, "sq"),
    Seat(Sector.MEDIA, TeamRole.MEMBER, MEDIA, "any"),
    Seat(Sector.PRIVATE, TeamRole.OBSERVER, "Dhoma e Tregtisë dhe Industrisë Elbasan", "any"),
    Seat(Sector.OTHER, TeamRole.OBSERVER, "Avokati i Popullit — Zyra Rajonale Elbasan", "any"),
)  # fmt: skip

FEMALE = (
    "Anila", "Elona", "Ermira", "Klodiana", "Rezarta", "Alketa", "Brunilda", "Eriola",
    "Mirela", "Jonida", "Ledia", "Dorina", "Entela", "Fjorela", "Gentiana", "Majlinda",
    "Ornela", "Silvana", "Valbona", "Xhensila",
)  # fmt: skip
MALE = (
    "Arben", "Besnik", "Dritan", "Ervin", "Gentian", "Ilir", "Klodian", "Ledion", "Artan",
    "Edmond", "Fatos", "Genci", "Altin", "Erion", "Sokol", "Ardit", "Bledar", "Saimir",
    "Olsi", "Andi",
)  # fmt: skip
SURNAMES = (
    "Hoxha", "Shehu", "Dervishi", "Çela", "Kola", "Leka", "Muça", "Hysa", "Xhafa", "Bardhi",
    "Koçi", "Lika", "Gega", "Myftiu", "Cani", "Dedja", "Tafaj", "Kaso", "Balliu", "Domi",
)  # fmt: skip
ROM_FEMALE = ("Sabrie", "Elvira", "Xhuljeta", "Mirjeta")
ROM_MALE = ("Sabri", "Bujar", "Ervis", "Marjan")
ROM_SURNAMES = ("Hasani", "Demiri", "Seferi", "Rustemi", "Bajrami")

ELBASAN = Place(
    seats=SEATS,
    community_mix=(("sq", 0.94), ("rom", 0.06)),
    names={"sq": (FEMALE, MALE, SURNAMES), "rom": (ROM_FEMALE, ROM_MALE, ROM_SURNAMES)},
    trainings=(
        "Parandalimi i ekstremizmit të dhunshëm — trajnim bazë",
        "Njohja e gjuhës së urrejtjes",
        "Edukimi mediatik",
        "Ndërmjetësimi në komunitet",
        "Puna me të rinjtë nga grupet në nevojë",
        "Vizitë studimore te ekipi i Cërrikut",
        "Shkrimi i projekteve për Fondin e Mbështetjes Teknike",
    ),
    guest_organisations=(
        "Qendra Rajonale e rrjetit të qyteteve",
        "Prania e OSBE-së në Shqipëri",
        "UNICEF",
        "Qendra e Koordinimit kundër Ekstremizmit të Dhunshëm",
        "Bashkia Cërrik",
        "Bashkia Librazhd",
        "Zyra Vendore Arsimore Elbasan",
        "Ministria e Arsimit dhe Sportit",
        YOUTH_COUNCIL,
    ),
    meeting_places=(
        COUNCIL_HALL,
        "Salla e vogël e mbledhjeve, Bashkia Elbasan",
        YOUTH_CENTRE,
        SCHOOL,
        THEATRE,
        "Online (Zoom)",
    ),
    activity_places=(
        YOUTH_CENTRE,
        THEATRE,
        "Kalaja e Elbasanit",
        "Pallati i Sportit, Elbasan",
        SCHOOL,
        "Shkolla 9-vjeçare „Dhaskal Todri“",
        HIGH_SCHOOL,
        "Lagjja „5 Maji“, Elbasan",
        COUNCIL_HALL,
    ),
    partners=(
        YOUTH_COUNCIL,
        SCHOOL,
        HIGH_SCHOOL,
        "Kryqi i Kuq Shqiptar — Dega Elbasan",
        YOUTH_CENTRE,
        "Shoqata „Ardhmëria“ Elbasan",
        POLICE,
        SOCIAL,
        "Shoqata për Bashkëpunim Shumëkulturor „Ura“",
    ),
    mobile=("+355 6", (7, 9), 4),
)
