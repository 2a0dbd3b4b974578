"""Digitisation of a dossier's paper (spec/digitisation.md, docs/digitisation.md): one
PDF/A-2b per checklist line or result (pdfa), the bad input refused before anything is
written (checks), content-addressed files beside the desk's database (store), and the
`digitised` event with its current-state row (record, listing). No Qt."""
