"""Personnel work's records: public-institution recruitment, 三龄一历 certification, grade promotion and
emergency deployment (each part's models in its own module, imported here)."""

# --- recruitment ---
from hrbureau.personnel.records_models import *  # noqa: F403 (三龄一历, grades, emergency duty)
from hrbureau.personnel.recruitment_models import *  # noqa: F403
