# Type stubs for the edurules package: the public names, typed where they are
# defined (the package's modules carry inline annotations; see py.typed).
from ._engine import PE_BATCH_ERRORS as PE_BATCH_ERRORS
from ._engine import PE_BOOKING_REASONS as PE_BOOKING_REASONS
from ._engine import PE_REASONS as PE_REASONS
from ._engine import PE_STATES as PE_STATES
from ._engine import PE_STATUS_COLUMNS as PE_STATUS_COLUMNS
from ._engine import Engine as Engine
from ._engine import pe_status_table as pe_status_table
from ._errors import Error as Error
from ._errors import FileError as FileError
from ._errors import InternalError as InternalError
from ._errors import InvalidArgument as InvalidArgument
from ._errors import InvalidInput as InvalidInput
from ._account import ACCOUNT_REASONS as ACCOUNT_REASONS
from ._account import ACCOUNT_RIGHT_COLUMNS as ACCOUNT_RIGHT_COLUMNS
from ._account import ACCOUNT_SIZE_CLASSES as ACCOUNT_SIZE_CLASSES
from ._account import account_right_frame as account_right_frame
from ._errors import ParseError as ParseError
from ._errors import RulebookError as RulebookError
from ._frames import PeFrames as PeFrames
from ._frames import booked_completions as booked_completions
from ._frames import load_dossier as load_dossier
from ._frames import pe_frames as pe_frames
from ._leave import LEAVE_HOURS_COLUMNS as LEAVE_HOURS_COLUMNS
from ._leave import LEAVE_REASONS as LEAVE_REASONS
from ._leave import LEAVE_REGIMES as LEAVE_REGIMES
from ._leave import LEAVE_REGIONS as LEAVE_REGIONS
from ._leave import LEAVE_TRAINING_TYPES as LEAVE_TRAINING_TYPES
from ._leave import leave_table as leave_table

__version__: str
__all__: list[str]
