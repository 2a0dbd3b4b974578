"""The desk's fee windows (docs/fees.md): the dossier window's fee line and the payment
dialog, the VietQR drawn for the officer and the citizen's screen."""
