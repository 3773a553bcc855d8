"""A warm process that forks one child per command line the tests run.

Each ``aduan …`` of the end-to-end tests stays a real process of its own — its own pid, environment, working
folder, standard streams, exit code and a fresh start of the command — but it no longer pays Python's start and
the command line's imports (about 0.9 s, most of an e2e test's time): the child is forked from this process,
which has imported them once. Only POSIX can fork; elsewhere, and for a command that needs something only a new
program gets (a preloaded library such as libfaketime), ``cli.run`` starts ``main.py`` as before.

Protocol, one JSON line each way per command: the test sends ``{"argv", "env", "cwd", "stdin", "stdout",
"stderr"}`` (the three streams are paths of files), this process answers ``{"pid"}`` as soon as the child runs
and ``{"returncode"}`` when it has ended.
"""

from __future__ import annotations

import atexit
import io
import json
import os
import sys
from typing import Any


def _child(request: dict[str, Any]) -> None:
    """In the forked child: become ``python main.py ARGV`` with the request's environment and streams."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, path, mode in (
        (0, request["stdin"], os.O_RDONLY),
        (1, request["stdout"], os.O_WRONLY),
        (2, request["stderr"], os.O_WRONLY),
    ):
        opened = os.open(path, mode)
        os.dup2(opened, fd)
        os.close(opened)
    encoding = os.environ.get("PYTHONIOENCODING", "utf-8").split(":")[0] or "utf-8"
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding=encoding)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding=encoding, line_buffering=False)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding=encoding, errors="backslashreplace")
    sys.argv = [request["main"], *request["argv"]]
    code: Any = 0
    try:
        from desktop.cli import main

        code = main()
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # as the interpreter would: the traceback on stderr, exit status 1
        import traceback

        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        atexit._run_exitfuncs()  # what a program's normal end runs (logging's flush, temporary files)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code & 0xFF)


def serve() -> None:
    # The imports every child inherits.
    import desktop.cli.main
    import desktop.server.commands  # noqa: F401

    requests = sys.stdin
    answers = sys.stdout
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
