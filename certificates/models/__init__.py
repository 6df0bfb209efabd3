"""The certificates app's models, one module per concern.

- `design`: certificate templates (`CertificateTemplate`, its logos and signatories) and the
  placeholders their texts may use;
- `rules`: `CourseCertification`, which template a course uses and how holders renew, and its
  `CertificationCompetency` rows, each proved by an exercise type;
- `certificate`: `Certificate` and its lifecycle, its history (`CertificateEvent`) and the
  expiry reminders sent (`ExpiryReminder`);
- `archives`: `BulkDownload`, the zips of many certificates;
- `storage`: `PrivateStorage`, where PDFs and archives are kept.

Django finds an app's models in its `models` module, so the model classes are imported here.
So are the three names migrations refer to as `certificates.models.<name>` (the private
storage and the two `upload_to` functions). Everything else is imported from its module.
"""

from certificates.models.archives import BulkDownload, _archive_path
from certificates.models.certificate import Certificate, CertificateEvent, ExpiryReminder, _pdf_path
from certificates.models.design import CertificateTemplate, TemplateLogo, TemplateSignatory
from certificates.models.rules import CertificationCompetency, CourseCertification
from certificates.models.storage import PrivateStorage

__all__ = [
    "BulkDownload",
    "Certificate",
    "CertificateEvent",
    "CertificateTemplate",
    "CertificationCompetency",
    "CourseCertification",
    "ExpiryReminder",
    "PrivateStorage",
    "TemplateLogo",
    "TemplateSignatory",
    "_archive_path",
    "_pdf_path",
]
