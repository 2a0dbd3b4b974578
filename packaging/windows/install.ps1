<#
.SYNOPSIS
    Cài đặt hoặc nâng cấp counter-app từ bộ cài ngoại tuyến (không cần Internet);
    -Uninstall gỡ chương trình nhưng giữ dữ liệu.

.DESCRIPTION
    Run as administrator, by counter-app-setup.exe or by hand from the kit's folder
    (docs/install-windows.md). Saved as UTF-8 with a BOM: Windows PowerShell 5.1 reads a file
    without one as ANSI, and the messages are Vietnamese.

    The runtime is python.org's embeddable zip for amd64, which the deploying agency puts in
    KIT\python\ (python-3.12.N-embed-amd64.zip, the minor version in KIT\python\version.txt).
    It has no venv module, so the program's "virtual environment" is a runtime of its own:
    the zip unpacked into %ProgramFiles%\counter-app\python, with `import site` enabled in
    python3NN._pth and the kit's wheels installed into its Lib\site-packages by pip, from the
    kit alone (--no-index, --require-hashes). Nothing else on the PC uses it, and nothing
    else's Python changes it. Per machine: every Windows user of the PC starts the same
    program, each with their own data in %LOCALAPPDATA%\counter-app (never touched here).

    Run again (a newer kit over an older one), it replaces the runtime and the program and
    keeps the data; the program migrates its database at its first start. The old runtime is
    kept aside until the new one answers `--version`, and put back if anything fails.
#>
[CmdletBinding()]
param(
    [string]$Kit = $PSScriptRoot,
    [string]$Target = (Join-Path $env:ProgramFiles 'counter-app'),
    [string]$BackupTime = '17:30',
    [switch]$Uninstall
)
Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'
$LogDir = Join-Path $env:ProgramData 'counter-app'
$Log = Join-Path $LogDir 'install.log'
$Runtime = Join-Path $Target 'python'
$Aside = Join-Path $Target 'python.old'
$Bin = Join-Path $Target 'bin'
$TaskName = 'counter-app backup'
$TaskPath = '\counter-app\'
$Shortcut = 'counter-app.lnk'

function Write-Log([string]$Text) {
    $line = '{0:yyyy-MM-dd HH:mm:ss} {1}' -f (Get-Date), $Text
    Add-Content -LiteralPath $Log -Value $line -Encoding UTF8
    Write-Host $Text
}

function Stop-Install([string]$Why) {
    try { Write-Log "LỖI: $Why" } catch { }
    Write-Host ''
    Write-Host "counter-app: KHÔNG thành công. $Why" -ForegroundColor Red
    Write-Host "Nhật ký: $Log" -ForegroundColor Red
    exit 1
}

function ConvertTo-Argument([string]$Value) {
    # One argument as Windows' command-line parsing reads it back (Program Files has a space).
    if ($Value -ne '' -and $Value -notmatch '[\s"]') { return $Value }
    return '"' + (($Value -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"'
}

function Invoke-Logged([string]$Exe, [string[]]$Arguments, [string]$What) {
    # Output into the log through files: Windows PowerShell 5.1 turns a native program's
    # stderr into errors, which $ErrorActionPreference = 'Stop' would take for a failure.
    $line = ($Arguments | ForEach-Object { ConvertTo-Argument $_ }) -join ' '
    Write-Log "$What..."
    Add-Content -LiteralPath $Log -Value "  > $Exe $line" -Encoding UTF8
    $out = [IO.Path]::GetTempFileName()
    $err = [IO.Path]::GetTempFileName()
    try {
        $process = Start-Process -FilePath $Exe -ArgumentList $line -NoNewWindow -Wait `
            -PassThru -RedirectStandardOutput $out -RedirectStandardError $err
        foreach ($file in @($out, $err)) {
            $text = Get-Content -LiteralPath $file -Encoding UTF8 -Raw
            if ($text) { Add-Content -LiteralPath $Log -Value $text.TrimEnd() -Encoding UTF8 }
        }
    } finally {
        Remove-Item -LiteralPath $out, $err -ErrorAction SilentlyContinue
    }
    if ($process.ExitCode -ne 0) { Stop-Install "$What (mã lỗi $($process.ExitCode))." }
}

function Test-Amd64([string]$Exe) {
    # The PE header's machine field: 0x8664 for amd64 (0x14c for a 32-bit runtime).
    $bytes = [IO.File]::ReadAllBytes($Exe)
    $pe = [BitConverter]::ToInt32($bytes, 0x3C)
    return [BitConverter]::ToUInt16($bytes, $pe + 4) -eq 0x8664
}

function Get-RunningDesks {
    @(Get-Process | Where-Object {
            try {
                $_.Path -and $_.Path.StartsWith($Target + '\', [StringComparison]::OrdinalIgnoreCase)
            } catch { $false }
        })
}

function Remove-Desktop-Integration {
    $task = Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
    if ($task) { Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false }
    foreach ($folder in @('CommonPrograms', 'CommonDesktopDirectory')) {
        $link = Join-Path ([Environment]::GetFolderPath($folder)) $Shortcut
        if (Test-Path -LiteralPath $link) { Remove-Item -LiteralPath $link -Force }
    }
    $path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
    $kept = @($path -split ';' | Where-Object { $_ -and $_.TrimEnd('\') -ne $Bin })
    if ($kept.Count -ne @($path -split ';' | Where-Object { $_ }).Count) {
        [Environment]::SetEnvironmentVariable('Path', ($kept -join ';'), 'Machine')
    }
}

function Install-Runtime([string]$Zip, [string]$Minor) {
    Write-Log "Giải nén $([IO.Path]::GetFileName($Zip)) vào $Runtime"
    Expand-Archive -LiteralPath $Zip -DestinationPath $Runtime -Force
    $python = Join-Path $Runtime 'python.exe'
    if (-not (Test-Path -LiteralPath $python)) { Stop-Install "$Zip không có python.exe." }
    if (-not (Test-Amd64 $python)) {
        Stop-Install "$Zip không phải bản 64-bit (amd64): cần python-$Minor.N-embed-amd64.zip."
    }
    $pth = Join-Path $Runtime ('python{0}._pth' -f ($Minor -replace '\.', ''))
    if (-not (Test-Path -LiteralPath $pth)) { Stop-Install "$Zip không phải Python $Minor (thiếu $pth)." }
    $lines = @(Get-Content -LiteralPath $pth | ForEach-Object { $_ -replace '^\s*#\s*import site', 'import site' })
    if ($lines -notcontains 'import site') { $lines += 'import site' }
    Set-Content -LiteralPath $pth -Value $lines -Encoding ASCII
}

function Install-Program([string]$Wheels, [string]$Requirements) {
    $python = Join-Path $Runtime 'python.exe'
    # pip itself comes from the kit, checked against its hash before it runs.
    $pipWheel = @(Get-ChildItem -LiteralPath $Wheels -Filter 'pip-*-py3-none-any.whl')
    if ($pipWheel.Count -ne 1) { Stop-Install "bộ cài phải có đúng một wheel của pip trong $Wheels." }
    $pipVersion = $pipWheel[0].Name.Split('-')[1]
    $listed = Get-Content -LiteralPath $Requirements -Raw
    $pattern = '(?m)^pip==' + [regex]::Escape($pipVersion) + '\s*\\\s*\r?\n\s*--hash=sha256:([0-9a-f]{64})'
    $match = [regex]::Match($listed, $pattern)
    $hash = (Get-FileHash -LiteralPath $pipWheel[0].FullName -Algorithm SHA256).Hash.ToLower()
    if (-not $match.Success -or $match.Groups[1].Value -ne $hash) {
        Stop-Install "wheel của pip không khớp mã SHA-256 trong requirements-windows.txt: bộ cài bị hỏng hoặc bị sửa."
    }
    $env:PYTHONUTF8 = '1'
    $env:PYTHONIOENCODING = 'utf-8'
    $env:PYTHONNOUSERSITE = '1'
    $env:PIP_DISABLE_PIP_VERSION_CHECK = '1'
    $env:PIP_NO_INPUT = '1'
    # No pip.ini of this PC points pip anywhere else: pip reads none when this is exactly
    # os.devnull, which is 'nul' on Windows (another spelling would be read as one more file).
    $env:PIP_CONFIG_FILE = 'nul'
    Invoke-Logged $python @((Join-Path $pipWheel[0].FullName 'pip'), 'install', '--no-index',
        '--find-links', $Wheels, '--require-hashes', '--no-cache-dir',
        '--no-warn-script-location', '-r', $Requirements) 'Cài các gói từ bộ cài (pip, không cần Internet)'
    # The desk's translations, help and sample catalog: the program looks for them in
    # site-packages\resources until its wheel carries them.
    $resources = Join-Path $Runtime 'Lib\site-packages\resources'
    Copy-Item -LiteralPath (Join-Path $Kit 'resources') -Destination $resources -Recurse -Force
    Invoke-Logged $python @('-m', 'counter_app', '--version') 'Kiểm tra chương trình đã cài'
}

function Install-Desktop-Integration {
    $pythonw = Join-Path $Runtime 'pythonw.exe'
    $shell = New-Object -ComObject WScript.Shell
    foreach ($folder in @('CommonPrograms', 'CommonDesktopDirectory')) {
        $link = $shell.CreateShortcut((Join-Path ([Environment]::GetFolderPath($folder)) $Shortcut))
        $link.TargetPath = $pythonw
        $link.Arguments = '-m counter_app'
        $link.WorkingDirectory = $Target
        $link.IconLocation = "$pythonw,0"
        $link.Description = 'Phần mềm bộ phận một cửa'
        $link.Save()
    }
    Write-Log 'Đã tạo lối tắt trong menu Start và trên màn hình nền.'
    # `counter-app` in a command window (join, backup, restore): bin\counter-app.cmd on PATH.
    New-Item -ItemType Directory -Path $Bin -Force | Out-Null
    Set-Content -LiteralPath (Join-Path $Bin 'counter-app.cmd') -Encoding ASCII -Value @(
        '@echo off', '"%~dp0..\python\python.exe" -m counter_app %*')
    $path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
    if (@($path -split ';' | ForEach-Object { $_.TrimEnd('\') }) -notcontains $Bin) {
        [Environment]::SetEnvironmentVariable('Path', ($path.TrimEnd(';') + ';' + $Bin), 'Machine')
    }
    # A daily backup in the session of each user logged on at that time, into that user's
    # own backups folder (the data are per user). The group by its SID: the name is
    # translated on a Vietnamese Windows.
    $users = (New-Object Security.Principal.SecurityIdentifier 'S-1-5-32-545').Translate(
        [Security.Principal.NTAccount]).Value
    $action = New-ScheduledTaskAction -Execute $pythonw -Argument '-m counter_app backup --automatic'
    $trigger = New-ScheduledTaskTrigger -Daily -At $BackupTime
    $principal = New-ScheduledTaskPrincipal -GroupId $users -RunLevel Limited
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -AllowStartIfOnBatteries `
        -DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew `
        -ExecutionTimeLimit (New-TimeSpan -Hours 2)
    Register-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Action $action `
        -Trigger $trigger -Principal $principal -Settings $settings -Force `
        -Description 'Sao lưu cơ sở dữ liệu counter-app hằng ngày (counter-app backup --automatic).' | Out-Null
    Write-Log "Đã đặt lịch sao lưu hằng ngày lúc $BackupTime (Task Scheduler: $TaskPath$TaskName)."
}

if (-not $Kit) { $Kit = Split-Path -Parent $MyInvocation.MyCommand.Path }
try {
    New-Item -ItemType Directory -Path $LogDir -Force | Out-Null
    $started = Get-Date
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $admin = [Security.Principal.WindowsBuiltInRole]::Administrator
    if (-not (New-Object Security.Principal.WindowsPrincipal $identity).IsInRole($admin)) {
        Stop-Install 'cần chạy với quyền quản trị (chuột phải, "Run as administrator").'
    }
    if (-not [Environment]::Is64BitProcess) {
        Stop-Install 'cần Windows 64-bit và PowerShell 64-bit.'
    }
    $running = Get-RunningDesks
    if ($running.Count -gt 0) {
        Stop-Install "counter-app đang chạy ($($running.Count) tiến trình): đóng chương trình ở mọi tài khoản rồi chạy lại."
    }
    if ($Uninstall) {
        Write-Log "Gỡ counter-app khỏi $Target (giữ dữ liệu)"
        Remove-Desktop-Integration
        foreach ($dir in @($Runtime, $Aside, $Bin)) {
            if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
        }
        Write-Log 'Đã gỡ chương trình. Dữ liệu của mỗi người dùng vẫn ở %LOCALAPPDATA%\counter-app.'
        exit 0
    }

    $Kit = (Resolve-Path -LiteralPath $Kit).Path
    $wheels = Join-Path $Kit 'wheels'
    $requirements = Join-Path $Kit 'requirements-windows.txt'
    $versionFile = Join-Path $Kit 'python\version.txt'
    foreach ($needed in @($wheels, $requirements, $versionFile, (Join-Path $Kit 'resources'))) {
        if (-not (Test-Path -LiteralPath $needed)) { Stop-Install "bộ cài thiếu $needed." }
    }
    $minor = (Get-Content -LiteralPath $versionFile -TotalCount 1).Trim()
    $zips = @(Get-ChildItem -LiteralPath (Join-Path $Kit 'python') -Filter "python-$minor.*-embed-amd64.zip" |
            Where-Object { $_.Name -match ('^python-' + [regex]::Escape($minor) + '\.(\d+)-embed-amd64\.zip$') } |
            Sort-Object { [int]($_.Name -replace '^python-\d+\.\d+\.(\d+)-.*$', '$1') } -Descending)
    if ($zips.Count -eq 0) {
        Stop-Install "không thấy Python nhúng: đặt tệp python-$minor.N-embed-amd64.zip của python.org vào $(Join-Path $Kit 'python')."
    }
    Write-Log "Cài counter-app vào $Target từ $Kit (Python $($zips[0].Name))"
    New-Item -ItemType Directory -Path $Target -Force | Out-Null
    if (Test-Path -LiteralPath $Aside) { Remove-Item -LiteralPath $Aside -Recurse -Force }
    $upgrade = Test-Path -LiteralPath $Runtime
    if ($upgrade) {
        Write-Log 'Đã có bản cài trước: nâng cấp (dữ liệu giữ nguyên).'
        Rename-Item -LiteralPath $Runtime -NewName 'python.old'
    }
    $done = $false
    $failed = $false
    try {
        Install-Runtime $zips[0].FullName $minor
        Install-Program $wheels $requirements
        $done = $true
    } catch {
        Write-Log "LỖI: $($_.Exception.Message)"
        $failed = $true
    } finally {
        # Stop-Install's exit passes through here too: the old runtime goes back whenever
        # the new one did not finish.
        if (-not $done) {
            if (Test-Path -LiteralPath $Runtime) { Remove-Item -LiteralPath $Runtime -Recurse -Force }
            if ($upgrade) {
                Rename-Item -LiteralPath $Aside -NewName 'python'
                Write-Log 'Đã khôi phục bản cài trước: chương trình cũ vẫn dùng được.'
            }
        }
    }
    if ($failed) { Stop-Install 'cài đặt dừng giữa chừng (xem nhật ký).' }
    if ($upgrade) { Remove-Item -LiteralPath $Aside -Recurse -Force }
    if ($PSCommandPath -ne (Join-Path $Target 'install.ps1')) {
        Copy-Item -LiteralPath $PSCommandPath -Destination (Join-Path $Target 'install.ps1') -Force
    }
    Install-Desktop-Integration
    $seconds = [int]((Get-Date) - $started).TotalSeconds
    Write-Log "Xong sau $seconds giây. Mở counter-app từ menu Start hoặc màn hình nền."
    exit 0
} catch {
    Stop-Install "lỗi không mong đợi: $($_.Exception.Message)"
}
