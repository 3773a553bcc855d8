"""``crasher.py`` (through ``aduan server``) whose first snapshot comes in small pages, for
``test_resume_through_server.py``: ``python paging_crasher.py PAGE``, then the job on stdin as ``crasher.py``
reads it.
"""

from __future__ import annotations

import sys

from desktop.sync.engine import SyncEngine
from tests.server import crasher

if __name__ == "__main__":
    SyncEngine.snapshot_page = int(sys.argv[1])
    crasher.main()
