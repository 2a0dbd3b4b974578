"""`counter-app server init` with a URL that cannot connect says what to fix, in
Vietnamese, naming the file, host or setting: never 'lỗi không mong đợi', never the
password. Against real servers: the session's (no TLS) and one of this module's with TLS
on and a certificate made for `localhost` by an office CA of the test's own."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import _started
from tests.integration.driver import Desk
from tests.pg import PG_USER, PgServer, free_port

pytestmark = pytest.mark.slow


def _ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, crt = folder / f"{name}.key", folder / f"{name}.crt"
    subprocess.run(
        [
            "openssl",
            "req",
            "-new",
            "-x509",
            "-days",
            "30",
            "-nodes",
            "-subj",
            f"/CN={name}",
            "-keyout",
            str(key),
            "-out",
            str(crt),
        ],
        check=True,
        capture_output=True,
    )
    return key, crt


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgServer, Path, Path]]:
    """A server with `ssl = on`, its office CA's root.crt, and another CA's."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key, root = _ca(folder, "office-ca")
    _, stranger = _ca(folder, "other-ca")
    (folder / "san").write_text("subjectAltName=DNS:localhost\n")
    subprocess.run(
        [
            "openssl",
            "req",
            "-new",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(folder / "server.key"),
            "-out",
            str(folder / "server.csr"),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "openssl",
            "x509",
            "-req",
            "-in",
            str(folder / "server.csr"),
            "-CA",
            str(root),
            "-CAkey",
            str(ca_key),
            "-CAcreateserial",
            "-days",
            "30",
            "-out",
            str(folder / "server.crt"),
            "-extfile",
            str(folder / "san"),
        ],
        check=True,
        capture_output=True,
    )
    server = _started(durable=False)
    try:
        for name in ("server.crt", "server.key"):
            target = server.data / name
            shutil.copyfile(folder / name, target)
            target.chmod(0o600)
            if server.as_root:
                shutil.chown(target, user=PG_USER)
        server.execute("ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()")
        yield server, root, stranger
    finally:
        server.destroy()


def _url(
    server: PgServer, host: str = "127.0.0.1", password: str | None = None, **params: str
) -> str:
    url = server.url(password=password).replace("@127.0.0.1:", f"@{host}:")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _init(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> tuple[int, str]:
    code, out, err = Desk(tmp_path, capsys).run("server", "init", "--admin-url", url)
    return code, err


CASES = {
    "a closed port": (
        lambda pg, tls, tmp: f"postgresql://postgres:s3cret-Pw@127.0.0.1:{free_port()}/postgres",
        "máy chủ không nhận kết nối",
    ),
    "a wrong password": (
        lambda pg, tls, tmp: _url(pg, password="s3cret-Pw"),
        "sai tên người dùng hoặc mật khẩu",
    ),
    "TLS asked of a server without it": (
        lambda pg, tls, tmp: _url(pg, sslmode="require"),
        "máy chủ chưa bật mã hoá",
    ),
    "verify-full, the sslrootcert given is missing": (
        lambda pg, tls, tmp: _url(
            tls[0],
            sslmode="verify-full",
            host="localhost",
            sslrootcert=str(tmp / "nowhere" / "root.crt"),
        ),
        'thiếu tệp chứng chỉ gốc "{tmp}/nowhere/root.crt"',
    ),
    "verify-full, no ~/.postgresql/root.crt": (
        lambda pg, tls, tmp: _url(tls[0], sslmode="verify-full", host="localhost"),
        'thiếu tệp chứng chỉ gốc "{tmp}/.postgresql/root.crt"',
    ),
    "verify-full, another CA's root.crt": (
        lambda pg, tls, tmp: _url(
            tls[0], sslmode="verify-full", host="localhost", sslrootcert=str(tls[2])
        ),
        "chứng chỉ của máy chủ không do chứng chỉ gốc (root.crt) máy này có ký",
    ),
    "verify-full, a host the certificate does not name": (
        lambda pg, tls, tmp: _url(tls[0], sslmode="verify-full", sslrootcert=str(tls[1])),
        'tên máy chủ trong URL ("127.0.0.1") không có trong chứng chỉ',
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_failed_connection_says_what_to_fix(case, pg_server, tls, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PGSSLROOTCERT", raising=False)
    make, expected = CASES[case]
    code, err = _init(tmp_path, capsys, make(pg_server, tls, tmp_path))
    assert code == 1
    assert err.startswith("error: Không kết nối được máy chủ PostgreSQL: ") and err.count("\n") == 1
    assert expected.format(tmp=tmp_path) in err
    assert "s3cret" not in err and pg_server.password not in err and "không mong đợi" not in err


def test_the_right_root_certificate_and_host_name_connect(tls, tmp_path, capsys):
    server, root, _ = tls
    code, err = _init(
        tmp_path,
        capsys,
        _url(server, host="localhost", sslmode="verify-full", sslrootcert=str(root)),
    )
    assert code == 0, err
