"""numpy, loaded only when a comparison is large enough to need it.

Importing numpy costs about 0.1 s, which a small comparison (and start-up) must not
pay; the alignment of many provisions and of many paragraphs inside one provision
weighs thousands of pairs at once with it.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def numpy() -> Any:
    """numpy, imported on first use, its matrix products on one thread unless the user
    said otherwise: on a loaded two-core machine, OpenBLAS's threads made the worst
    case of `bench_compare` eight times slower (0.38 s against 0.05 s)."""
    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
    import numpy

    return numpy
