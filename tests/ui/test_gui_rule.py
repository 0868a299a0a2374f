"""The GUI tests keep the rule of ``tests/gui.py``: they touch widgets only through it.

A direct ``button.click()`` or ``combo.setCurrentIndex()`` works on a hidden or disabled widget
too, so a test can pass while a person is stuck (the first-run assistant's Finish button was
clicked while hidden). This test reads the GUI tests' source and names every such call.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

# Methods that act on a widget the way only a person should: through tests/gui.py.
WIDGET_METHODS = frozenset(
    {
        "click", "toggle", "trigger", "accept", "reject", "done", "save",
        "setText", "setPlainText", "clear", "setChecked", "setCurrentIndex",
        "setCurrentText", "setEditText", "setCurrentRow", "setCurrentCell", "setCurrentItem",
        "setValue", "setDate", "setDateTime", "setTime", "set_value", "set_minor",
        "select_row", "sortByColumn", "show_page", "set_status", "add_row", "add_new",
        "export_table", "make_backup", "generate_to",
        # what a page's or editor's button does: press the button instead
        "new_record", "edit_selected", "delete_selected", "apply_filter", "add_item",
        "complete_previous", "complete_selected", "import_files", "add_peer",
        "save_profile", "restore", "print_record", "mark_all_present", "remove_current",
    }
)  # fmt: skip
QTBOT_METHODS = frozenset({"mouseClick", "mouseDClick", "keyClick", "keyClicks", "keyPress"})

# (file, function, method): why a direct call is what a person's action amounts to there.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("conftest.py", "poke", "done"): "closes a dialog whose test already failed, unasked",
    ("test_start_missing.py", "poke", "reject"): (
        "closes a dialog the test gave no answer for, or whose answer already failed"
    ),
    ("test_import_wizard.py", "roster_workbook", "save"): (
        "openpyxl's Workbook.save writes the input file"
    ),
    (
        "test_import_wizard.py",
        "test_the_preview_names_what_an_update_changes_as_the_form_does",
        "save",
    ): "openpyxl's Workbook.save writes the input file",
    ("test_report_preview.py", "one_page", "save"): "ReportLab's Canvas.save writes the PDF shown",
    ("test_import_wizard_cancel.py", "poke", "save"): (
        "QPixmap.save of a screenshot of the dialog (HUBDESK_SHOTS); no widget is touched"
    ),
    ("test_money_field.py", "test_typed_amounts_are_stored_by_hubdesks_digits", "set_minor"): (
        "what a form does when it loads a stored amount; no person types it"
    ),
    (
        "test_money_field.py",
        "test_the_field_holds_every_amount_the_rule_book_accepts",
        "set_minor",
    ): ("what a form does when it loads a stored amount near the rule book's limit"),
    ("test_code_picker.py", "picker_in", "set_value"): (
        "what a form does when it loads stored codes; the test is about how they are shown"
    ),
    ("test_code_picker.py", "test_a_short_choice_is_shown_whole", "set_value"): (
        "what a form does when it loads stored codes; the test is about how they are shown"
    ),
}


def offending_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                method, owner = child.func.attr, child.func.value
                direct = method in WIDGET_METHODS or (
                    method in QTBOT_METHODS and isinstance(owner, ast.Name) and owner.id == "qtbot"
                )
                key = (path.name, function, method)
                if direct and key not in ALLOWED:
                    found.append(f"{path.name}:{child.lineno} in {function}(): .{method}(...)")
            visit(child, inner)

    visit(tree, "<module>")
    return found


def gui_test_files() -> list[Path]:
    files = sorted((TESTS / "ui").glob("*.py")) + sorted((TESTS / "installer").glob("*.py"))
    return [path for path in files if path.name != Path(__file__).name]


def test_gui_tests_touch_widgets_only_through_the_helper() -> None:
    found = [line for path in gui_test_files() for line in offending_calls(path)]
    assert found == [], "use tests/gui.py (or allow with a reason):\n" + "\n".join(found)


def test_every_allowance_is_still_needed_and_explained() -> None:
    used = {
        (path.name, function, method)
        for path in gui_test_files()
        for function, method in calls_in(path)
    }
    for key, reason in ALLOWED.items():
        assert reason.strip(), f"{key} has no reason"
        assert key in used, f"{key} is allowed but no longer used"


def calls_in(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[tuple[str, str]] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    out.add((function.name, node.func.attr))
    return out


def test_the_rule_catches_a_direct_click(tmp_path: Path) -> None:
    """The scan can fail: a hidden button clicked directly is named."""
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "def test_x(qtbot, wizard):\n"
        "    wizard.finish_button.click()\n"
        "    qtbot.mouseClick(wizard.next_button, 1)\n"
        "    monkeypatch.setattr(x, 'y', 1)\n",
        encoding="utf-8",
    )
    assert offending_calls(sample) == [
        "test_sample.py:2 in test_x(): .click(...)",
        "test_sample.py:3 in test_x(): .mouseClick(...)",
    ]
