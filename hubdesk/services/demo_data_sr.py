"""Novi Pazar's team roster, places and partners, in Serbian Latin as the city writes them.

Novi Pazar is mostly Bosniak, with a Serbian minority and a small Roma community; the team
mirrors that, and everyone's name is written in Latin letters, as the city's records are. The
institutions are those a city of Serbia works with (Grad and its Skupština, Centar za socijalni
rad, Policijska uprava, the city's Savet za mlade and Kancelarija za mlade). Every person is
invented; the association and media names are made up in the way such names are formed.
"""

from __future__ import annotations

from hubdesk.domain.enums import Sector, TeamRole
from hubdesk.services.demo_data import Place, Seat

OPSTINA = "Grad Novi Pazar"
SCHOOL = "OŠ „Vuk Karadžić“"
SOCIAL = "Centar za socijalni rad Novi Pazar"
POLICE = "PU Novi Pazar"
YOUTH_COUNCIL = "Savet za mlade Grada Novog Pazara"
MEDIA = "Portal „Pazarske vesti“"
OTHER_SCHOOL = "OŠ „Rifat Burdžović Tršo“"
GYMNASIUM = "Gimnazija Novi Pazar"
YOUTH_OFFICE = "Kancelarija za mlade Novi Pazar"
ASSEMBLY_HALL = "Sala Skupštine grada Novog Pazara"
CULTURE = "Kulturni centar Novi Pazar"

SEATS: tuple[Seat, ...] = (
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.CHAIR, OPSTINA, "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.FOCAL_POINT, OPSTINA, "bs"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.COORDINATOR,
         "Gradska uprava Novi Pazar — Odeljenje za društvene delatnosti", "any"),
    Seat(Sector.LOCAL_GOVERNMENT, TeamRole.MEMBER, "Skupština grada Novog Pazara", "sr"),
    Seat(Sector.EDUCATION, TeamRole.DEPUTY_CHAIR, SCHOOL, "bs"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, OTHER_SCHOOL, "bs"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, GYMNASIUM, "any"),
    Seat(Sector.EDUCATION, TeamRole.MEMBER, "Ekonomsko-trgovinska škola Novi Pazar", "any"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, SOCIAL, "bs"),
    Seat(Sector.SOCIAL_WORK, TeamRole.MEMBER, SOCIAL, "sr"),
    Seat(Sector.HEALTH, TeamRole.MEMBER, "Dom zdravlja Novi Pazar", "any"),
    Seat(Sector.HEALTH, TeamRole.MEMBER, "Opšta bolnica Novi Pazar — Centar za mentalno zdravlje",
         "any"),
    Seat(Sector.POLICE, TeamRole.MEMBER, POLICE, "bs"),
    Seat(Sector.POLICE, TeamRole.MEMBER, f"{POLICE} — Policija u zajednici", "sr"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "Islamska zajednica — Medžlis Novi Pazar", "bs",
         "male"),
    Seat(Sector.RELIGIOUS, TeamRole.MEMBER, "SPC — Eparhija raško-prizrenska", "sr", "male"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.SECRETARY, "Udruženje za multikulturnu saradnju „Most“",
         "any"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Udruženje „Budućnost“ Novi Pazar", "bs"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Udruženje Roma „Romano drom“", "rom"),
    Seat(Sector.CIVIL_SOCIETY, TeamRole.MEMBER, "Crveni krst Novi Pazar", "sr"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, YOUTH_COUNCIL, "any"),
    Seat(Sector.YOUTH, TeamRole.MEMBER, YOUTH_OFFICE, "bs"),
    Seat(Sector.MEDIA, TeamRole.MEMBER, MEDIA, "any"),
    Seat(Sector.PRIVATE, TeamRole.OBSERVER, "Regionalna privredna komora Novi Pazar", "any"),
    Seat(Sector.OTHER, TeamRole.OBSERVER, "Zaštitnik građana Grada Novog Pazara", "any"),
)  # fmt: skip

BS_FEMALE = (
    "Amra", "Emina", "Selma", "Aida", "Lejla", "Edina", "Mirsada", "Sabina", "Elma", "Merima",
    "Alma", "Ajla", "Enisa", "Senada", "Adisa", "Dženana", "Belma", "Samra", "Fatima", "Jasmina",
)  # fmt: skip
BS_MALE = (
    "Admir", "Emir", "Edin", "Senad", "Adnan", "Mirza", "Haris", "Amer", "Elvir", "Nermin",
    "Mersad", "Jasmin", "Semir", "Kenan", "Tarik", "Almir", "Dženan", "Enes", "Faruk", "Izet",
)  # fmt: skip
BS_SURNAMES = (
    "Hamidović", "Mehmedović", "Kurtović", "Škrijelj", "Muminović", "Nurković", "Hadžić",
    "Pepić", "Kučević", "Fetahović", "Ličina", "Džanković", "Bihorac", "Mušović", "Hodžić",
    "Crnovršanin", "Sadiković", "Gegić", "Suljović", "Šabotić",
)  # fmt: skip
SR_FEMALE = ("Jelena", "Milica", "Marija", "Ivana", "Snežana", "Dragana", "Tijana", "Jovana")
SR_MALE = ("Miloš", "Nemanja", "Dejan", "Nebojša", "Zoran", "Vladimir", "Marko", "Srđan")
SR_SURNAMES = (
    "Jovanović", "Petrović", "Radović", "Milenković", "Vukašinović", "Stevanović", "Jeremić",
    "Radosavljević", "Tomović", "Bojović",
)  # fmt: skip
ROM_FEMALE = ("Senija", "Ramiza", "Sabiha", "Mirveta")
ROM_MALE = ("Ramadan", "Sabit", "Fikret", "Bajram")
ROM_SURNAMES = ("Demirović", "Ramović", "Osmanović", "Sejdić", "Bajramović")

NOVI_PAZAR = Place(
    seats=SEATS,
    community_mix=(("bs", 0.75), ("sr", 0.2), ("rom", 0.05)),
    names={
        "bs": (BS_FEMALE, BS_MALE, BS_SURNAMES),
        "sr": (SR_FEMALE, SR_MALE, SR_SURNAMES),
        "rom": (ROM_FEMALE, ROM_MALE, ROM_SURNAMES),
    },
    trainings=(
        "Prevencija nasilnog ekstremizma — osnovna obuka",
        "Prepoznavanje govora mržnje",
        "Medijska pismenost",
        "Medijacija u zajednici",
        "Rad sa mladima iz osetljivih grupa",
        "Studijska poseta timu iz Tutina",
        "Pisanje projekata za Fond za tehničku podršku",
    ),
    guest_organisations=(
        "Regionalni centar mreže gradova",
        "Misija OEBS u Srbiji",
        "UNICEF",
        "Ministarstvo za ljudska i manjinska prava i društveni dijalog",
        "Opština Tutin",
        "Opština Sjenica",
        "Školska uprava Novi Pazar",
        "Ministarstvo prosvete",
        YOUTH_COUNCIL,
    ),
    meeting_places=(
        ASSEMBLY_HALL,
        "Mala sala Gradske uprave Novi Pazar",
        YOUTH_OFFICE,
        SCHOOL,
        CULTURE,
        "Onlajn (Zoom)",
    ),
    activity_places=(
        YOUTH_OFFICE,
        CULTURE,
        "Gradski park, Novi Pazar",
        "Sportski centar „Pendik“",
        SCHOOL,
        OTHER_SCHOOL,
        GYMNASIUM,
        "Mesna zajednica Jalija",
        ASSEMBLY_HALL,
    ),
    partners=(
        YOUTH_COUNCIL,
        SCHOOL,
        GYMNASIUM,
        "Crveni krst Novi Pazar",
        YOUTH_OFFICE,
        "Udruženje „Budućnost“ Novi Pazar",
        POLICE,
        SOCIAL,
        "Udruženje za multikulturnu saradnju „Most“",
    ),
    mobile=("+381 6", (0, 6), 4),
)
