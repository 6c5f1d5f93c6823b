"""shkc-advisor: grounded, cited guidance on Shanghai sci-tech innovation policy.

    from shkc_advisor import Advisor
    answer = Advisor().ask("履约贷第6期的总额度是多少？")
    print(answer.text, answer.citations)
"""

from typing import TYPE_CHECKING, Any

from .errors import AdvisorError, ConfigError, IngestError, InputError
from .types import Answer, Citation

if TYPE_CHECKING:
    from .advisor import Advisor
    from .settings import Settings

# Advisor (Chroma, the stores) and Settings (pydantic-settings) load on first use (PEP 562),
# so `import shkc_advisor` and `shkc-advisor --help` do not pay for them.
_LAZY = {"Advisor": ".advisor", "Settings": ".settings"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
