"""Type stubs for the private compiled module (bindings/python/src/module.cpp).

Columns are one-dimensional C-contiguous numpy arrays of exactly the dtypes
named; dates are int32 days since 1970-01-01 with NO_DAY for none."""
from typing import Any, Callable, Optional

import numpy as np
import numpy.typing as npt

__version__: str
NO_DAY: int
PE_STATES: list[str]
PE_REASONS: list[str]
PE_BATCH_ERRORS: list[str]
MAX_POINTS_PER_COMPLETION: int
max_input_bytes: Callable[[], int]
"""The input file size limit in force (EDURULES_MAX_INPUT_BYTES as the C ABI reads it, else 1 GiB)."""
PE_BOOKING_REASONS: list[str]
LEAVE_REGIONS: list[str]
LEAVE_REGIMES: list[str]
LEAVE_TRAINING_TYPES: list[str]
LEAVE_REASONS: list[str]
ACCOUNT_REASONS: list[str]
LEAVE_BATCH_STATUS: dict[int, str]
LEAVE_FACTS_PROBLEMS: list[str]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]

class Engine:
    def __init__(self, rulebook_json: Optional[str] = None, origin: str = "rulebook",
                 overlays: list[tuple[str, str]] = ...,
                 overrides: list[tuple[str, str, Optional[int], Optional[int]]] = ...) -> None: ...
    @property
    def rulebook_name(self) -> str: ...
    @property
    def rulebook_version(self) -> str: ...
    def rulebook_json(self) -> str: ...
    def evaluate_json(self, request: str) -> str: ...
    def pe_status_columns(self, date: int, diploma_day: I32, activation_day: I32, completion_offsets: I64,
                          completion_day: I32, completion_points: I64, renewal_offsets: I64, renewal_day: I32,
                          dispensation_offsets: I64, dispensation_requested: I32, dispensation_decided: I32,
                          dispensation_granted: U8, threads: int = 0) -> dict[str, np.ndarray]: ...
    def pe_status_frame_columns(self, date: int, diploma_day: I32, activation_day: I32, completion_offsets: I64,
                                completion_day: I32, completion_points: I64, renewal_offsets: I64, renewal_day: I32,
                                dispensation_offsets: I64, dispensation_requested: I32, dispensation_decided: I32,
                                dispensation_granted: U8, flagged: npt.NDArray[np.bool_], exact: bool,
                                threads: int = 0) -> dict[str, np.ndarray]: ...
    def pe_status_frame_fused(self, date: int, diploma_day: I32, activation_day: I32, completion_offsets: I64,
                              when: I64, per_day: int, points: npt.NDArray[np.float64], first: int, last: int,
                              max_points: int, renewal_offsets: I64, renewal_day: I32, dispensation_offsets: I64,
                              dispensation_requested: I32, dispensation_decided: I32, dispensation_granted: U8,
                              flagged: npt.NDArray[np.bool_], exact: bool,
                              threads: int = 0) -> Optional[dict[str, np.ndarray]]: ...
    def pe_dossier_columns(self, date: int, catalogue_json: str, seu_number: list[str], track: U8, diploma_day: I32,
                           activation_day: I32, renewal_offsets: I64, renewal_day: I32, dispensation_offsets: I64,
                           dispensation_requested: I32, dispensation_decided: I32, dispensation_granted: U8,
                           completion_seu_number: list[str], completion_activity_id: list[str],
                           completion_day: I32) -> dict[str, Any]: ...
    def leave_hours_columns(self, region: U8, school_year: I32, training_start: I32, training_type: U8,
                            contract_minutes: I64, full_time_minutes: I64, given_minutes: I64, attended_minutes: I64,
                            unjustified_minutes: I64, contact_minutes: I64, coinciding: U8, raised: U8,
                            variable_schedule: U8, lesson_periods: U8, threads: int = 0) -> dict[str, np.ndarray]: ...
    def leave_facts_frames(self, columns: dict[str, Any], workers: int, stop_on_bad: bool,
                           threads: int = 0) -> dict[str, Any]: ...
    def _account_right_columns(self, columns: dict[str, Any], rows: int) -> dict[str, Any]: ...


# Column kernels (frame_kernels.cpp): the per-row work of the frames.
class _KeyTable:
    """The keys of one frame (one or two columns: object or integer arrays,
    or (codes, categories) of a Categorical), matched as text."""
    def __init__(self, columns: list[Any]) -> None: ...
    @property
    def rows(self) -> int: ...
    @property
    def duplicate(self) -> npt.NDArray[np.bool_]: ...
    @property
    def missing(self) -> list[npt.NDArray[np.bool_]]: ...
    def lookup(self, columns: list[Any]) -> tuple[I64, list[npt.NDArray[np.bool_]]]: ...
    def completion_offsets(self, keys: np.ndarray) -> Optional[I64]:
        """Offsets (rows + 1) of child rows whose keys come in this sorted
        table's order; None: the general path."""
    def grouped_rows(self, keys: np.ndarray, when: I64, per_day: int, points: npt.NDArray[np.float64], first: int,
                     last: int, max_points: int) -> Optional[tuple[I64, I32, I64]]:
        """(offsets, days, hundredths) of child rows in this sorted table's
        order, converted and grouped in one pass; None: the general path."""

KeyTable: type[_KeyTable]
group_rows: Callable[..., tuple[I64, I64, bool]]
"""(order of the kept child rows, offsets per owner, whether already in order)."""
epoch_days: Callable[[np.ndarray, int, int], dict[str, Any]]
"""days (int32), status (uint8: 0 ok, 1 missing, 2 bad, 3 out of range), raw_bad, texts, dates, others."""
decimal_units: Callable[..., tuple[I64, U8]]
"""(values, digits, most, negative_ok=False): a float64 column in units of 10**-digits, (units, status: 0 ok,
1 NaN, 2 inf, 3 negative, 4 decimals, 5 huge); a float stands for a decimal within 4 ulps of it."""
decimal_units_of_objects: Callable[..., tuple[I64, U8]]
"""(cells, digits, most, negative_ok=False): an object column in units of 10**-digits, (units, status: 0 ok,
1 missing, 3 negative, 4 decimals, 5 huge, 6 not a number, 7 a boolean); text read exactly."""
datetime64_of_days: Callable[[I32], np.ndarray]
"""Epoch days (NO_DAY = none) as datetime64[ns], NaT for none (and past 2262-04-11)."""
float_points: Callable[[I64, npt.NDArray[np.bool_]], npt.NDArray[np.float64]]
"""Hundredths as float64 points, NaN where blank."""
nearest_name: Callable[[str, list[str]], str]
"""The known name nearest to a misspelt one (core/nearest.hpp), or '' when none is close."""
