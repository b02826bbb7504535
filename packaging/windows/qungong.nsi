; 群工台 Windows installer (x64), built with Debian's makensis by scripts/package.sh windows.
; Tauri's own NSIS bundler is not used: it downloads nsis_tauri_utils.dll at build time, and this
; machine (like the branches' build PCs) has no network.
;
;   makensis -DVERSION=0.1.0 -DSRC=<folder with qungong.exe …> -DOUTFILE=<installer.exe> [-DDESKTOP] qungong.nsi
;
; SRC holds qungong.exe (command line and browser mode), qungong.ico and 说明.txt; with -DDESKTOP
; also qungong-desktop.exe and WebView2Loader.dll (the window, which needs the WebView2 runtime).
; Data is never here: the program keeps it in %APPDATA%\qungong, which uninstall and upgrade leave
; alone.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define PRODUCT "群工台"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\qungong"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} 安装"
BrandingText "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
; An upgrade goes where the previous version was installed.
InstallDirRegKey HKLM "Software\qungong" "InstallDir"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "${SRC}\qungong.ico"
!define MUI_UNICON "${SRC}\qungong.ico"
!define MUI_ABORTWARNING
!define MUI_DIRECTORYPAGE_TEXT_TOP "群工台将安装到下面的文件夹。数据不在这里：它保存在 %APPDATA%\qungong 中，升级和卸载都不会删除。"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从本机卸载群工台程序。数据库、备份和附件（%APPDATA%\qungong）会保留；重新安装后数据仍在。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "群工台需要 64 位的 Windows 10 或 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; A running program cannot be replaced: qungong.exe (browser mode left open) or the window. Ask
; to stop it first. IF_LOCKED sets $1 to 1 when FILE is there and cannot be opened for writing.
!macro IF_LOCKED FILE
  ${If} ${FileExists} "${FILE}"
    ClearErrors
    FileOpen $0 "${FILE}" a
    ${If} ${Errors}
      StrCpy $1 1
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
!macroend

!macro WAIT_UNTIL_STOPPED UN WHAT
Function ${UN}WaitUntilStopped
  ${Do}
    StrCpy $1 0
    !insertmacro IF_LOCKED "$INSTDIR\qungong.exe"
    !insertmacro IF_LOCKED "$INSTDIR\qungong-desktop.exe"
    ${If} $1 == 0
      Return
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "群工台正在运行。请在页面右上角点“退出”（或关闭群工台窗口），再点“重试”。" /SD IDCANCEL IDRETRY again
    Abort "群工台正在运行，${WHAT}已取消。"
    again:
  ${Loop}
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_STOPPED "" "安装"
!insertmacro WAIT_UNTIL_STOPPED "un." "卸载"

Section "群工台" SecMain
  SectionIn RO
  Call WaitUntilStopped
  SetOutPath "$INSTDIR"
  File "${SRC}\qungong.exe"
  File "${SRC}\qungong.ico"
  File "${SRC}\说明.txt"
!ifdef DESKTOP
  File "${SRC}\qungong-desktop.exe"
  File "${SRC}\WebView2Loader.dll"
!endif
  WriteUninstaller "$INSTDIR\卸载群工台.exe"

  ; Start-menu and desktop entries for every user of the PC.
  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\群工台.lnk" "$INSTDIR\qungong.exe" "serve" "$INSTDIR\qungong.ico" 0 SW_SHOWMINIMIZED "" "在本机浏览器中打开群工台"
  CreateShortCut "$DESKTOP\群工台.lnk" "$INSTDIR\qungong.exe" "serve" "$INSTDIR\qungong.ico" 0 SW_SHOWMINIMIZED "" "在本机浏览器中打开群工台"
!ifdef DESKTOP
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\群工台（桌面版）.lnk" "$INSTDIR\qungong-desktop.exe" "" "$INSTDIR\qungong-desktop.exe" 0 SW_SHOWNORMAL "" "群工台桌面窗口（需要 WebView2 运行时）"
!endif
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\使用说明.lnk" "$INSTDIR\说明.txt"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\卸载群工台.lnk" "$INSTDIR\卸载群工台.exe"

  WriteRegStr HKLM "Software\qungong" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "群工台"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\qungong.ico"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\卸载群工台.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\卸载群工台.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Call un.WaitUntilStopped
  SetShellVarContext all
  Delete "$SMPROGRAMS\${PRODUCT}\群工台.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\群工台（桌面版）.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\使用说明.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载群工台.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\群工台.lnk"
  Delete "$INSTDIR\qungong.exe"
  Delete "$INSTDIR\qungong-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\qungong.ico"
  Delete "$INSTDIR\说明.txt"
  Delete "$INSTDIR\卸载群工台.exe"
  RMDir "$INSTDIR"
  ; %APPDATA%\qungong (the database, backups, attachments) is the user's: left in place.
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "Software\qungong"
SectionEnd
