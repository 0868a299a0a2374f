"""The demo proposals' comment threads: the municipality and the hub writing back and forth.

Each proposal gets the exchanges its history allows (a look at the draft, a question during the
review, the answer to requested changes, a word at the start of implementation), dated between
the status changes they belong to and written in the municipality's own language. The hub's
comments are stamped with the demo hub's installation id, like its status changes, so
``hubdesk demo --role hub`` claims them and signs them when it exports.

A generator of its own (seeded from the demo's seed and the proposal) keeps every other demo
row exactly as it was before threads existed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hubdesk.domain.enums import ProposalStatus as S
from hubdesk.domain.enums import Role
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, Row, seeded_uuid

M, H = Role.MUNICIPALITY.value, Role.HUB.value
# Which exchange follows which step of a proposal's history (the draft's before any step).
EXCHANGE_AFTER = {
    S.UNDER_REVIEW: "review",
    S.CHANGES_REQUESTED: "changes",
    S.IN_IMPLEMENTATION: "implementation",
}

# Per country: the focal point's and the hub officer's names, then each exchange in turn.
Lines = tuple[tuple[str, str], ...]
THREADS: dict[str, tuple[str, str, dict[str, Lines]]] = {
    "MK": (
        "Ана Петровска",
        "Марко Илиевски",
        {
            "draft": (
                (
                    M,
                    "Ја подготвивме првата верзија. Дали може да го погледнете буџетот пред да го"
                    " доставиме?",
                ),
                (
                    H,
                    "Идејата е добра. Закупот на салата е висок; спортската сала во училиштето би"
                    " можела да биде бесплатна. Додајте и како ќе ги вклучите девојчињата.",
                ),
            ),
            "review": (
                (H, "Како ќе ги достигнете младите од селата, а не само од центарот на градот?"),
                (
                    M,
                    "Младинскиот совет има членови во четири села; за секоја средба ќе "
                    "организираме превоз.",
                ),
            ),
            "changes": (
                (
                    M,
                    "Ја намаливме ставката за опрема и ги додадовме селата во целните групи. "
                    "Ревидираниот буџет е во предлогот.",
                ),
                (
                    H,
                    "Ви благодариме, ова одговара на нашите прашања. Предлогот повторно оди на "
                    "комисијата.",
                ),
            ),
            "implementation": (
                (
                    H,
                    "Честитки за почетокот. Чувајте ги списоците на присутни; во извештајот за "
                    "напредок се бараат бројки по пол и возраст.",
                ),
                (
                    M,
                    "Забележано. На првата работилница учествуваа 34 млади; списоците се чуваат "
                    "во општината.",
                ),
            ),
        },
    ),
    "AL": (
        "Arta Hoxha",
        "Elira Gashi",
        {
            "draft": (
                (M, "Kemi gati draftin e parë. A mund ta shikoni buxhetin para se ta dorëzojmë?"),
                (
                    H,
                    "Ideja është e mirë. Qiraja e sallës duket e lartë; palestra e shkollës mund "
                    "të jetë falas. Shtoni edhe si do t'i përfshini vajzat.",
                ),
            ),
            "review": (
                (H, "Si do t'i arrini të rinjtë nga fshatrat, jo vetëm nga qendra e qytetit?"),
                (
                    M,
                    "Këshilli rinor ka anëtarë në katër fshatra; për çdo takim do të organizojmë "
                    "transport.",
                ),
            ),
            "changes": (
                (
                    M,
                    "E ulëm zërin për pajisjet dhe i shtuam fshatrat te grupet e synuara. Buxheti"
                    " i rishikuar është në propozim.",
                ),
                (
                    H,
                    "Faleminderit, kjo u përgjigjet pyetjeve tona. Propozimi shkon sërish te "
                    "komisioni.",
                ),
            ),
            "implementation": (
                (
                    H,
                    "Urime për fillimin. Ruani listat e pjesëmarrjes; raporti i progresit kërkon "
                    "shifra sipas gjinisë dhe moshës.",
                ),
                (
                    M,
                    "U shënua. Në punëtorinë e parë morën pjesë 34 të rinj; listat ruhen në zyrën"
                    " tonë.",
                ),
            ),
        },
    ),
    "RS": (
        "Милица Јовановић",
        "Немања Петровић",
        {
            "draft": (
                (
                    M,
                    "Припремили смо прву верзију. Можете ли да погледате буџет пре него што је "
                    "предамо?",
                ),
                (
                    H,
                    "Идеја је добра. Закуп сале делује скупо; фискултурна сала у школи могла би "
                    "бити бесплатна. Додајте и како ћете укључити девојке.",
                ),
            ),
            "review": (
                (H, "Како ћете допрети до младих из села, а не само из центра града?"),
                (
                    M,
                    "Омладински савет има чланове у четири села; за сваки сусрет организоваћемо "
                    "превоз.",
                ),
            ),
            "changes": (
                (
                    M,
                    "Смањили смо ставку за опрему и додали села у циљне групе. Ревидирани буџет "
                    "је у предлогу.",
                ),
                (H, "Хвала, ово одговара на наша питања. Предлог поново иде пред комисију."),
            ),
            "implementation": (
                (
                    H,
                    "Честитамо на почетку. Чувајте спискове присутних; у извештају о напретку "
                    "траже се бројеви по полу и узрасту.",
                ),
                (
                    M,
                    "Забележено. На првој радионици учествовале су 34 младе особе; спискови се "
                    "чувају у општини.",
                ),
            ),
        },
    ),
    "BA": (
        "Amra Hadžić",
        "Emir Kovačević",
        {
            "draft": (
                (
                    M,
                    "Pripremili smo prvu verziju. Možete li pogledati budžet prije nego što je "
                    "predamo?",
                ),
                (
                    H,
                    "Ideja je dobra. Zakup sale djeluje skupo; fiskulturna sala u školi mogla bi "
                    "biti besplatna. Dodajte i kako ćete uključiti djevojke.",
                ),
            ),
            "review": (
                (H, "Kako ćete doprijeti do mladih iz sela, a ne samo iz centra grada?"),
                (
                    M,
                    "Vijeće mladih ima članove u četiri sela; za svaki susret organizovat ćemo "
                    "prevoz.",
                ),
            ),
            "changes": (
                (
                    M,
                    "Smanjili smo stavku za opremu i dodali sela u ciljne grupe. Revidirani "
                    "budžet je u prijedlogu.",
                ),
                (H, "Hvala, ovo odgovara na naša pitanja. Prijedlog ponovo ide pred komisiju."),
            ),
            "implementation": (
                (
                    H,
                    "Čestitamo na početku. Čuvajte spiskove prisutnih; u izvještaju o napretku "
                    "traže se brojevi po spolu i dobi.",
                ),
                (
                    M,
                    "Zabilježeno. Na prvoj radionici učestvovale su 34 mlade osobe; spiskovi se "
                    "čuvaju u općini.",
                ),
            ),
        },
    ),
    "ME": (
        "Jelena Vuković",
        "Nikola Radović",
        {
            "draft": (
                (
                    M,
                    "Pripremili smo prvu verziju. Možete li pogledati budžet prije nego što je "
                    "predamo?",
                ),
                (
                    H,
                    "Ideja je dobra. Zakup sale djeluje skupo; fiskulturna sala u školi mogla bi "
                    "biti besplatna. Dodajte i kako ćete uključiti djevojke.",
                ),
            ),
            "review": (
                (H, "Kako ćete doprijeti do mladih iz sela, a ne samo iz centra grada?"),
                (
                    M,
                    "Savjet mladih ima članove u četiri sela; za svaki susret organizovaćemo "
                    "prevoz.",
                ),
            ),
            "changes": (
                (
                    M,
                    "Smanjili smo stavku za opremu i dodali sela u ciljne grupe. Revidirani "
                    "budžet je u predlogu.",
                ),
                (H, "Hvala, ovo odgovara na naša pitanja. Predlog ponovo ide pred komisiju."),
            ),
            "implementation": (
                (
                    H,
                    "Čestitamo na početku. Čuvajte spiskove prisutnih; u izvještaju o napretku "
                    "traže se brojevi po polu i uzrastu.",
                ),
                (
                    M,
                    "Zabilježeno. Na prvoj radionici učestvovale su 34 mlade osobe; spiskovi se "
                    "čuvaju u opštini.",
                ),
            ),
        },
    ),
}
THREADS["XK"] = (
    "Blerta Krasniqi",
    "Elira Gashi",
    THREADS["AL"][2],
)


def build_thread(block: Block, proposal: Row, steps: list[tuple[Any, dt.date]]) -> None:
    """The thread of one demo proposal, from the steps (``(step, day)``) of its history."""
    plan = block.plan
    rng = random.Random(f"hubdesk-demo-thread:{plan.seed}:{proposal['id']}")
    focal, officer, talks = THREADS.get(plan.country, THREADS["MK"])
    last = plan.today - dt.timedelta(days=1)
    days = [day for _step, day in steps]
    if days:  # submitted 10 to 30 days after it was created: the week before is a draft's
        windows = [("draft", days[0] - dt.timedelta(days=8), days[0] - dt.timedelta(days=1))]
    else:
        windows = [("draft", proposal["updated_at"].date(), last)]
    for number, (step, day) in enumerate(steps):
        talk = EXCHANGE_AFTER.get(step[1])
        if talk is not None:
            end = days[number + 1] - dt.timedelta(days=1) if number + 1 < len(days) else last
            windows.append((talk, day, end))
    for talk, first_day, last_day in windows:
        if last_day < first_day or (days and talk == "draft" and rng.random() < 0.5):
            continue  # no room, or a draft not shown to the hub before it was submitted
        day, previous = first_day, None
        for role, text in talks[talk]:
            day += dt.timedelta(days=rng.randint(0, min((last_day - day).days, 4)))
            moment = dt.datetime.combine(
                day, dt.time(rng.randint(9, 16), rng.randrange(0, 60, 5)), dt.UTC
            )
            if previous is not None and moment <= previous:  # an answer follows its question
                moment = previous + dt.timedelta(minutes=rng.randrange(30, 180, 5))
            previous = moment
            author = DEMO_HUB_INSTALLATION_ID if role == H else None
            block.add(
                "proposal_comments",
                moment,
                {
                    "proposal_id": proposal["id"],
                    "author_role": role,
                    "author_name": officer if role == H else focal,
                    "written_at": min(moment, plan.cutoff),
                    "body": text,
                    "status_change_id": None,
                    "hub_signature": None,
                },
                author=author,
                record_id=seeded_uuid(rng),
            )
