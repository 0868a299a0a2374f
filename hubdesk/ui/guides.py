"""The short guide F1 opens for each page, written for a municipal officer in the first week.

Each guide says what the page is for, the few things people do there, and where to go next.
The words are messages like any other (translated in the catalogs, shown in the language chosen
now); they name the page's buttons as the page labels them, so a translator keeps the two alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from hubdesk.i18n import N_


@dataclass(frozen=True)
class Guide:
    title: str  # msgid: the page's name, as in the sidebar
    intro: str  # msgid: what the page is for
    steps: tuple[str, ...]  # msgids: what people do there
    next: str  # msgid: where to go next


GUIDES: dict[str, Guide] = {
    "dashboard": Guide(
        N_("Dashboard"),
        N_(
            "The Dashboard shows your team's last twelve months at a glance: members, "
            "meetings, attendance, action items, young people reached and money from the fund."
        ),
        (
            N_(
                "Click a number or a bar to open the list behind it, "
                "filtered the way it was counted."
            ),
            N_(
                "A number shown in red needs attention: something is late or waits for you, "
                "such as overdue action items, a quarter to submit, an overdue fund report, a "
                "question the hub has not answered in time or a follow-up that is due."
            ),
            N_(
                "Above the chart of young people reached, choose whether to split them by "
                "gender or by age band."
            ),
            N_(
                "At a regional hub the figures add up every municipality whose records have "
                "arrived."
            ),
        ),
        N_(
            "Where next: the figures come from the Team, Meetings, Youth and Fund pages; the "
            "Reports page prints them for the mayor, the council or a donor."
        ),
    ),
    "team": Guide(
        N_("Team"),
        N_(
            "The Team page lists the members of your prevention team: who they are, which "
            "sector they come from (school, police, social work and so on) and their role in "
            "the team."
        ),
        (
            N_("Describe the team once with “Team details”: its name, kind and mandate."),
            N_(
                "Add a person with “New member” (Ctrl+N). Double-click a member to correct "
                "their details."
            ),
            N_(
                "When someone leaves the team, enter the date they left instead of deleting "
                "them, so that past meetings still show who attended."
            ),
            N_(
                "Find people with the search field (Ctrl+F) and the filters. “Import…” adds or "
                "updates many members from a spreadsheet; “Print the roster” makes a PDF list."
            ),
        ),
        N_("Where next: record your team's meetings on the Meetings page."),
    ),
    "meetings": Guide(
        N_("Meetings"),
        N_(
            "The Meetings page keeps the team's meetings and, on its second tab, the action "
            "items agreed in them: who does what, and by when."
        ),
        (
            N_(
                "Record a meeting with “New meeting” (Ctrl+N): date, place, agenda, who "
                "attended and what was decided."
            ),
            N_(
                "In the meeting, add its action items, each with a person "
                "responsible and a due date."
            ),
            N_(
                "The “Action items” tab lists them all. Mark an item done when it is finished; "
                "“Only overdue” shows those past their due date."
            ),
            N_("Print the minutes from the meeting itself, once it is saved."),
        ),
        N_(
            "Where next: the Dashboard shows attendance over the year; the Reports page prints "
            "the minutes and summaries of a period."
        ),
    ),
    "community": Guide(
        N_("Community"),
        N_(
            "The Community page records the activities your team runs with adults: women's "
            "groups, religious communities, parents and minority communities."
        ),
        (
            N_(
                "Add an activity with “New activity” (Ctrl+N): who it was with, its themes, and "
                "the participants by gender and by inclusion group (counts only, never names)."
            ),
            N_("Filter by who took part, theme, pillar and period."),
            N_(
                "“Import…” adds activities from a spreadsheet; “Export…” saves the activities "
                "listed as one."
            ),
        ),
        N_(
            "Where next: the hub's regional report and donor summary show these counts, with "
            "small numbers hidden so that nobody can be recognised."
        ),
    ),
    "youth": Guide(
        N_("Youth"),
        N_(
            "The Youth page records the activities your team runs with and for young people "
            "(debates, trainings, campaigns, sports and more) and how many took part."
        ),
        (
            N_(
                "Add an activity with “New activity” (Ctrl+N): its type, dates, pillar of work "
                "and the participants by gender and age band."
            ),
            N_("Mark an activity as youth-led when young people organised it themselves."),
            N_(
                "Filter by type, pillar and period; the line above the list adds up the "
                "participants of the activities shown."
            ),
            N_(
                "“Import…” adds many activities from a spreadsheet; “Print the youth report” "
                "makes a PDF of the period."
            ),
        ),
        N_(
            "Where next: the Dashboard charts the young people reached each quarter; the "
            "Reports page prints the youth report for any period."
        ),
    ),
    "fund": Guide(
        N_("Fund"),
        N_(
            "The Fund page holds your proposals to the Technical Support Fund: what you plan "
            "to do, its budget, and where each proposal stands, from draft to approved."
        ),
        (
            N_(
                "Start a proposal with “New proposal” (Ctrl+N): title, dates, partners, the "
                "problem it addresses and its objectives."
            ),
            N_(
                "On its “Budget” tab add one line per cost (what, how many, at what price); "
                "HubDesk adds up the totals."
            ),
            N_(
                "When it is ready, use “Submit to the hub”. The proposal travels to the hub "
                "with your next sync, and the hub's decision comes back the same way."
            ),
            N_(
                "Once a project is approved and carried out, print its implementation report "
                "from the proposal."
            ),
        ),
        N_(
            "Where next: the Sync page sends a submitted proposal to the hub and brings its "
            "decision back."
        ),
    ),
    "periods": Guide(
        N_("Quarters"),
        N_(
            "The Quarters page is where a municipality hands each quarter of its records to the "
            "hub, and where the hub accepts them or returns them with a comment."
        ),
        (
            N_(
                "When a quarter has ended, choose it and click Submit to the hub. Its meetings, "
                "action items done in it and youth activities are locked from then on."
            ),
            N_(
                "The hub accepts the quarter, or returns it saying what to correct; a returned "
                "quarter is open again and must be submitted again."
            ),
            N_(
                "To correct a submitted or accepted quarter, choose it and click Reopen, and say "
                "why: the hub sees the reason, and the quarter must be submitted again."
            ),
        ),
        N_(
            "Where next: the Sync page carries your submission to the hub and brings its "
            "answer back."
        ),
    ),
    "calls": Guide(
        N_("Calls"),
        N_(
            "The Calls page holds what the regional hub publishes to every municipality: "
            "calls for proposals to the Technical Support Fund and guidance notes. They arrive "
            "with the hub's bundles and are read-only outside the hub."
        ),
        (
            N_(
                "Choose a call to read its dates, the ceiling per proposal in euros, the "
                "pillars it funds, who may apply, what the application must contain and how "
                "it will be scored; “Print the call” makes a PDF to share with your team."
            ),
            N_(
                "The line under the title says how many calls are open now and how many "
                "records the last bundle from the hub brought that are new."
            ),
            N_(
                "At the hub: “New call” writes a draft that stays on this computer; “Publish” "
                "sends it to every municipality with the next bundles; “Close the call” ends "
                "submissions. Guidance notes are written and published the same way."
            ),
            N_(
                "At the hub, the line under the title shows, for each municipality, how much "
                "of what you published it has received (its bundles confirm each import)."
            ),
        ),
        N_(
            "Where next: on the Fund page, a proposal names the call it answers; submitting "
            "it checks that the call is still open."
        ),
    ),
    "sync": Guide(
        N_("Sync"),
        N_(
            "The Sync page exchanges records between this computer and your regional hub (or "
            "your field laptop). They are not connected to each other: HubDesk writes the "
            "changes into a sync file (called a “bundle”), you send it by e-mail or carry it "
            "on a USB stick, and the other side reads it."
        ),
        (
            N_(
                "Connect once: each side gives the other its profile file. Then read the key "
                "fingerprint aloud by phone with the person at the other end, so that nobody "
                "else can pretend to be them."
            ),
            N_(
                "Send: make a sync file with the changes since the last one and give it to the "
                "hub. It is encrypted, so only the hub can read it."
            ),
            N_(
                "Receive: open the sync file the hub sent you. HubDesk shows what it will "
                "change before anything is saved."
            ),
            N_(
                "When a record was changed on both sides, HubDesk shows both versions and you "
                "choose which one to keep."
            ),
        ),
        N_(
            "Where next: the records received appear on the Dashboard and in the lists; a "
            "backup of the day is on the Settings page."
        ),
    ),
    "reports": Guide(
        N_("Reports"),
        N_(
            "The Reports page makes PDF documents from your records, ready for the mayor, "
            "the council, the hub or a donor."
        ),
        (
            N_("Choose the report and the period: this quarter, last year or your own dates."),
            N_(
                "Choose the language of the report; it need not be the language of the "
                "program. For donors, add English under the headings and labels."
            ),
            N_("Include e-mail addresses and phone numbers only when the reader needs them."),
            N_(
                "“Preview” shows the document's pages here; then “Save as…” keeps it where "
                "you choose, “Print…” sends it to a printer and “Open” shows it in your PDF "
                "program."
            ),
        ),
        N_(
            "Where next: if a figure looks wrong, correct the record on its own page (Team, "
            "Meetings, Youth or Fund) and make the report again."
        ),
    ),
    "settings": Guide(
        N_("Settings"),
        N_("The Settings page holds what concerns this installation of HubDesk as a whole."),
        (
            N_(
                "Language: the program switches at once; each report chooses its own "
                "language when it is printed."
            ),
            N_("This installation: its name and details, as the hub and your reports show them."),
            N_(
                "Backups: HubDesk makes one each day when it starts. “Back up now” makes one at "
                "once; “Restore selected” brings the data back as it was then."
            ),
            N_(
                "“Restore from a file…” takes a backup from elsewhere (a USB stick, an earlier "
                "PC). A backup of another installation is restored only after a second "
                "question, since this PC then becomes that installation."
            ),
            N_(
                "“About HubDesk and licences…” shows the version, where the data is kept and "
                "the licences."
            ),
        ),
        N_("Where next: to connect to your hub, go to the Sync page."),
    ),
    # peer learning (issue 14 §3)
    "exchanges": Guide(
        N_("Exchanges"),
        N_(
            "The Exchanges page keeps the study visits, peer reviews and joint training your "
            "municipality hosted or took part in. Each city records its own part; the hub joins "
            "the parts of one exchange, so it counts once for every city in it."
        ),
        (
            N_(
                "“New exchange”: say whether this municipality hosted or visited, name the other "
                "municipalities as you write them (the names typed before are offered), the "
                "dates, the topic and what was learned."
            ),
            N_(
                "At the hub: exchanges with the same host and overlapping dates are joined "
                "automatically; a city named by another but without its own part is marked "
                "“not confirmed”. Choose two exchanges and “Join the selected exchanges” when "
                "the cities wrote them differently, or “Separate the chosen part”."
            ),
        ),
        N_("Where next: the Sync page sends your parts to the hub."),
    ),
    "practices": Guide(
        N_("Practices"),
        N_(
            "The Practices page holds the good practices your municipality writes for other "
            "cities, and the library of good practices the hub published to every city."
        ),
        (
            N_(
                "“New good practice” or “From a completed proposal”: describe the context, the "
                "problem, what was done, the partners, the results, the cost and what another "
                "city needs to adapt it; give a role to contact, never a person's name."
            ),
            N_(
                "“Submit to the hub” sends it with the next bundle; the hub accepts it with its "
                "summary or returns it with a note, and publishes accepted ones to every city."
            ),
            N_("The library is read-only; “Print the practice” makes a PDF of one practice."),
        ),
        N_("Where next: the Sync page carries submissions to the hub and the library back."),
    ),
    # issue 14: national-local cooperation and the help desk
    "engagements": Guide(
        N_("Engagements"),
        N_(
            "The Engagements page records your city's contacts with ministries, regional "
            "bodies, other municipalities and international organisations: what you raised "
            "and what you heard back."
        ),
        (
            N_(
                "Add one with “New engagement”: the institution, its level, the kind of "
                "contact, the date, and the pillars and themes it served."
            ),
            N_(
                "Give a follow-up date when something is promised; the Dashboard counts "
                "follow-ups due until you tick “Followed up”."
            ),
            N_(
                "“Import…” adds engagements from a spreadsheet; “Export…” saves the engagements "
                "listed as one."
            ),
        ),
        N_("Where next: the periodic report lists the engagements of the period."),
    ),
    "helpdesk": Guide(
        N_("Help Desk"),
        N_(
            "The Help Desk page is where a city asks the hub a question and reads its "
            "answers, and where the hub answers every city's questions."
        ),
        (
            N_(
                "Click “Ask the hub…”, choose a topic and how urgent it is, and write the "
                "question. It goes to the hub with your next bundle."
            ),
            N_(
                "The hub answers urgent questions within 2 working days, normal ones within "
                "10 days and others within 20 days; after that the question shows as overdue."
            ),
            N_(
                "Choose a request to read the answers below the list; “Follow up…” writes "
                "again and “Close request” ends it when the answer is enough."
            ),
        ),
        N_("Where next: the Sync page carries questions to the hub and brings answers back."),
    ),
    "trainings": Guide(
        N_("Trainings"),
        N_(
            "The Trainings page is the register of capacity-building: the trainings your "
            "team held or took part in, who came (counted by profession and gender, never "
            "named) and which team members took part."
        ),
        (
            N_(
                "Add a training with “New training” (Ctrl+N): its dates, organiser, trainer and "
                "format, then the participants by profession and gender."
            ),
            N_(
                "Tick the team members who took part; a member's trainings on the Team page "
                "come from here. Mark a training of trainers, so the team knows its trainers."
            ),
            N_(
                "Filter by year, pillar and profession; the line above the list adds up the "
                "participants of the trainings shown."
            ),
            N_(
                "“Import…” adds trainings from a spreadsheet, the participants by profession and "
                "gender in columns; tick the team members and the need afterwards in each "
                "training. “Export…” saves the trainings listed as a spreadsheet."
            ),
        ),
        N_(
            "Where next: “Print the trainings report” makes a PDF of who was trained and by "
            "whom; the hub sees every municipality's trainings."
        ),
    ),
    "needs": Guide(
        N_("Needs"),
        N_(
            "The Needs page holds the City Needs Assessment: once a year each municipality scores "
            "the five pillars and says what it needs, and the hub sees the whole region."
        ),
        (
            N_(
                "Choose the year. Each pillar asks one question; its score choices say what each "
                "level from 1 to 4 means. Write the needs and the priorities in your own words."
            ),
            N_(
                "Tick the structures and policies the municipality already has (a local action "
                "plan, a youth council, a referral mechanism ...) and name any other."
            ),
            N_(
                "Save keeps a draft on this computer; Submit to the hub sends it with the next "
                "bundle. A submitted assessment can still be corrected, and cannot be withdrawn."
            ),
            N_(
                "On a field laptop: answer and save the draft; it reaches the municipality's own "
                "PC with the next bundle, and that PC submits it and corrects it afterwards."
            ),
            N_(
                "At the hub: the needs map shows each municipality's score per pillar with its "
                "change since last year (▲ up, ▼ down, = same, • first score, – missing); "
                "“Publish the questionnaire” sends this year's questions to every municipality."
            ),
        ),
        N_(
            "Where next: in a fund proposal, name the assessed need it answers; the Reports page "
            "prints the needs report for a year."
        ),
    ),
}
