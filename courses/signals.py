"""News the courses app sends upwards (certificates and tracking listen).

`course_completed(sender=Enrolment, enrolment=<Enrolment>)` is sent exactly once per
enrolment, after the transaction that completed it commits.
"""

from django.dispatch import Signal

course_completed = Signal()
