"""The demo proposals' own texts in Albanian (Elbasan) and Serbian (Novi Pazar).

``demo_fund_texts`` writes the proposals as Kumanovo would, in Macedonian; a hub demo that showed
Elbasan and Novi Pazar asking for money in Macedonian would not look like the region. Each entry
here gives title, summary, problem, objectives and target groups of the template at the same
place in ``demo_fund_texts.TEMPLATES``; pillars and budget lines stay as they are, so the amounts
(and the random draws behind them) do not change.
"""

from __future__ import annotations

from typing import NamedTuple

from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY
from hubdesk.services.demo_fund_texts import (
    CONDITIONS,
    PARTNER_POOL,
    RESULTS,
    STATUS_COMMENTS,
    TEMPLATES,
    Template,
)

Texts = tuple[str, str, str, str, str]  # title, summary, problem, objectives, target groups

SQ: tuple[Texts, ...] = (
    (
        "Shkolla të sigurta: rrjet ndërmjetësish të rinj",
        "Trajnim i nxënësve nga gjashtë shkolla për ndërmjetësim mes bashkëmoshatarëve.",
        "Mësuesit raportojnë konflikte të shpeshta mes nxënësve nga komunitete të ndryshme.",
        "60 ndërmjetës të trajnuar; një ekip ndërmjetësimi në çdo shkollë; më pak incidente.",
        "Nxënës 13 deri 18 vjeç, mësues dhe shërbimet psiko-sociale të shkollave.",
    ),
    (
        "Bashkë kundër gjuhës së urrejtjes në internet",
        "Krijues të rinj përgatisin video dhe postime që i përgjigjen gjuhës së urrejtjes.",
        "Para zgjedhjeve gjuha e urrejtjes në faqet lokale shtohet.",
        "Njëzet video, një fushatë që arrin 30 000 njerëz dhe një udhëzues për moderimin.",
        "Të rinj 15 deri 25 vjeç, administratorë të grupeve dhe portaleve lokale.",
    ),
    (
        "Hapësirë rinore në lagje",
        "Rregullimi i një salle në njësinë e lagjes për takime dhe punëtori të të rinjve.",
        "Të rinjtë e lagjes nuk kanë një vend ku të takohen të sigurt.",
        "Hapësirë e hapur me program dy herë në javë dhe një këshill rinor i lagjes.",
        "Të rinj 14 deri 24 vjeç nga lagjja dhe lagjet fqinje.",
    ),
    (
        "Sport pa kufij: liga ndëretnike për të rinjtë",
        "Ekipe të përziera nga shkolla dhe komunitete të ndryshme luajnë në një ligë gjatë vitit.",
        "Të rinjtë nga komunitete të ndryshme rrallë shoqërohen jashtë shkollave të tyre.",
        "Gjashtëmbëdhjetë ekipe të përziera, një turne përmbyllës dhe takime të trajnerëve.",
        "Nxënës 12 deri 18 vjeç dhe trajnerët e tyre.",
    ),
    (
        "Prindërit dhe shkolla: shkrim-lexim digjital për familjet",
        "Punëtori në mbrëmje për prindërit mbi sigurinë e fëmijëve në internet.",
        "Prindërit nuk dinë si të dallojnë ngacmimin dhe përmbajtjet radikale në internet.",
        "Treqind prindër në punëtori; një broshurë në shqip dhe në gjuhët e komuniteteve.",
        "Prindër të nxënësve të shkollave 9-vjeçare.",
    ),
    (
        "Qytet për të gjithë: festival shumëkulturor",
        "Festival tre-ditor me muzikë, ushqime dhe tradita të komuniteteve të qytetit.",
        "Qytetarët rrallë kanë ngjarje të përbashkëta që festojnë të gjitha komunitetet.",
        "Festival me 3 000 vizitorë dhe pjesëmarrje të të gjitha komuniteteve në program.",
        "Qytetarët, sidomos të rinjtë dhe familjet.",
    ),
    (
        "Konsultime për Planin Vendor të Parandalimit 2026–2028",
        "Konsultime me qytetarët dhe institucionet për planin e ri vendor të parandalimit.",
        "Plani aktual skadon dhe qytetarët nuk u përfshinë në hartimin e tij.",
        "Gjashtë konsultime publike, një vizitë studimore dhe një projektplan para Këshillit.",
        "Qytetarë, njësi lagjesh, institucione dhe organizata të shoqërisë civile.",
    ),
    (
        "Mbështetje për familjet: trajnim për punonjësit profesionistë",
        "Trajnim dhe supervizim për punonjësit socialë që punojnë me familje në rrezik.",
        "Punonjësit nuk kanë trajnim për punën me familje të prekura nga radikalizimi.",
        "25 punonjës profesionistë të trajnuar dhe supervizim i rregullt i vendosur.",
        "Punonjës socialë, psikologë dhe pedagogë nga institucionet e qytetit.",
    ),
)

SR: tuple[Texts, ...] = (
    (
        "Bezbedne škole: mreža mladih medijatora",
        "Obuka učenika iz šest osnovnih i srednjih škola za vršnjačku medijaciju.",
        "Nastavnici prijavljuju česte sukobe među učenicima iz različitih zajednica.",
        "Obučeno 60 medijatora; medijacijski tim u svakoj školi; manje incidenata.",
        "Učenici od 13 do 18 godina, nastavnici i stručne službe.",
    ),
    (
        "Zajedno protiv govora mržnje na internetu",
        "Mladi autori pripremaju video-snimke i objave koje odgovaraju na govor mržnje.",
        "Pred izbore govor mržnje na lokalnim portalima raste.",
        "Dvadeset video-snimaka, kampanja koja dopire do 30 000 ljudi, vodič za moderiranje.",
        "Mladi od 15 do 25 godina, administratori lokalnih grupa i portala.",
    ),
    (
        "Omladinski prostor u mesnoj zajednici",
        "Uređenje prostorije u mesnoj zajednici za omladinske susrete i radionice.",
        "Mladi iz naselja nemaju mesto gde mogu bezbedno da se okupljaju.",
        "Otvoren prostor sa programom dva puta nedeljno i omladinski savet naselja.",
        "Mladi od 14 do 24 godine iz mesne zajednice i susednih naselja.",
    ),
    (
        "Sport bez granica: međuetničke lige za mlade",
        "Mešovite ekipe iz različitih škola i zajednica igraju ligu tokom cele godine.",
        "Mladi iz različitih zajednica retko se druže van svojih škola.",
        "Šesnaest mešovitih ekipa, završni turnir i susreti trenera.",
        "Učenici od 12 do 18 godina i njihovi treneri.",
    ),
    (
        "Roditelji i škola: digitalna pismenost za porodice",
        "Večernje radionice za roditelje o bezbednosti dece na internetu.",
        "Roditelji ne znaju kako da prepoznaju uznemiravanje i radikalne sadržaje na mreži.",
        "Trista roditelja na radionicama; brošura na srpskom i bosanskom jeziku.",
        "Roditelji učenika osnovnih škola.",
    ),
    (
        "Grad za sve: multikulturni festival",
        "Trodnevni festival muzike, hrane i tradicija zajednica u gradu.",
        "Građani retko imaju zajedničke događaje koji slave sve zajednice.",
        "Festival sa 3 000 posetilaca i učešćem svih zajednica u programu.",
        "Građani, posebno mladi i porodice.",
    ),
    (
        "Konsultacije o Lokalnom planu prevencije 2026–2028",
        "Konsultacije sa građanima i institucijama o novom lokalnom planu prevencije.",
        "Važeći plan ističe, a građani nisu bili uključeni u njegovu izradu.",
        "Šest javnih konsultacija, studijska poseta i nacrt plana pred Skupštinom grada.",
        "Građani, mesne zajednice, institucije i organizacije civilnog društva.",
    ),
    (
        "Podrška porodicama: obuka za stručne radnike",
        "Obuka i supervizija za socijalne radnike koji rade sa porodicama u riziku.",
        "Stručni radnici nemaju obuku za rad sa porodicama pogođenim radikalizacijom.",
        "Obučeno 25 stručnih radnika i uspostavljena redovna supervizija.",
        "Socijalni radnici, psiholozi i pedagozi iz gradskih institucija.",
    ),
)


# The budget lines' descriptions, in the order the templates list them.
SQ_LINES: tuple[str, ...] = (
    "Honorare për trajnerët (ditë trajnimi)",
    "Salla dhe pije freskuese për trajnimet",
    "Manuale dhe materiale për ndërmjetësit",
    "Transporti i nxënësve nga fshatrat përreth",
    "Promovimi i ndërmjetësimit në shkolla",
    "Prodhim video (montazh dhe titra në dy gjuhë)",
    "Postime të sponsorizuara në rrjetet sociale",
    "Mentorë për krijuesit e rinj",
    "Punëtori për krijuesit",
    "Laptop, projektor dhe altoparlantë",
    "Tavolina, karrige dhe rafte",
    "Lyerje dhe riparime të vogla",
    "Punonjës rinor (me kohë të pjesshme, muaj)",
    "Fanella dhe topa për ekipet",
    "Gjyqtarë dhe qiraja e palestrës",
    "Transporti i ekipeve",
    "Kupa dhe mirënjohje",
    "Trajnerë për punëtoritë",
    "Broshurë në dy gjuhë (shtypja)",
    "Pije freskuese për punëtoritë",
    "Skenë, zë dhe ndriçim",
    "Honorare për interpretuesit",
    "Postera, billborde dhe njoftime",
    "Siguria dhe ndihma e parë në ngjarje",
    "Moderator i konsultimeve",
    "Vizitë studimore në një bashki partnere",
    "Salla për konsultimet",
    "Shtypja e projektplanit",
    "Trajnerë dhe supervizorë",
    "Salla dhe pije freskuese",
    "Materiale për trajnimin",
)

SR_LINES: tuple[str, ...] = (
    "Honorari za trenere (dani obuke)",
    "Sala i osveženje za obuke",
    "Priručnici i materijali za medijatore",
    "Prevoz učenika iz okolnih sela",
    "Promocija medijacije u školama",
    "Video-produkcija (montaža i titlovi na dva jezika)",
    "Sponzorisane objave na društvenim mrežama",
    "Mentori za mlade autore",
    "Radionice za autore",
    "Laptop, projektor i zvučnici",
    "Stolovi, stolice i police",
    "Krečenje i sitne popravke",
    "Omladinski radnik (skraćeno radno vreme, meseci)",
    "Dresovi i lopte za ekipe",
    "Sudije i zakup sportske sale",
    "Prevoz ekipa",
    "Pehari i priznanja",
    "Treneri za radionice",
    "Brošura na dva jezika (štampa)",
    "Osveženje za radionice",
    "Bina, ozvučenje i rasveta",
    "Honorari za izvođače",
    "Plakati, bilbordi i objave",
    "Bezbednost i prva pomoć na događaju",
    "Moderator konsultacija",
    "Studijska poseta partnerskoj opštini",
    "Sale za konsultacije",
    "Štampa nacrta plana",
    "Treneri i supervizori",
    "Sala i osveženje",
    "Materijali za obuku",
)

BY_LANGUAGE: dict[str, tuple[Texts, ...]] = {"sq": SQ, "sr_Latn": SR}
LINES: dict[str, tuple[str, ...]] = {"sq": SQ_LINES, "sr_Latn": SR_LINES}


def templates_for(country: str) -> tuple[Template, ...]:
    """The proposal templates with the texts of the country's language (Macedonian otherwise)."""
    language = LANGUAGE_BY_COUNTRY.get(country, "mk")
    local = BY_LANGUAGE.get(language)
    if local is None:
        return TEMPLATES
    descriptions = iter(LINES[language])
    return tuple(
        template._replace(
            title=title,
            summary=summary,
            problem=problem,
            objectives=aims,
            target_groups=groups,
            lines=tuple(line._replace(description=next(descriptions)) for line in template.lines),
        )
        for template, (title, summary, problem, aims, groups) in zip(TEMPLATES, local, strict=True)
    )


class Words(NamedTuple):
    """What the proposals' history, decisions and reports say, in one language."""

    status_comments: dict[str, str]
    conditions: tuple[str, ...]
    results: str
    partners: tuple[str, ...]  # as many as demo_data.PARTNERS, so the same draws pick them


MK_WORDS = Words(STATUS_COMMENTS, CONDITIONS, RESULTS, PARTNER_POOL)
SQ_WORDS = Words(
    {
        "submitted": "Propozimi iu dërgua Qendrës Rajonale.",
        "under_review": "Propozimi është në shqyrtim te komisioni i Fondit.",
        "changes_requested": "Ju lutemi sqaroni buxhetin dhe grupet e synuara.",
        "approved": "Miratuar sipas vendimit të komisionit të Fondit.",
        "rejected": "Propozimi nuk i plotëson kriteret e kësaj thirrjeje.",
        "in_implementation": "Kontrata u nënshkrua; zbatimi fillon.",
        "completed": "U dorëzua raporti përfundimtar narrativ dhe financiar.",
    },
    (
        "Raport për ecurinë pas tre muajsh.",
        "Dukshmëria e Fondit në të gjitha materialet.",
        "Buxheti për pajisje u ul; zërat e tjerë mbeten.",
    ),
    "Të gjitha aktivitetet e planifikuara u zbatuan. Morën pjesë {people} persona, më shumë se "
    "gjysma të rinj. Bashkia i përfshiu rekomandimet në programin e saj për vitin e ardhshëm.",
    (
        "Këshilli Rinor Vendor",
        "Shkolla e Mesme „Kostandin Kristoforidhi“",
        "Shkolla 9-vjeçare „Naim Frashëri“",
        "Kryqi i Kuq — Dega Elbasan",
        "Qendra Rinore Elbasan",
        "Shoqata „Ardhmëria“",
        "Drejtoria Vendore e Policisë",
        "Shërbimi Social Shtetëror",
        "Shoqata për Bashkëpunim Shumëkulturor „Ura“",
    ),
)
SR_WORDS = Words(
    {
        "submitted": "Predlog je dostavljen Regionalnom centru.",
        "under_review": "Predlog razmatra komisija Fonda.",
        "changes_requested": "Molimo pojasnite budžet i ciljne grupe.",
        "approved": "Odobreno prema odluci komisije Fonda.",
        "rejected": "Predlog ne ispunjava kriterijume ovog poziva.",
        "in_implementation": "Ugovor je potpisan; sprovođenje počinje.",
        "completed": "Dostavljen je završni narativni i finansijski izveštaj.",
    },
    (
        "Izveštaj o napretku posle tri meseca.",
        "Vidljivost Fonda na svim materijalima.",
        "Budžet za opremu je smanjen; ostale stavke ostaju.",
    ),
    "Sve planirane aktivnosti su sprovedene. Učestvovalo je {people} osoba, od toga više od "
    "polovine mladih. Grad je preporuke uključio u svoj program za narednu godinu.",
    (
        "Kancelarija za mlade",
        "Gimnazija Novi Pazar",
        "OŠ „Vuk Karadžić“",
        "Crveni krst Novi Pazar",
        "Omladinski centar Novi Pazar",
        "Udruženje „Budućnost“",
        "Policijska uprava Novi Pazar",
        "Centar za socijalni rad",
        "Udruženje za multikulturnu saradnju „Most“",
    ),
)
WORDS: dict[str, Words] = {"sq": SQ_WORDS, "sr_Latn": SR_WORDS}


def words_for(country: str) -> Words:
    """The history, decision and report words of the country's language (Macedonian otherwise)."""
    return WORDS.get(LANGUAGE_BY_COUNTRY.get(country, "mk"), MK_WORDS)
