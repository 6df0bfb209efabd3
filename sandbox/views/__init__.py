"""The sandbox's first screens: home, reset, person search, person page, movement registration,
the document-scan queue, the secondary line (referred travellers and their hits), statistics (a
month, and one crossing point's month day by day), consultation of other member countries, and
a trainer's read-only inspection of a learner's sandbox, including the records they added,
edited and deleted.

Views are thin: they resolve whose sandbox is shown (`SandboxMixin`), parse a form, call a
selector or service, and render. Invariants:

- a learner's own screens need `sandbox.practise`, an inspection `sandbox.inspect_sandbox`
  and a learner the trainer may see (`people.selectors.user_list`); anonymous visitors
  are sent to log in;
- a GET writes nothing but the mirrored platform's audit log (ADR 0014), and an inspection
  writes nothing at all into the learner's sandbox;
- every read of a record goes through `sandbox.selectors` (the layer's scopes), so a record
  outside the learner's view is a 404.
"""

from sandbox.views.access import SandboxMixin, inspectable_sandboxes
from sandbox.views.alerts import (
    AlertChangeView,
    AlertCreateView,
    AlertDetailView,
    AlertListView,
    AlertRequestApprovalView,
)
from sandbox.views.audit import AuditFlagView, AuditListView
from sandbox.views.changes import LearnerChangesView
from sandbox.views.consultation import ConsultationCreateView, ConsultationDetailView, ConsultationListView
from sandbox.views.exercises import ExerciseAnswerView, ExerciseDetailView
from sandbox.views.home import HomeView, ResetView
from sandbox.views.inspection import LearnerListView
from sandbox.views.movements import MovementCreateView
from sandbox.views.people import PersonDetailView, PersonSearchView
from sandbox.views.requests import IncomingAnswerView, IncomingListView, RequestCreateView, RequestDetailView
from sandbox.views.roles import RoleSwitchView
from sandbox.views.secondary import HitAdjudicateView, SecondaryCaseView, SecondaryQueueView
from sandbox.views.statistics import DailyStatisticsView, StatisticsTables, StatisticsView
from sandbox.views.triage import ScanDecideView, ScanTriageView

__all__ = [
    "AlertChangeView",
    "AlertCreateView",
    "AlertDetailView",
    "AlertListView",
    "AlertRequestApprovalView",
    "AuditFlagView",
    "AuditListView",
    "ConsultationCreateView",
    "ConsultationDetailView",
    "ConsultationListView",
    "DailyStatisticsView",
    "ExerciseAnswerView",
    "ExerciseDetailView",
    "HitAdjudicateView",
    "HomeView",
    "IncomingAnswerView",
    "IncomingListView",
    "LearnerChangesView",
    "LearnerListView",
    "MovementCreateView",
    "PersonDetailView",
    "PersonSearchView",
    "RequestCreateView",
    "RequestDetailView",
    "ResetView",
    "RoleSwitchView",
    "SandboxMixin",
    "ScanDecideView",
    "ScanTriageView",
    "SecondaryCaseView",
    "SecondaryQueueView",
    "StatisticsTables",
    "StatisticsView",
    "inspectable_sandboxes",
]
