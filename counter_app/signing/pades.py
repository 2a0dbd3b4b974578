"""PAdES B-B signatures with pyHanko, and their verification.

Verification uses a pyHanko ValidationContext whose trust roots are the agency's own
certificates (a folder of .pem/.crt/.cer/.der files: COUNTER_APP_TRUST_DIR, or the desk's
setting), never the operating system's list; no fetching (the desk may be offline) and
revocation "soft-fail". With no root given, an intact signature is `untrusted`: "không xác
minh được chuỗi chứng thư".
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from counter_app.signing.base import SignatureState

TRUST_VARIABLE = "COUNTER_APP_TRUST_DIR"
DEFAULT_REASON = "Số hóa hồ sơ tại bộ phận một cửa"
CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def quietly_import_pyhanko() -> None:
    """pyHanko imports cryptography's DSA, which warns on every start (a deprecation of
    cryptography's, not ours to act on): the desk's stderr and the tests stay clean. Its
    loggers are kept to errors of its own: at warning level they write the signer's name
    (a certificate's subject) and tracebacks for every signature they cannot trust."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "DSA is deprecated", UserWarning)
        import pyhanko.sign.signers.pdf_cms  # noqa: F401


def sign_pdf(pdf: bytes, signer: Any, reason: str, location: str | None = None) -> bytes:
    quietly_import_pyhanko()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    existing = len(list(fields.enumerate_sig_fields(writer)))
    meta = signers.PdfSignatureMetadata(
        field_name=f"ChuKySo{existing + 1}",
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


def trust_roots(folder: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> list:
    """The agency's trusted root certificates from `folder` (or COUNTER_APP_TRUST_DIR)."""
    from asn1crypto import pem, x509

    where = folder or environ.get(TRUST_VARIABLE)
    if not where or not Path(where).is_dir():
        return []
    roots = []
    for path in sorted(Path(where).iterdir()):
        if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        blocks = (
            [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        )
        for der in blocks:
            try:
                roots.append(x509.Certificate.load(der))
            except ValueError:
                continue
    return roots


def verify(pdf: bytes, roots: list | None = None) -> SignatureState:
    """The state of the document's signatures: `none`; `invalid` if any is broken or the
    document was changed after the last one; else `valid` (or `untrusted`) with the last
    signer's name and the time their signature states."""
    quietly_import_pyhanko()
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return SignatureState("invalid")
    if not signatures:
        return SignatureState("none")
    trusted = True
    last: Any = None
    for embedded in signatures:
        context = ValidationContext(
            trust_roots=list(roots or []), allow_fetching=False, revocation_mode="soft-fail"
        )
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception:  # a damaged signature dictionary or CMS blob
            return SignatureState("invalid", count=len(signatures))
        if not (status.intact and status.valid) or not _whole(status, embedded, signatures):
            return SignatureState("invalid", count=len(signatures))
        trusted = trusted and bool(status.trusted)
        last = status
    name = last.signing_cert.subject.native.get("common_name")
    return SignatureState(
        "valid" if trusted else "untrusted",
        name if isinstance(name, str) else None,
        last.signer_reported_dt,
        len(signatures),
    )


def _whole(status: Any, embedded: Any, signatures: list) -> bool:
    """The last signature covers the whole file (nothing added after it); earlier ones
    are followed only by the later signatures' own updates."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if embedded is signatures[-1]:
        return status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return status.coverage in (
        SignatureCoverageLevel.ENTIRE_FILE,
        SignatureCoverageLevel.ENTIRE_REVISION,
    )
