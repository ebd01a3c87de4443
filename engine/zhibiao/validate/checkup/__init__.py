"""体检 (checkup): what a scheme and the reference graphs can do over every possible submission, proved before
anyone is scored — like Catala's and DMN tools' analyses.

- `bounds.py`    the bounds of every rule, category and total (interval analysis over declared ranges and caps);
- `mechanisms.py` one bound function per scoring mechanism (how to add one is written there);
- `domains.py`   what a condition allows over the declared ranges (never holds / holds together / implies);
- `logic.py`     rules that never apply, alternatives that overlap or shadow one another, double counts;
- `graphs.py`    cycles in the reference graphs (standards `next` and `refines`, goal chain, organisation);
- `check.py`     the findings as located Problems for `validate`.
Messages: `zhibiao/messages/checkup.py`.
"""

from .bounds import BlockBounds, CategoryBounds, RuleBounds, SchemeBounds
from .check import SchemeCheckup, check_scheme_bounds, scheme_bounds
from .graphs import check_cycles

__all__ = ["BlockBounds", "CategoryBounds", "RuleBounds", "SchemeBounds", "SchemeCheckup", "check_cycles",
           "check_scheme_bounds", "scheme_bounds"]
