"""What each printed form shows, gathered from the database into printing's plain data:
the dossier's forms, the register (form 07), the sheets of an intake not received."""
