"""Serbian Latin -> Cyrillic: letters, digraphs, exceptions, and what must never change."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hubdesk.i18n.placeholders import brace_fields, percent_specs
from hubdesk.i18n.translit import NON_DIGRAPHS, keeps_latin, to_cyrillic

LATIN = "abcčćdđefghijklmnoprsštuvzž"


def test_every_letter_of_the_alphabet() -> None:
    assert to_cyrillic("a b c č ć d đ e f g h i j k l m n o p r s š t u v z ž") == (
        "а б ц ч ћ д ђ е ф г х и ј к л м н о п р с ш т у в з ж"
    )
    assert to_cyrillic("A B C Č Ć D Đ E F G H I J K L M N O P R S Š T U V Z Ž") == (
        "А Б Ц Ч Ћ Д Ђ Е Ф Г Х И Ј К Л М Н О П Р С Ш Т У В З Ж"
    )


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("ljubav", "љубав"),
        ("Ljubav", "Љубав"),
        ("LJUBAV", "ЉУБАВ"),
        ("njegov", "његов"),
        ("Njegov", "Његов"),
        ("NJEGOV", "ЊЕГОВ"),
        ("džep", "џеп"),
        ("Džep", "Џеп"),
        ("DŽEP", "ЏЕП"),
        ("polje", "поље"),
        ("konj", "коњ"),
        ("Đorđe", "Ђорђе"),
        ("opština", "општина"),
        ("Žalba", "Жалба"),
        ("ćelija", "ћелија"),
        ("Čačak", "Чачак"),
        ("sastanak", "састанак"),
        ("zaduženje", "задужење"),
    ],
)
def test_digraphs_and_letters(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


def test_decomposed_input_is_treated_like_composed() -> None:
    assert to_cyrillic(unicodedata.normalize("NFD", "džep Žarko")) == "џеп Жарко"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("injekcija", "инјекција"),
        ("Injekcije", "Инјекције"),
        ("konjunktura", "конјунктура"),
        ("KONJUNKTURA", "КОНЈУНКТУРА"),
        ("konjugacija", "конјугација"),
        ("vanjezički", "ванјезички"),
        ("nadživeti", "надживети"),
        ("nadživjela", "надживјела"),
        ("podžupan", "поджупан"),
        ("Podžupanu", "Поджупану"),
        ("odžaliti", "оджалити"),
        ("podžanr", "поджанр"),
        ("predžetveni", "преджетвени"),
    ],
)
def test_exceptions_keep_two_letters(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


def test_exceptions_are_in_one_well_formed_list() -> None:
    for entry in NON_DIGRAPHS:
        left, right = entry.split("|")
        assert (left[-1] + right[0]) in ("lj", "nj", "dž"), entry
        assert entry == entry.lower()


def test_an_exception_does_not_leak_into_other_words() -> None:
    # "konj" (horse) is a real digraph; only "kon|jug..." and "kon|junk..." are not.
    assert to_cyrillic("konjima i injekcijama") == "коњима и инјекцијама"


@pytest.mark.parametrize(
    "kept",
    [
        "{name}",
        "{count:,}",
        "%(count)d",
        "%s",
        "%5.2f",
        "https://hub.example.org/pomoc?jezik=sr",
        "www.example.org/opstina",
        "fokalna.tacka@opstina.example.rs",
        "izvestaj_2024.pdf",
        "podaci.xlsx",
        ".hubdesk",
        "'hubdesk init --role hub'",
        "--data-dir",
        "HUBDESK_DATA_DIR",
        "`hubdesk demo`",
        "~/podaci/hubdesk",
        "C:\\Podaci\\HubDesk",
        "<b>",
        "&amp;",
    ],
)
def test_protected_spans_are_copied(kept: str) -> None:
    out = to_cyrillic(f"Pogledajte {kept} odmah")
    assert kept in out and out.startswith("Погледајте ") and out.endswith(" одмах")


@pytest.mark.parametrize(
    "word", ["HubDesk", "CSV", "PDF", "XLSX", "ID", "MKD", "EUR", "RSD", "XK", "MK", "DIR", "A4"]
)
def test_code_words_and_iso_codes_stay_latin(word: str) -> None:
    assert to_cyrillic(f"Izaberite {word} sada") == f"Изаберите {word} сада"


def test_capital_words_that_only_look_like_codes_are_transliterated() -> None:
    assert to_cyrillic("DA/NE, TO JE SVE") == "ДА/НЕ, ТО ЈЕ СВЕ"
    assert to_cyrillic("Upišite GGGG-MM-DD.") == "Упишите ГГГГ-ММ-ДД."


def test_letters_with_accent_marks_keep_their_marks() -> None:
    assert to_cyrillic("kôd i Kôd") == "ко\u0302д и Ко\u0302д"


def test_shortcuts_and_key_names_stay_latin() -> None:
    text = "Novi zapis (Ctrl+N), brisanje (Delete), otvaranje (Enter), {page} (Ctrl+{number})"
    assert to_cyrillic(text) == (
        "Нови запис (Ctrl+N), брисање (Delete), отварање (Enter), {page} (Ctrl+{number})"
    )


def test_inflected_product_name_stays_latin() -> None:
    assert to_cyrillic("verzija HubDeska, u HubDesku") == "верзија HubDeska, у HubDesku"


def test_foreign_words_stay_latin() -> None:
    assert to_cyrillic("Otvorite Excel ili Windows") == "Отворите Excel или Windows"


def test_quoted_commands_keep_every_word() -> None:
    text = "Pokrenite 'hubdesk init' ili „hubdesk demo --seed 2“ pre svega."
    assert to_cyrillic(text) == "Покрените 'hubdesk init' или „hubdesk demo --seed 2“ пре свега."


def test_a_real_message() -> None:
    latin = "Najviše {limit} znakova (sada {count}). Pošaljite izveštaj.pdf na info@hub.org."
    assert to_cyrillic(latin) == (
        "Највише {limit} знакова (сада {count}). Пошаљите izveštaj.pdf на info@hub.org."
    )


def test_cyrillic_and_punctuation_pass_through() -> None:
    text = "Општина — 15–19, 30+ (и/или) «ОК»: 1.234,56 ден."
    assert to_cyrillic(text) == text


_words = st.text(alphabet=LATIN + LATIN.upper() + " ,.:;!?-()\n", max_size=30)
_placeholders = st.one_of(
    st.from_regex(r"\{[a-z_]{1,10}\}", fullmatch=True),
    st.from_regex(r"%\([a-z_]{1,8}\)[sd]", fullmatch=True),
    st.sampled_from(["%s", "%d", "%.2f", "{0}", "{n:,}", "{value!r}"]),
)


@given(st.lists(st.tuples(_words, _placeholders), max_size=6), _words)
def test_placeholders_always_survive(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(w + p for w, p in parts) + tail
    out = to_cyrillic(text)
    assert brace_fields(out) == brace_fields(text)
    assert percent_specs(out) == percent_specs(text)


@given(st.text(alphabet=LATIN + LATIN.title() + " ,!?\n", max_size=40))
def test_plain_serbian_leaves_no_latin_letter(text: str) -> None:
    # Words kept in Latin on purpose ("hub", "HubDesk", ISO codes such as "BA") are not plain
    # Serbian.
    assume(not any(keeps_latin(word) for word in re.findall(r"\w+", text)))
    assert not re.search(r"[A-Za-zčćđšžČĆĐŠŽ]", to_cyrillic(text))


@given(_words)
def test_transliteration_is_idempotent(text: str) -> None:
    out = to_cyrillic(text)
    assert to_cyrillic(out) == out


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("koristi ga Alembic", "користи га Alembic"),
        ("pod GNU licencom", "под GNU лиценцом"),
        ("uz --role field", "уз --role field"),
        ("centar (hub)", "центар (hub)"),
    ],
)
def test_library_names_and_option_values_stay_latin(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        (
            "(ili: hubdesk periods reopen --quarter {quarter} --comment REASON)",
            "(или: hubdesk periods reopen --quarter {quarter} --comment REASON)",
        ),
        (
            "Dodajte: hubdesk teams add --name NAZIV --kind cat",
            "Додајте: hubdesk teams add --name НАЗИВ --kind cat",
        ),
        ("naredbom hubdesk init ili hubdesk demo", "наредбом hubdesk init или hubdesk demo"),
        ("kao teacher:female=12", "као teacher:female=12"),
        ("napišite CODE=N, na primer relevance=4", "напишите CODE=N, на пример relevance=4"),
        ("„:trainer“ kada", "„:trainer“ када"),
        ("ključevi iz 'needs show --json'", "кључеви из 'needs show --json'"),
        ("nazvanoj hubdesk-<datum>-<vreme>", "названој hubdesk-<датум>-<време>"),
        ("u previous-installation-<datum>", "у previous-installation-<датум>"),
        ("(createuser {login})", "(createuser {login})"),
        ("--map HEADER=FIELD", "--map HEADER=FIELD"),
        ("sastanak (minutes), predlog (proposal)", "састанак (minutes), предлог (proposal)"),
        ("<b>Važno</b>", "<b>Важно</b>"),
    ],
)
def test_what_a_person_types_stays_as_typed(latin: str, cyrillic: str) -> None:
    """Commands, option values, metavars and names HubDesk gives a folder: typed in Latin
    letters whatever the language, so never transliterated; Serbian words beside them are."""
    assert to_cyrillic(latin, messages=True) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Udruženje „status žena“", "Удружење „статус жена“"),
        ("Tim host", "Тим хост"),
        ("Saradnja:Niš", "Сарадња:Ниш"),
        ("Savet mladih „demo“", "Савет младих „демо“"),
    ],
)
def test_a_name_is_serbian_around_words_the_command_line_uses(latin: str, cyrillic: str) -> None:
    """A town's or team's other-script name is made with the same function: the command
    line's words are kept Latin in the program's messages only."""
    assert to_cyrillic(latin) == cyrillic


def test_the_command_words_are_the_command_lines() -> None:
    """A new command or action is kept Latin after "hubdesk" only once it is on the list."""
    import argparse

    from hubdesk.cli import build_parser
    from hubdesk.i18n.translit import COMMAND_WORDS

    names: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    names.add(name)
                    walk(sub)

    walk(build_parser())
    assert names == set(COMMAND_WORDS)
