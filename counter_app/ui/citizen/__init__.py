"""The citizen's screen: a window facing the citizen, and the desk's side of it."""
