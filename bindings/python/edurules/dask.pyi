# Type stub of edurules.dask: the frame functions over Dask DataFrames (see dask.py).
from typing import Any, Optional

from ._engine import DateLike, Engine

__all__: list[str]

def pe_status(participants: Any, completions: Any = ..., date: DateLike = ..., *, engine: Optional[Engine] = ...,
              renewals: Any = ..., dispensations: Any = ..., errors: str = ..., unknown: str = ...,
              exact: bool = ...) -> Any: ...
def leave_hours(workers: Any, trainings: Any, lessons: Any = ..., *, engine: Optional[Engine] = ...,
                school_year: Any = ..., errors: str = ..., jobs: Any = ..., absences: Any = ..., leave_taken: Any = ...,
                reasons: str = ...) -> Any: ...
