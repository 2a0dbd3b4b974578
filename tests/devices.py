"""Real devices for the tests: the SANE `test` backend and a SoftHSM2 token.

* `sane_config(folder)`: a SANE configuration that knows only the `test` backend (two
  virtual scanners, test:0 and test:1); set SANE_CONFIG_DIR to it.
* `make_token(folder)`: a SoftHSM2 token of its own (its own token folder, SOFTHSM2_CONF to
  set), a test CA and an officer's certificate made with `cryptography`, the officer's
  private key and certificate stored in the token under the same CKA_ID (and a different
  label on each: the key must be found by its certificate's id, never by a label).
The fixtures `sane_device` and `softhsm_token` (tests/conftest.py) set the variables.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SOFTHSM_MODULE = next(
    (
        p
        for p in (
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        )
        if Path(p).exists()
    ),
    "/usr/lib/softhsm/libsofthsm2.so",
)
PIN, SO_PIN = "246810", "13579111"
OFFICER_NAME = "Cán bộ Một Cửa"
KEY_ID = bytes.fromhex("a1b2c3d4")


def sane_config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    shutil.copy("/etc/sane.d/test.conf", folder / "test.conf")
    return folder


@dataclass(frozen=True)
class Token:
    conf: Path  # SOFTHSM2_CONF
    module: str
    label: str
    pin: str
    ca_pem: Path  # the test CA, for a trust folder
    officer_der: bytes
    key_id: bytes


def make_token(folder: Path, label: str = "Token can bo") -> Token:
    from cryptography.hazmat.primitives import serialization

    tokens = folder / "tokens"
    tokens.mkdir(parents=True, mode=0o700)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
        "log.level = ERROR\nslots.removable = false\n"
    )
    env = {"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN]
        + ["--so-pin", SO_PIN],
        check=True,
        capture_output=True,
        env=env,
    )
    ca_key, ca_cert, officer_key, officer_cert = _certificates()
    ca_pem = folder / "trust" / "ca.pem"
    ca_pem.parent.mkdir()
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    _store(conf, label, officer_key, officer_cert, ca_cert)
    return Token(
        conf,
        SOFTHSM_MODULE,
        label,
        PIN,
        ca_pem,
        officer_cert.public_bytes(serialization.Encoding.DER),
        KEY_ID,
    )


_MADE: list[object] = []


def _certificates() -> tuple:
    """A CA and an officer's certificate (RSA 2048), made once per process: key generation
    is the slow part and each test's token can hold the same officer."""
    if _MADE:
        return tuple(_MADE)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(65537, 2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm counter-app")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    officer_key = rsa.generate_private_key(65537, 2048)
    officer_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, OFFICER_NAME)]))
        .issuer_name(ca_name)
        .public_key(officer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    _MADE.extend((ca_key, ca_cert, officer_key, officer_cert))
    return ca_key, ca_cert, officer_key, officer_cert


def _usage(cert_sign: bool):
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _store(conf: Path, label: str, key, cert, ca_cert) -> None:
    """Key and certificate into the token under KEY_ID (labels differ on purpose), the CA's
    certificate beside them, as a vendor's token holds its chain."""
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    lib = reload_module(conf)
    token = lib.get_token(token_label=label)
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    with token.open(rw=True, user_pin=PIN) as session:
        attrs = decode_rsa_private_key(der_key)
        attrs |= {
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
            Attribute.SIGN: True,
            Attribute.ID: KEY_ID,
            Attribute.LABEL: "Private key",
        }
        session.create_object(attrs)
        for certificate, object_id, name in ((cert, KEY_ID, "Chứng thư"), (ca_cert, b"\x01", "CA")):
            values = decode_x509_certificate(certificate.public_bytes(serialization.Encoding.DER))
            values |= {Attribute.TOKEN: True, Attribute.ID: object_id, Attribute.LABEL: name}
            values[Attribute.CLASS] = ObjectClass.CERTIFICATE
            session.create_object(values)


def reload_module(conf: Path):
    """SoftHSM reads SOFTHSM2_CONF when it is initialised: a process that already loaded it
    (an earlier test) initialises it again to see this test's token folder."""
    import os

    import pkcs11

    os.environ["SOFTHSM2_CONF"] = str(conf)
    lib = pkcs11.lib(SOFTHSM_MODULE)
    lib.reinitialize()
    return lib


FLAGS_ATTRIBUTE = bytes.fromhex("000000008000534b0000000000000002")  # CKA_OS_TOKENFLAGS, ulong


def add_token_flags(token: Token, flags: int) -> None:
    """Write `flags` into the token's own record (SoftHSM's token.object), as a token at its
    last PIN try or locked reports them: SoftHSM2 2.6 never sets CKF_USER_PIN_FINAL_TRY or
    CKF_USER_PIN_LOCKED itself (it only sets COUNT_LOW after a wrong PIN, and never locks).
    The module is initialised again to read it."""
    (record,) = (token.conf.parent / "tokens").glob("*/token.object")
    data = bytearray(record.read_bytes())
    at = data.index(FLAGS_ATTRIBUTE) + len(FLAGS_ATTRIBUTE)  # an ulong: 8 bytes, big-endian
    current = int.from_bytes(data[at : at + 8], "big")
    data[at : at + 8] = (current | flags).to_bytes(8, "big")
    record.write_bytes(bytes(data))
    reload_module(token.conf)
