"""Who acts at a desk, and what their role lets them do: the identity every unit of work
carries and the permission table the services enforce. Below the services, the audit
trail and the officers' accounts, which all ask it."""
