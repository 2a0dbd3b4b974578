"""Words of the contract (spec/cli.md) that many layers use, with no imports: the command
line can be parsed without loading the service layer."""

CHANNELS = ("direct", "online", "postal")
OUTCOMES = ("approved", "refused")
