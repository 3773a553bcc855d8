; The Aduan installer (NSIS 3, Modern UI 2, MultiUser.nsh), compiled by installer/nsis.py:
;   makensis -WX -DVERSION=0.1.0 -DAPP_DIR=<frozen folder> -DFILES_NSH=<generated> -DOUT_FILE=<setup.exe>
;            [-DUNIT_DIR=<folder with unit-policy.json [+ unit-ca.pem]>] [-DCOMPRESSION=lzma|zlib] aduan.nsi
;
; Per user (no admin rights: %LOCALAPPDATA%\Programs\Aduan, HKCU) or per machine (%ProgramFiles%\Aduan,
; HKLM), chosen on a page or by /CurrentUser or /AllUsers; silent with /S. An upgrade installs into the
; folder of the previous install (found by its Uninstall key) and replaces the program files. Neither
; the installer nor the uninstaller touches the officer's own folder %LOCALAPPDATA%\Aduan (settings,
; cache, embedded database).

Unicode true
Target amd64-unicode  ; a 64-bit installer: $PROGRAMFILES64 and the native registry view, as aduan.exe

!ifndef VERSION | APP_DIR | FILES_NSH | OUT_FILE | VERSION_NUMBERS
  !error "installer/nsis.py defines VERSION, VERSION_NUMBERS, APP_DIR, FILES_NSH and OUT_FILE"
!endif
!define /ifndef COMPRESSION lzma

!define PRODUCT "Aduan"
!define PUBLISHER "Aduan"
!define EXE "aduan.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Aduan"

SetCompressor /SOLID ${COMPRESSION}
Name "${PRODUCT}"
OutFile "${OUT_FILE}"
BrandingText "${PRODUCT} ${VERSION}"
ManifestDPIAware true
ShowInstDetails hide
ShowUninstDetails hide

; MultiUser.nsh: elevation asked only when the account can have it; per machine is the default for an
; admin, per user otherwise; the mode page offers both.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${PRODUCT}"
; Upgrade in place: the folder of the previous install of the same mode, from its Uninstall key.
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define MUI_ABORTWARNING

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; otherwise the installer speaks the language of Windows.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Indonesian"

LangString DataFolderRefused ${LANG_ENGLISH} "$INSTDIR is the officer's data folder (settings, cache). Choose another folder for the program."
LangString DataFolderRefused ${LANG_INDONESIAN} "$INSTDIR adalah folder data petugas (pengaturan, salinan laporan). Pilih folder lain untuk program."

VIProductVersion "${VERSION_NUMBERS}"
VIFileVersion "${VERSION_NUMBERS}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${PRODUCT} ${VERSION} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"

Function .onInit
  StrCpy $R9 $INSTDIR  ; /D=folder from the command line (empty otherwise: there is no InstallDir)
  !insertmacro MULTIUSER_INIT
  ${If} $R9 != ""
    StrCpy $INSTDIR $R9  ; MultiUser.nsh would replace it with the mode's default
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ; Never into the officer's data folder: an uninstall would then remove their cache.
  ${If} $INSTDIR == "$LOCALAPPDATA\${PRODUCT}"
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecProgram
  SectionIn RO
  ${If} $INSTDIR == "$LOCALAPPDATA\${PRODUCT}"  ; /D= given on the command line skips .onVerifyInstDir
    MessageBox MB_OK|MB_ICONSTOP "$(DataFolderRefused)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program files: the previous version's go first (the list of what is installed).
  !include "${FILES_NSH}"
  File /r "${APP_DIR}\*"
  !ifdef UNIT_DIR
    ; The unit's policy, read-only beside the program (officers cannot write here per machine).
    File "${UNIT_DIR}\unit-policy.json"
    !if /FileExists "${UNIT_DIR}\unit-ca.pem"
      File "${UNIT_DIR}\unit-ca.pem"
    !else
      Delete "$INSTDIR\unit-ca.pem"
    !endif
  !endif
  ; Without a unit, a policy installed by an earlier unit installer stays: a plain upgrade unlocks nothing.

  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; SHCTX: HKLM per machine, HKCU per user (MultiUser.nsh set the shell context).
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  ; The install this uninstaller belongs to is the one in its own folder: per user when HKCU's entry
  ; names that folder, else per machine (so an admin's per-user install is not mistaken for a
  ; per-machine one).
  StrCpy $R9 $INSTDIR
  !insertmacro MULTIUSER_UNINIT
  ReadRegStr $R8 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ReadRegStr $R7 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $R8 == $R9
    Call un.MultiUser.InstallMode.CurrentUser
  ${ElseIf} $R7 == $R9
    Call un.MultiUser.InstallMode.AllUsers
  ${EndIf}
  StrCpy $INSTDIR $R9
FunctionEnd

Section "Uninstall"
  !include "${FILES_NSH}"  ; the program's own files and folders, by name (never RMDir /r $INSTDIR)
  Delete "$INSTDIR\unit-policy.json"
  Delete "$INSTDIR\unit-ca.pem"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"  ; only when empty: whatever else someone put there stays
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  ; %LOCALAPPDATA%\Aduan (the officer's settings, cache and database) is never touched.
SectionEnd
