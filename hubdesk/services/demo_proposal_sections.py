"""The sections a reviewer reads, filled in for every demo proposal: the need, the workplan,
indicators (young people reached by gender and age band, with results once implemented),
beneficiaries, sustainability, partners' roles, the Do No Harm screening and an English summary.

The texts are in the language the demo municipality works in (Macedonian for Kumanovo,
Albanian for Elbasan, Serbian for Novi Pazar); the English summary is the donor's line of a
bilingual print. This runs after a block's proposals are made, fills their rows in place and
adds the child rows, so the records made before it are exactly what they were.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from hubdesk.domain.enums import ProposalStatus as S
from hubdesk.services import demo_fund_texts
from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY
from hubdesk.services.demo_rows import Block, Row


class Texts(NamedTuple):
    need: str
    beneficiaries: str
    sustainability: str
    partner_roles: str
    dnh_risks: str
    dnh_sensitive_groups: str
    dnh_stigma: str
    dnh_data_protection: str
    dnh_mitigation: str
    activities: tuple[tuple[str, str], ...]  # title, description
    indicators: tuple[str, str, str]  # young people reached, sessions held, share feeling safe
    units: tuple[str, str, str]
    verification: tuple[str, str, str]
    municipality: str  # who answers for an activity when no partner does


MK = Texts(
    need=(
        "Локалната проценка на потребите покажа дека младите од различни заедници ретко имаат "
        "заеднички простор и активности, а конфликтите во училиштата и на интернет растат. "
        "Советот за превенција ја постави оваа тема како приоритет за следните две години."
    ),
    beneficiaries=(
        "Директно: околу 120 млади од 15 до 24 години од сите заедници во општината. "
        "Индиректно: нивните семејства, наставниците и членовите на месните заедници."
    ),
    sustainability=(
        "Општината ги презема трошоците за просторот по завршувањето на проектот; обучените "
        "млади продолжуваат како волонтери во Младинскиот центар, а материјалите остануваат "
        "достапни за училиштата."
    ),
    partner_roles=(
        "Општината го води проектот и го обезбедува просторот; Младинскиот совет ги избира "
        "учесниците и ги води работилниците; училиштата ги информираат родителите и "
        "обезбедуваат наставници за придружба."
    ),
    dnh_risks=(
        "Учеството може да ги изложи младите на притисок од врсници или на навреди на интернет; "
        "јавниот настан може да привлече несакано внимание."
    ),
    dnh_sensitive_groups=(
        "Малолетници, млади Роми и млади од семејства во социјален ризик; за малолетниците е "
        "потребна писмена согласност од родителите."
    ),
    dnh_stigma=(
        "Проектот не зборува за „ризични“ млади ниту за екстремизам: активностите се отворени за "
        "сите, се водат од младите и од училиштата, а полицијата не учествува во работилниците."
    ),
    dnh_data_protection=(
        "Се водат само бројки по пол и возраст; имињата на списоците за присуство се чуваат "
        "заклучени во општината и се уништуваат по завршниот извештај. Фотографии само со "
        "согласност."
    ),
    dnh_mitigation=(
        "Обучен придружник на секоја активност, јасни правила за однесување, контакт-лице за "
        "пријавување непријатности и модерирање на објавите на социјалните мрежи."
    ),
    activities=(
        ("Подготовка и договор со партнерите", "Состанок со партнерите, план на активности."),
        ("Работилници со млади", "Серија работилници во училиштата и Младинскиот центар."),
        ("Јавен настан во заедницата", "Младите ги претставуваат резултатите пред граѓаните."),
        ("Евалуација и завршен извештај", "Анкета со учесниците и извештај до Фондот."),
    ),
    indicators=(
        "Млади што учествувале во активностите",
        "Одржани работилници",
        "Учесници што се чувствуваат побезбедно во заедницата",
    ),
    units=("лица", "работилници", "%"),
    verification=(
        "Списоци за присуство (само бројки)",
        "Агенда и фотографии од работилниците",
        "Анкета пред и по проектот",
    ),
    municipality="Општина",
)

SQ = Texts(
    need=(
        "Vlerësimi vendor i nevojave tregoi se të rinjtë nga komunitete të ndryshme rrallë "
        "kanë hapësira dhe aktivitete të përbashkëta, ndërsa konfliktet në shkolla dhe në "
        "internet po shtohen. Këshilli për parandalim e ka vendosur këtë temë si përparësi."
    ),
    beneficiaries=(
        "Drejtpërdrejt: rreth 120 të rinj 15 deri 24 vjeç nga të gjitha lagjet e bashkisë. "
        "Tërthorazi: familjet e tyre, mësuesit dhe banorët e lagjeve."
    ),
    sustainability=(
        "Bashkia merr përsipër shpenzimet e hapësirës pas projektit; të rinjtë e trajnuar "
        "vazhdojnë si vullnetarë në qendrën rinore dhe materialet mbeten në dispozicion të "
        "shkollave."
    ),
    partner_roles=(
        "Bashkia drejton projektin dhe siguron hapësirën; Këshilli Rinor përzgjedh "
        "pjesëmarrësit dhe drejton punëtoritë; shkollat informojnë prindërit dhe caktojnë "
        "mësues shoqërues."
    ),
    dnh_risks=(
        "Pjesëmarrja mund t'i ekspozojë të rinjtë ndaj presionit nga bashkëmoshatarët ose "
        "fyerjeve në internet; ngjarja publike mund të tërheqë vëmendje të padëshiruar."
    ),
    dnh_sensitive_groups=(
        "Të mitur, të rinj romë dhe egjiptianë dhe të rinj nga familje në rrezik social; për "
        "të miturit kërkohet pëlqimi me shkrim i prindërve."
    ),
    dnh_stigma=(
        "Projekti nuk flet për të rinj „në rrezik“ as për ekstremizëm: aktivitetet janë të "
        "hapura për të gjithë, drejtohen nga të rinjtë dhe shkollat, dhe policia nuk merr "
        "pjesë në punëtori."
    ),
    dnh_data_protection=(
        "Mbahen vetëm numra sipas gjinisë dhe moshës; emrat në listat e pjesëmarrjes ruhen të "
        "mbyllura në bashki dhe asgjësohen pas raportit përfundimtar. Fotografi vetëm me "
        "pëlqim."
    ),
    dnh_mitigation=(
        "Një shoqërues i trajnuar në çdo aktivitet, rregulla të qarta sjelljeje, një person "
        "kontakti për ankesa dhe moderim i postimeve në rrjetet sociale."
    ),
    activities=(
        ("Përgatitja dhe marrëveshja me partnerët", "Takim me partnerët, plani i punës."),
        ("Punëtori me të rinjtë", "Një cikël punëtorish në shkolla dhe në qendrën rinore."),
        ("Ngjarje publike në komunitet", "Të rinjtë ua paraqesin rezultatet qytetarëve."),
        ("Vlerësimi dhe raporti përfundimtar", "Anketë me pjesëmarrësit dhe raport për Fondin."),
    ),
    indicators=(
        "Të rinj që morën pjesë në aktivitete",
        "Punëtori të zhvilluara",
        "Pjesëmarrës që ndihen më të sigurt në komunitet",
    ),
    units=("persona", "punëtori", "%"),
    verification=(
        "Listat e pjesëmarrjes (vetëm numra)",
        "Axhenda dhe fotografi nga punëtoritë",
        "Anketë para dhe pas projektit",
    ),
    municipality="Bashkia",
)

SR = Texts(
    need=(
        "Lokalna procena potreba pokazala je da mladi iz različitih zajednica retko imaju "
        "zajednički prostor i aktivnosti, a sukobi u školama i na internetu su sve češći. "
        "Savet za prevenciju je ovu temu postavio kao prioritet za naredne dve godine."
    ),
    beneficiaries=(
        "Neposredno: oko 120 mladih od 15 do 24 godine iz svih mesnih zajednica. "
        "Posredno: njihove porodice, nastavnici i stanovnici mesnih zajednica."
    ),
    sustainability=(
        "Grad preuzima troškove prostora posle završetka projekta; obučeni mladi nastavljaju "
        "kao volonteri u Kancelariji za mlade, a materijali ostaju dostupni školama."
    ),
    partner_roles=(
        "Grad vodi projekat i obezbeđuje prostor; Kancelarija za mlade bira učesnike i vodi "
        "radionice; škole obaveštavaju roditelje i obezbeđuju nastavnike za pratnju."
    ),
    dnh_risks=(
        "Učešće može mlade izložiti pritisku vršnjaka ili uvredama na internetu; javni događaj "
        "može privući neželjenu pažnju."
    ),
    dnh_sensitive_groups=(
        "Maloletnici, mladi Romi i mladi iz porodica u socijalnom riziku; za maloletnike je "
        "potrebna pismena saglasnost roditelja."
    ),
    dnh_stigma=(
        "Projekat ne govori o „rizičnim“ mladima niti o ekstremizmu: aktivnosti su otvorene za "
        "sve, vode ih mladi i škole, a policija ne učestvuje u radionicama."
    ),
    dnh_data_protection=(
        "Vode se samo brojevi po polu i uzrastu; imena sa spiskova prisutnih čuvaju se "
        "zaključana u gradskoj upravi i uništavaju se posle završnog izveštaja. Fotografije "
        "samo uz saglasnost."
    ),
    dnh_mitigation=(
        "Obučen pratilac na svakoj aktivnosti, jasna pravila ponašanja, kontakt-osoba za "
        "prijavu neprijatnosti i moderiranje objava na društvenim mrežama."
    ),
    activities=(
        ("Priprema i dogovor sa partnerima", "Sastanak sa partnerima, plan aktivnosti."),
        ("Radionice sa mladima", "Serija radionica u školama i Kancelariji za mlade."),
        ("Javni događaj u zajednici", "Mladi predstavljaju rezultate građanima."),
        ("Evaluacija i završni izveštaj", "Anketa sa učesnicima i izveštaj Fondu."),
    ),
    indicators=(
        "Mladi koji su učestvovali u aktivnostima",
        "Održane radionice",
        "Učesnici koji se osećaju bezbednije u zajednici",
    ),
    units=("osobe", "radionice", "%"),
    verification=(
        "Spiskovi prisutnih (samo brojevi)",
        "Agenda i fotografije sa radionica",
        "Anketa pre i posle projekta",
    ),
    municipality="Grad",
)

BY_LANGUAGE = {"mk": MK, "sq": SQ, "sr_Latn": SR, "bs": SR, "cnr": SR}

# The English summary of each demo proposal, by its (Macedonian) title.
ENGLISH_SUMMARIES: dict[str, str] = dict(
    zip(
        (t.title for t in demo_fund_texts.TEMPLATES),
        (
            "Pupils of six primary and secondary schools are trained as peer mediators.",
            "Young creators make videos and posts that answer hate speech online.",
            "A room in the neighbourhood council is refitted for youth meetings and workshops.",
            "Mixed teams from different schools and communities play in a year-long league.",
            "Evening workshops teach parents how to keep their children safe online.",
            "A three-day festival of the music, food and traditions of the town's communities.",
            "Citizens and institutions are consulted on the new local prevention plan.",
            "Social workers who support families at risk get training and supervision.",
        ),
        strict=True,
    )
)
# (gender, age band, target range) for the people-reached indicator.
PEOPLE_ROWS = (
    ("female", "15_19", (20, 40)),
    ("male", "15_19", (20, 40)),
    ("female", "20_24", (10, 25)),
    ("male", "20_24", (10, 25)),
)
IMPLEMENTED = (S.IN_IMPLEMENTATION.value, S.COMPLETED.value)


def build_proposal_sections(block: Block) -> None:
    """Fill every proposal of ``block`` with its sections, workplan and indicators."""
    texts = BY_LANGUAGE.get(LANGUAGE_BY_COUNTRY.get(block.plan.country, "mk"), MK)
    for proposal in block.rows["fund_proposals"]:
        proposal.update(
            {name: getattr(texts, name) for name in Texts._fields if name.startswith("dnh_")},
            need=texts.need,
            beneficiaries=texts.beneficiaries,
            sustainability=texts.sustainability,
            partner_roles=texts.partner_roles,
            summary_en=ENGLISH_SUMMARIES.get(proposal["title"], ""),
        )
        _workplan(block, proposal, texts)
        _indicators(block, proposal, texts)


def _workplan(block: Block, proposal: Row, texts: Texts) -> None:
    start: dt.date = proposal["period_start"]
    end: dt.date = proposal["period_end"]
    days = max((end - start).days, 4)
    partners = [p for p in proposal["partners"].split(", ") if p] or [texts.municipality]
    shares = ((0.0, 0.15), (0.1, 0.75), (0.75, 0.85), (0.85, 1.0))
    for position, ((title, description), (first, last)) in enumerate(
        zip(texts.activities, shares, strict=True)
    ):
        responsible = texts.municipality if position in (0, 3) else block.rng.choice(partners)
        block.add(
            "proposal_activities",
            proposal["updated_at"],
            {
                "proposal_id": proposal["id"],
                "position": position,
                "title": title,
                "description": description,
                "starts_on": start + dt.timedelta(days=int(days * first)),
                "ends_on": start + dt.timedelta(days=int(days * last)),
                "responsible": responsible,
                "submission": proposal["submission"],
            },
        )


def _result(block: Block, proposal: Row, baseline: int, target: int) -> int | None:
    """What the implementation report says was reached: about the target once completed, part
    of the way from the baseline (or not yet counted) while being implemented."""
    if proposal["status"] == S.COMPLETED.value:
        share = block.rng.uniform(0.8, 1.15)
    elif proposal["status"] == S.IN_IMPLEMENTATION.value and block.rng.random() < 0.7:
        share = block.rng.uniform(0.3, 0.7)
    else:
        return None
    return baseline + round((target - baseline) * share)


def _indicators(block: Block, proposal: Row, texts: Texts) -> None:
    rng = block.rng
    rows: list[tuple[str, str, str | None, str | None, int, int, str]] = [
        (texts.indicators[0], texts.units[0], gender, band, 0, rng.randint(*span),
         texts.verification[0])
        for gender, band, span in PEOPLE_ROWS
    ]  # fmt: skip
    rows.append(
        (texts.indicators[1], texts.units[1], None, None, 0, rng.randint(6, 12),
         texts.verification[1])
    )  # fmt: skip
    baseline = rng.randint(35, 50)
    rows.append(
        (texts.indicators[2], texts.units[2], None, None, baseline,
         baseline + rng.randint(10, 25), texts.verification[2])
    )  # fmt: skip
    for position, (name, unit, gender, band, base, target, verification) in enumerate(rows):
        result = (
            _result(block, proposal, base, target) if proposal["status"] in IMPLEMENTED else None
        )
        if result is not None and unit == "%":
            result = min(result, 100)
        block.add(
            "proposal_indicators",
            proposal["updated_at"],
            {
                "proposal_id": proposal["id"],
                "position": position,
                "name": name,
                "unit": unit,
                "gender": gender,
                "age_band": band,
                "baseline": base,
                "target": target,
                "result": result,
                "verification": verification,
                "submission": proposal["submission"],
            },
        )
