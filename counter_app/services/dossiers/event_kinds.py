"""The kinds of events in a dossier's history, apart from events.py (which writes them) so
that a module only naming a kind (the worklists, at the desk's start) needs neither the
audit trail nor the facts' upkeep."""

from __future__ import annotations


class EventKind:
    RECEIVED = "received"
    ACCEPTED = "accepted"  # an online dossier taken on by the desk (portal/inbound.py)
    HANDED_OVER = "handed_over"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    EXTENDED = "extended"
    RESULT_BACK = "result_back"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    REFUSED = "refused"
    NOTE = "note"
    PRINTED = "printed"  # data: form, reprint (true from the second print of that form)
    # data: item, name, sha256, pages, bytes, source, signed, reason (digitisation/record.py)
    DIGITISED = "digitised"
    # data: visit (reception | return), score (1-3), criteria (codes), counter; changes no
    # state: a rating is never a condition for anything (citizen/ratings.py)
    RATED = "rated"
    # fees (fees/payments.py, docs/fees.md): change no state of the dossier.
    # data: amount, method (cash | transfer | qr), receipt {template, series, number}
    PAID = "paid"
    # data: replaces {template, series, number}, receipt {template, series, number}, reason
    RECEIPT_REPLACED = "receipt_replaced"
    # data: exemption (a code of the version's fee schedule)
    FEE_EXEMPTED = "fee_exempted"
    # data: receipt {template, series, number} of a transfer, reference (the bank's), line
    # (the statement line's key): the transfer found in the bank statement
    PAYMENT_MATCHED = "payment_matched"
