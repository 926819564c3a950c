"""Personnel work's records: public-institution recruitment, 三龄一历 certification, grade promotion and
emergency deployment (each part's models in its own module, imported here)."""

# --- personnel records (三龄一历, grades, emergency duty) ---
from hrbureau.personnel.records_models import (  # noqa: F401
    Appraisal,
    CertificationFinding,
    CertificationRequest,
    CertifiedRecord,
    Deployment,
    DutyPost,
    EducationRow,
    EmergencyPlan,
    GradeHistory,
    PromotionDecision,
    PromotionRule,
    StaffGrade,
    StaffMember,
)

# --- recruitment ---
from hrbureau.personnel.recruitment_models import (  # noqa: F401
    PlanPublication,
    RecruitmentPlan,
    RecruitmentPost,
    Registration,
)
