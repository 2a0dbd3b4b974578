"""One dossier: its window with the history and the actions the role may take, and the
dossier table the lists share."""
