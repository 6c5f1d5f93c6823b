"""shkc-advisor: grounded, cited guidance on Shanghai sci-tech innovation policy.

    from shkc_advisor import Advisor
    answer = Advisor().ask("履约贷第6期的总额度是多少？")
    print(answer.text, answer.citations)
"""

from .advisor import Advisor
from .errors import AdvisorError, ConfigError, IngestError, InputError
from .settings import Settings
from .types import Answer, Citation

__version__ = "0.1.0"

__all__ = [
    "Advisor",
    "AdvisorError",
    "Answer",
    "Citation",
    "ConfigError",
    "IngestError",
    "InputError",
    "Settings",
    "__version__",
]
