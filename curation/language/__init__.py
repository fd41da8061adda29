"""Language identification for Norwegian curation: Bokmål (nb), Nynorsk (nn), English (en) or other."""

from curation.language.example import identify_example, identify_examples, strip_code
from curation.language.identify import LABELS, identify, probabilities

__all__ = ["LABELS", "identify", "identify_example", "identify_examples", "probabilities", "strip_code"]
