"""Officers: who may act at the desk, how they prove it, and what each role may do."""
