"""Words of the contract (docs/cli.md) that many layers use, with no imports: the command
line can be parsed without loading the service layer."""

CHANNELS = ("direct", "online", "postal")
# A component's form, as the receipt prints it and the screens show it
DOCUMENT_KINDS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "copy": "Bản sao",
}
OUTCOMES = ("approved", "refused")
BIEU06_BY = ("field", "procedure")  # README: figures: report bieu06 --by
ONTIME_BY = ("field", "procedure", "unit", "officer", "month")  # report ontime --by
DIGITISATION_BY = ("field", "procedure", "officer")  # report digitisation --by
DIGITISATION_MISSING = ("component", "required", "result")  # ... --missing
