"""``crasher.py`` whose first snapshot comes in small pages, for ``test_resume_crash.py``.

Run as ``python paging_crasher.py PAGE serve`` (or ``PAGE MODE ...``): ``PAGE`` tickets per page of a snapshot,
then everything as ``crasher.py`` does it.
"""

from __future__ import annotations

import sys

from desktop.sync.engine import SyncEngine
from tests.sync import crasher

if __name__ == "__main__":
    SyncEngine.snapshot_page = int(sys.argv[1])
    crasher.main(sys.argv[2:])
