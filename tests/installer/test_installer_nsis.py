"""The Windows installer script, read as a reviewer would (it is compiled by makensis in the
slow test against the built bundle)."""

from __future__ import annotations

from installer_helpers import INSTALLER

SCRIPT = (INSTALLER / "hubdesk.nsi").read_text(encoding="utf-8")
UNINSTALL = SCRIPT[SCRIPT.index('Section "Uninstall"') :]


def test_installs_per_user_without_administrator() -> None:
    assert "RequestExecutionLevel user" in SCRIPT
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\HubDesk"' in SCRIPT
    assert "HKLM" not in SCRIPT  # nothing machine-wide


def test_uninstaller_removes_only_what_it_installed() -> None:
    """Never the program folder wholesale (a portable HubDesk-data folder may be in it), never
    the data folder."""
    removed_recursively = [
        line.strip() for line in UNINSTALL.splitlines() if line.strip().startswith("RMDir /r")
    ]
    assert removed_recursively == ['RMDir /r "$INSTDIR\\_internal"']
    assert 'RMDir "$INSTDIR"' in UNINSTALL  # only when empty
    commands = [line for line in UNINSTALL.splitlines() if not line.strip().startswith(";")]
    assert not any("$APPDATA" in line or "HubDesk-data" in line for line in commands)


def test_shortcuts_and_regional_languages() -> None:
    assert 'CreateShortcut "$SMPROGRAMS\\HubDesk.lnk"' in SCRIPT
    assert 'CreateShortcut "$DESKTOP\\HubDesk.lnk"' in SCRIPT
    for language in ("English", "Albanian", "Bosnian", "Croatian", "SerbianLatin", "Serbian"):
        assert f'!insertmacro MUI_LANGUAGE "{language}"' in SCRIPT
    assert '!insertmacro MUI_LANGUAGE "Macedonian"' in SCRIPT
    # Every language has the message that the data was kept.
    assert SCRIPT.count("LangString DataKept ") == 7


def test_version_is_passed_by_the_build() -> None:
    assert "!ifndef VERSION" in SCRIPT and "!error" in SCRIPT
