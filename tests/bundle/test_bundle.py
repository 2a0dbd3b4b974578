"""The desk's folder build (dist/counter-app/, scripts/build-bundle.sh) runs on its own: a
process with none of the project's environment (no virtual environment on PATH, no
PYTHONPATH, its home and XDG folders in the test's folder) prints its version, makes a demo
desk, receives a citizen from an intake file, prints the receipt (the barcode decodes),
joins a throwaway office server and syncs, opens its window off screen, and loads the Qt
modules the desk needs only later (QtPdf, QtPdfWidgets, QtPrintSupport, QtCharts: the
bundle's check, packaging/bundle_check.py). A missing bundle fails the test: CI builds it
(scripts/test.sh) before the tests run."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pypdfium2
import pytest
import zxingcpp

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("processes")]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "counter-app"
PROGRAM = BUNDLE / "counter-app"
AGENCY = "000.00.20.H26"  # the demo catalog's commune
INTAKE = {  # docs/cli.md's first session: the demo catalog's birth registration
    "procedure": "1.001193",
    "applicant": {"name": "Nguyễn Thị Hoà", "id_number": "026190001234", "phone": "0912345678"},
    "documents": [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu"},
        {
            "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc "
            "giấy cam đoan về việc sinh"
        },
    ],
}


@pytest.fixture(scope="module")
def program() -> Path:
    if not PROGRAM.is_file():
        pytest.fail(
            f"{PROGRAM} không có: hãy dựng gói bằng `bash scripts/build-bundle.sh` "
            "(scripts/test.sh dựng nó trước khi chạy kiểm thử)",
            pytrace=False,
        )
    return PROGRAM


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment without the project's: system PATH only, no PYTHONPATH or
    VIRTUAL_ENV, home and XDG folders of the test's own."""
    for folder in ("home", "data", "config", "cache", "state", "runtime"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home / "home"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "COUNTER_APP_DEBUG": "1",  # a failure shows its traceback
        **extra,
    }


def run(program: Path, env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [str(program), *args],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"counter-app {' '.join(args)}: {done.returncode}\n{done.stderr}"
    return done.stdout


def run_json(program: Path, env: dict[str, str], *args: str) -> Any:
    return json.loads(run(program, env, *args, "--json"))


def barcodes(pdf: bytes) -> set[str]:
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=300 / 72).to_pil()
    return {result.text for result in zxingcpp.read_barcodes(image)}


@pytest.fixture(scope="module")
def demo_desk(program: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`init --demo` once (two weeks of demo work, with the demo's officers: their
    passwords are hashed by the bundle's argon2); each test works on a copy."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    said = run(
        program, clean_env(folder), "--db", f"sqlite:///{db}", "init", "--demo", "--days", "14"
    )
    assert "hồ sơ mẫu" in said
    return db


def desk_copy(demo_desk: Path, tmp_path: Path) -> str:
    shutil.copy(demo_desk, tmp_path / "desk.db")
    return f"sqlite:///{tmp_path / 'desk.db'}"


# What the program or its libraries read by path at run time (the other tests show most of
# them at work; the fonts and translations are chosen by the machine and language).
BY_PATH = [
    "counter_app/sync/sql/0001_schema.sql",
    "counter_app/migrations/env.py",
    "counter_app/migrations/script.py.mako",
    "counter_app/migrations/versions/0001_initial_schema.py",
    "resources/catalog/xa_tam_dao.json",
    "resources/help/desk_vi.html",
    "resources/translations/qt_vi.qm",
    "resources/translations/counter_app_en.qm",
    "font_roboto/files/Roboto-Regular.ttf",
    "reportlab/fonts/Vera.ttf",
    "barcode/fonts/DejaVuSansMono.ttf",
    "holidays/countries/vietnam.py",
    "certifi/cacert.pem",
    "escpos/capabilities.json",
    "pyhanko/sign/validation/qualified/lotl-certs/latest.cert.pem",
    "_argon2_cffi_bindings/_ffi.abi3.so",
    "PySide6/QtPdf.abi3.so",
    "PySide6/QtPdfWidgets.abi3.so",
    "PySide6/QtPrintSupport.abi3.so",
    "PySide6/QtCharts.abi3.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
]


def test_the_bundle_holds_what_is_read_by_path(program):
    missing = [path for path in BY_PATH if not (BUNDLE / "_internal" / path).is_file()]
    assert not missing, f"missing from {BUNDLE}/_internal: {missing}"


def test_the_bundle_says_its_version(program, tmp_path):
    from counter_app import __version__

    assert run(program, clean_env(tmp_path), "--version").strip() == f"counter-app {__version__}"


def test_a_reception_from_an_intake_file_and_its_receipt(program, demo_desk, tmp_path):
    env = clean_env(tmp_path, COUNTER_APP_OFFICER="hoa", COUNTER_APP_PASSWORD="demo-tiepnhan")
    db = desk_copy(demo_desk, tmp_path)
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(INTAKE, ensure_ascii=False), encoding="utf-8")
    dossier = run_json(program, env, "--db", db, "receive", str(intake))
    assert dossier["applicant"]["name"] == "Nguyễn Thị Hoà"
    receipt = tmp_path / "x.pdf"
    run(program, env, "--db", db, "print", "receipt", dossier["code"], "-o", str(receipt))
    assert dossier["code"] in barcodes(receipt.read_bytes())
    # the same receipt through the desk's printing: rasterised by QtPdf, painted on a
    # QPrinter (QtPrintSupport) into a PDF; the dashboard's chart (QtCharts)
    checked = run(program, dict(env, COUNTER_APP_BUNDLE_CHECK=str(receipt)))
    pages = len(pypdfium2.PdfDocument(receipt.read_bytes()))
    assert f"QtPdf, QtPrintSupport: {pages} trang" in checked
    assert "QtPdfWidgets: QPdfView" in checked and "QtCharts: ChartView" in checked
    printed = Path(f"{receipt}.printed.pdf").read_bytes()
    assert dossier["code"] in barcodes(printed)


def test_the_office_sync_against_a_throwaway_server(program, demo_desk, new_pg_server, tmp_path):
    admin = new_pg_server(durable=False).create_database()
    env = clean_env(tmp_path, COUNTER_APP_OFFICER="quantri", COUNTER_APP_PASSWORD="demo-quantri")
    db = desk_copy(demo_desk, tmp_path)
    run(program, env, "server", "init", "--admin-url", admin)
    catalog = BUNDLE / "_internal" / "resources" / "catalog" / "xa_tam_dao.json"  # its own
    run(program, env, "server", "catalog", "import", str(catalog), "--admin-url", admin)
    added = run_json(
        program, env, "server", "add-desk", "Ban 1", "--agency", AGENCY, "--admin-url", admin
    )
    run(program, env, "--db", db, "join", added["url"])
    run(program, env, "--db", db, "sync")
    status = run_json(program, env, "--db", db, "sync", "status")
    assert (status["pending"], status["conflicts"]) == (0, 0)
    with sqlite3.connect(tmp_path / "desk.db") as local:
        dossiers = local.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://")) as office:
        on_server = office.execute("SELECT count(*) FROM counter.dossiers").fetchone()
    assert dossiers > 0 and on_server == (dossiers,)


def test_the_window_opens_off_screen(program, tmp_path):
    env = clean_env(tmp_path)
    db = f"sqlite:///{tmp_path / 'desk.db'}"
    run(program, env, "--db", db, "init")
    said = run(program, env, "--db", db, "--check-start", timeout=120)
    assert said.startswith("start: ") and "hồ sơ" in said
