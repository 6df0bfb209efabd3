"""Writes for certificates, one module per concern (callers import from the module):

- `issuance`: request, issue (idempotent, D5), draw again a missing PDF, retry;
- `emails`: the learner's e-mail once issued, and the expiry reminders;
- `lifecycle`: revocation and renewal;
- `reconcile`: the periodic safety net that sends again what was missed;
- `archives`: bulk downloads, zips of many certificates;
- `history` and `queueing`: the event every write records, and sending tasks after commit.
"""
