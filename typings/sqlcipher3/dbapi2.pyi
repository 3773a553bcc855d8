from sqlite3 import Connection as Connection
from sqlite3 import DatabaseError as DatabaseError
from sqlite3 import OperationalError as OperationalError
from sqlite3 import connect as connect
