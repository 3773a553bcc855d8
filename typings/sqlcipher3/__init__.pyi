# sqlcipher3 ships no types; it is the standard library's sqlite3 module built with SQLCipher (the same DB-API).
from . import dbapi2 as dbapi2
from .dbapi2 import Connection as Connection
from .dbapi2 import DatabaseError as DatabaseError
from .dbapi2 import OperationalError as OperationalError
from .dbapi2 import connect as connect
