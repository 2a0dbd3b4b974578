"""The citizen's side of the counter (issue 22, docs/citizen.md): ratings of visits, the
arming that lets the citizen's screen take one, and the complaints register."""
