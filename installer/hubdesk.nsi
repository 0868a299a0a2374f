; HubDesk for Windows: a per-user installer that needs no administrator.
;
;   makensis -DVERSION=0.1.0 -DBUNDLE=dist\hubdesk [-DICON=dist\icons\hubdesk.ico]
;            [-DOUTFILE=dist\HubDesk-0.1.0-setup.exe] installer\hubdesk.nsi
;
; VERSION  the program's version (the build reads it from pyproject.toml)       required
; BUNDLE   the PyInstaller one-dir bundle (hubdesk.exe, hubdesk-cli.exe, _internal)  required
; ICON     the program icon (installer/make_icons.py writes it)                  optional
; OUTFILE  where the installer goes                                              optional
; NOCOMPRESS  store without compression (seconds instead of minutes; for tests)   optional
;
; Installs into %LOCALAPPDATA%\Programs\HubDesk (no administrator, as on a shared office PC
; where the focal point has no admin rights), with Start-menu and desktop shortcuts.
; The uninstaller removes the program's files only: the data folder (%APPDATA%\HubDesk, or
; HubDesk-data next to the program in portable mode) is never touched.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "Pass the version: makensis -DVERSION=x.y.z -DBUNDLE=... installer\hubdesk.nsi"
!endif
!ifndef BUNDLE
  !error "Pass the one-dir bundle: makensis -DBUNDLE=dist\hubdesk ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "HubDesk-${VERSION}-setup.exe"
!endif

!define APP "HubDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\HubDesk"
!define SETTINGS_KEY "Software\HubDesk"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\HubDesk"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
!ifdef NOCOMPRESS
  ; Only to prove the script compiles against a bundle (the test suite): no compression.
  SetCompress off
!else
  ; Solid LZMA with a dictionary larger than one executable: the second executable, nearly the
  ; same bytes as the first, then costs almost nothing in the download.
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!endif
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${BUNDLE}\_internal\hubdesk\resources\licences\GPL-3.0.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\hubdesk.exe"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(DataKeptTitle)"
!define MUI_FINISHPAGE_TEXT "$(DataKept)"
!insertmacro MUI_UNPAGE_FINISH

; The languages of HubDesk's users for which NSIS ships translations. Montenegrin has none:
; Montenegrin users read the Serbian (Latin) pages.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Albanian"
!insertmacro MUI_LANGUAGE "Bosnian"
!insertmacro MUI_LANGUAGE "Croatian"
!insertmacro MUI_LANGUAGE "SerbianLatin"
!insertmacro MUI_LANGUAGE "Serbian"
!insertmacro MUI_LANGUAGE "Macedonian"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString DataKeptTitle ${LANG_ENGLISH} "HubDesk was removed"
LangString DataKeptTitle ${LANG_ALBANIAN} "HubDesk u hoq"
LangString DataKeptTitle ${LANG_BOSNIAN} "HubDesk je uklonjen"
LangString DataKeptTitle ${LANG_CROATIAN} "HubDesk je uklonjen"
LangString DataKeptTitle ${LANG_SERBIANLATIN} "HubDesk je uklonjen"
LangString DataKeptTitle ${LANG_SERBIAN} "HubDesk је уклоњен"
LangString DataKeptTitle ${LANG_MACEDONIAN} "HubDesk е отстранет"

LangString DataKept ${LANG_ENGLISH} "Your HubDesk data was kept in $APPDATA\HubDesk (or in HubDesk-data next to the program, if it ran portable). Installing HubDesk again finds it. Delete that folder yourself only if you no longer need the records."
LangString DataKept ${LANG_ALBANIAN} "Të dhënat tuaja të HubDesk u ruajtën në $APPDATA\HubDesk (ose në HubDesk-data pranë programit, nëse punonte si portativ). Një instalim i ri i HubDesk i gjen. Fshijeni vetë atë dosje vetëm nëse nuk ju duhen më të dhënat."
LangString DataKept ${LANG_BOSNIAN} "Vaši podaci HubDeska su sačuvani u $APPDATA\HubDesk (ili u HubDesk-data pored programa, ako je radio kao prijenosni). Ponovna instalacija HubDeska ih pronalazi. Sami izbrišite taj folder samo ako vam evidencija više ne treba."
LangString DataKept ${LANG_CROATIAN} "Vaši podaci HubDeska sačuvani su u $APPDATA\HubDesk (ili u HubDesk-data pokraj programa, ako je radio kao prijenosni). Ponovna instalacija HubDeska ih pronalazi. Sami izbrišite tu mapu samo ako vam evidencija više ne treba."
LangString DataKept ${LANG_SERBIANLATIN} "Vaši podaci HubDeska sačuvani su u $APPDATA\HubDesk (ili u HubDesk-data pored programa, ako je radio kao prenosivi). Ponovna instalacija HubDeska ih pronalazi. Sami obrišite tu fasciklu samo ako vam evidencija više ne treba."
LangString DataKept ${LANG_SERBIAN} "Ваши подаци HubDeska сачувани су у $APPDATA\HubDesk (или у HubDesk-data поред програма, ако је радио као преносиви). Поновна инсталација HubDeska их проналази. Сами обришите ту фасциклу само ако вам евиденција више не треба."
LangString DataKept ${LANG_MACEDONIAN} "Вашите податоци од HubDesk се зачувани во $APPDATA\HubDesk (или во HubDesk-data покрај програмот, ако работел како пренослив). Повторна инсталација на HubDesk ги наоѓа. Избришете ја таа папка сами само ако веќе не ви се потребни евиденциите."

LangString Uninstall ${LANG_ENGLISH} "Uninstall HubDesk"
LangString Uninstall ${LANG_ALBANIAN} "Çinstalo HubDesk"
LangString Uninstall ${LANG_BOSNIAN} "Deinstaliraj HubDesk"
LangString Uninstall ${LANG_CROATIAN} "Deinstaliraj HubDesk"
LangString Uninstall ${LANG_SERBIANLATIN} "Deinstaliraj HubDesk"
LangString Uninstall ${LANG_SERBIAN} "Деинсталирај HubDesk"
LangString Uninstall ${LANG_MACEDONIAN} "Деинсталирај го HubDesk"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "HubDesk" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files only; a stale module from an older version
  ; must not linger, so the program folder is emptied first. Nothing of the data is in there
  ; (a portable HubDesk-data folder next to it is left alone).
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\HubDesk.lnk" "$INSTDIR\hubdesk.exe" "" "$INSTDIR\hubdesk.exe" 0
  CreateShortcut "$DESKTOP\HubDesk.lnk" "$INSTDIR\hubdesk.exe" "" "$INSTDIR\hubdesk.exe" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "HubDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\hubdesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\HubDesk.lnk"
  Delete "$DESKTOP\HubDesk.lnk"
  ; Only what the installer put there, by name. Never RMDir /r "$INSTDIR": a portable
  ; HubDesk-data folder, or data someone keeps beside the program, must survive.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\hubdesk.exe"
  Delete "$INSTDIR\hubdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  DetailPrint "$(DataKept)"
SectionEnd
