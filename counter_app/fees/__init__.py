"""Fees and charges at the counter (phí, lệ phí; docs/fees.md): the schedule of each
procedure version, payments as events of the dossier, receipts numbered without holes,
VietQR, bank statements matched, each officer's cash-up."""
