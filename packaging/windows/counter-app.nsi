; counter-app-setup.exe: the offline Windows kit in one installer (docs/install-windows.md).
; It unpacks the kit into a temporary folder and runs its install.ps1, per machine, as
; administrator; the uninstaller runs install.ps1 -Uninstall, which removes the program, its
; shortcuts and its scheduled backup and keeps every user's data (%LOCALAPPDATA%\counter-app).
; Compiled by scripts/build-windows-kit.sh:
;   makensis -DKIT=OUT/kit -DVERSION=0.1.0 -DOUTFILE=OUT/counter-app-setup.exe counter-app.nsi
; -DCOMPRESSOR=lzma made no smaller an installer than zlib (the default), for minutes more
; of CPU: the wheels, nearly all of the kit, are zip archives already.
; UTF-8 with a BOM: makensis reads it as Unicode (the messages are Vietnamese).
Unicode true
!include MUI2.nsh
!include x64.nsh

!ifndef KIT
  !error "cần -DKIT=<thư mục kit của scripts/build-windows-kit.sh>"
!endif
!ifndef VERSION
  !define VERSION 0.0.0
!endif
!ifndef OUTFILE
  !define OUTFILE counter-app-setup.exe
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR zlib
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\counter-app"
; Windows PowerShell 5.1, 64-bit: the installer is a 32-bit program, and a 32-bit
; PowerShell would see "Program Files (x86)" as $env:ProgramFiles.
!define POWERSHELL '"$WINDIR\SysNative\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File'

Name "counter-app ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\counter-app"
RequestExecutionLevel admin
SetCompressor /SOLID ${COMPRESSOR}
ShowInstDetails show
ShowUninstDetails show
BrandingText "counter-app ${VERSION}"

!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "counter-app cần Windows 64-bit." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "counter-app"
  InitPluginsDir
  SetOutPath "$PLUGINSDIR\kit"
  File /r "${KIT}\*"
  CreateDirectory "$INSTDIR"
  DetailPrint "Đang cài đặt bằng install.ps1 (vài phút; nhật ký: $APPDATA\counter-app\install.log)..."
  ExecWait '${POWERSHELL} "$PLUGINSDIR\kit\install.ps1" -Kit "$PLUGINSDIR\kit" -Target "$INSTDIR"' $0
  SetOutPath "$TEMP"
  ${If} $0 != 0
    MessageBox MB_ICONSTOP "Cài đặt counter-app KHÔNG thành công (mã $0).$\r$\nXem lý do trong nhật ký: $APPDATA\counter-app\install.log" /SD IDOK
    Abort "Cài đặt không thành công."
  ${EndIf}
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "counter-app (phần mềm bộ phận một cửa)"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ExecWait '${POWERSHELL} "$INSTDIR\install.ps1" -Uninstall -Target "$INSTDIR"' $0
  ${If} $0 != 0
    MessageBox MB_ICONSTOP "Gỡ counter-app KHÔNG thành công (mã $0): đóng chương trình ở mọi tài khoản rồi thử lại.$\r$\nNhật ký: $APPDATA\counter-app\install.log" /SD IDOK
    Abort "Gỡ không thành công."
  ${EndIf}
  Delete "$INSTDIR\install.ps1"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  MessageBox MB_ICONINFORMATION "Đã gỡ counter-app. Dữ liệu của mỗi người dùng vẫn giữ nguyên ở %LOCALAPPDATA%\counter-app (xóa thư mục đó nếu muốn xóa cả dữ liệu)." /SD IDOK
SectionEnd
