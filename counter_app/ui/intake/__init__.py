"""The reception screen: the intake form, its checklist and procedure picker, the
applicant's checks, and the sheets of an intake that is not received."""
