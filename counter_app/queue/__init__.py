"""The citizens' queue (docs/queue.md): services, tickets, calls and the dossiers a called
ticket led to. `Queue` (base.py) is the one interface; `queue_for` (choose.py) gives a desk
its queue: the office server's when the desk has joined one, else the desk's own."""
