"""Reception: the intake document, what the reception screen needs before anything is
recorded, and the recording of a dossier with its code and appointment."""
