"""Signing benchmark: a digitised document signed with a SoftHSM2 token through our
`TokenSession.sign` (PAdES B-B, key found by CKA_ID, session kept open) against a bare
pyHanko signature of the same file with the same token (python-pkcs11 session opened once,
pyHanko's PKCS11Signer made once, `signers.sign_pdf`), interleaved.

    python bench/signing.py [--n 60] [--pages 5]

The token, its test CA and officer's certificate are made in a temporary folder
(tests/devices.py: softhsm2-util, RSA 2048); the document is `--pages` A4 pages at 300 dpi,
black and white, wrapped by img2pdf. `--n` rounds after 3 warm ones, order rotated each
round; p50/p95/max with n; verdicts: ours p95 <= 300 ms (issue 20) and the p50 ratio to the
bare signature. Then one verification (`verify`, trusted root given) for reference.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)


def document(pages: int) -> bytes:
    import img2pdf
    from PIL import Image, ImageDraw

    images = []
    for k in range(pages):
        page = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(page)
        for y in range(300, 3200, 90):  # lines of "text"
            draw.rectangle((250, y, 2200 - (y * 7 + k * 13) % 600, y + 40), fill=0)
        out = io.BytesIO()
        page.convert("1").save(out, "TIFF", compression="group4", dpi=(300, 300))
        images.append(out.getvalue())
    return img2pdf.convert(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--pages", type=int, default=5)
    args = parser.parse_args()
    print(environment(), f"load {os.getloadavg()[0]:.2f}")
    from tests.devices import make_token

    with tempfile.TemporaryDirectory(prefix="bench-signing-") as folder:
        os.environ["SOFTHSM2_CONF"] = str(Path(folder) / "softhsm2.conf")
        token = make_token(Path(folder))
        run(token, document(args.pages), args)


def run(token, pdf: bytes, args: argparse.Namespace) -> None:
    from counter_app.signing import TokenSession
    from counter_app.signing.pades import quietly_import_pyhanko, trust_roots, verify

    quietly_import_pyhanko()
    import pkcs11
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.pkcs11 import PKCS11Signer

    scope(f"a PDF of {args.pages} A4 pages at 300 dpi, {len(pdf):,} bytes; SoftHSM2 RSA 2048")
    ours = TokenSession(lambda state: token.pin, module=token.module)
    bare_session = (
        pkcs11.lib(token.module).get_token(token_label=token.label).open(user_pin=token.pin)
    )
    bare_signer = PKCS11Signer(bare_session, key_id=token.key_id, cert_id=token.key_id)
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256")
    out: dict[str, bytes] = {}

    def ours_sign(_: int) -> None:
        out["ours"] = ours.sign(pdf)

    def bare_sign(_: int) -> None:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out["bare"] = signers.sign_pdf(writer, meta, signer=bare_signer).getvalue()

    samples = interleave({"ours": ours_sign, "bare pyHanko": bare_sign}, args.n, warm=3)
    rows = [[name, len(s), *spread_ms(s)] for name, s in samples.items()]
    print(table(["side", "n", "p50 ms", "p95 ms", "max ms"], rows, "signing one document"))
    ours_ms, bare_ms = spread_ms(samples["ours"]), spread_ms(samples["bare pyHanko"])
    ratio = ours_ms[0] / bare_ms[0]
    roots = trust_roots(token.ca_pem.parent)
    state = verify(out["ours"], roots)
    added = len(out["ours"]) - len(pdf)
    print(f"verified: {state.kind}, {state.count} signature(s); bytes added {added:,}")
    print(
        verdict_table(
            [
                verdict("ours p95", ours_ms[1], 300, below=False, n=len(samples["ours"])),
                verdict("ours / bare pyHanko, p50", ratio, 1.3, unit="×", below=False, n=args.n),
            ]
        )
    )
    ours.close()
    bare_session.close()


if __name__ == "__main__":
    main()
