"""``aduan sync [--watch]`` and ``aduan outbox``: the local cache and the central side."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from ..domain.errors import AduanError
from .answers import iso
from .core import Cli, Commands, command, with_json

if TYPE_CHECKING:
    from ..sync.engine import SyncReport


def register(top: Commands) -> None:
    sync = with_json(command(top, "sync", sync_cache, "pull and push between the local cache and the central database"))
    sync.add_argument("--watch", action="store_true", help="keep syncing; back off while the server is unreachable")
    sync.add_argument("--interval", type=float, default=5.0, help="seconds between rounds with --watch (default 5)")
    sync.add_argument("--rounds", type=int, help="with --watch: stop after this many rounds")
    with_json(command(top, "outbox", outbox, "pending operations and those needing your attention"))


def sync_cache(cli: Cli) -> None:
    engine = cli.sync_engine()
    if not cli.args.watch:
        _emit_sync(cli, engine.sync())
        return
    engine.watch(interval=cli.args.interval, rounds=cli.args.rounds, report=lambda result: _emit_round(cli, result))


def _emit_round(cli: Cli, result: SyncReport | AduanError) -> None:
    if isinstance(result, AduanError):
        print(f"aduan: {result.message} (retrying)", file=sys.stderr, flush=True)
    else:
        _emit_sync(cli, result)
    sys.stdout.flush()


def _emit_sync(cli: Cli, report: SyncReport) -> None:
    pushed, pulled = report.push, report.pull
    data = {
        "pushed": {"applied": pushed.applied, "rejected": pushed.rejected, "handed_over": pushed.handed_over},
        "pulled": pulled.rows,
        "removed": pulled.removed,
        "snapshot": pulled.initial or pulled.resnapshot,
        "renewed": report.renewed,
        "pending": report.pending,
    }
    rows = ", ".join(f"{name} {n:,}" for name, n in sorted(pulled.rows.items())) or "nothing new"
    text = (
        f"pushed: {pushed.applied} applied, {pushed.rejected} rejected, {pushed.handed_over} handed over; "
        f"pulled: {rows}; removed {pulled.removed}; pending {report.pending}"
    )
    if cli.args.json and cli.args.watch:
        print(json.dumps(data, ensure_ascii=False))
    else:
        cli.emit(data, text)


def outbox(cli: Cli) -> None:
    from ..cache.outbox import ops_needing_attention, pending_ops
    from ..views.attention import handed_to_me

    with cli.cache().read() as conn:
        rows = [("pending", row) for row in pending_ops(conn)] + [
            ("attention", row) for row in ops_needing_attention(conn)
        ]
        handed = handed_to_me(conn)
    data = [
        {
            "op_id": str(row.op_id),
            "kind": row.kind,
            "ticket_id": None if row.ticket_id is None else str(row.ticket_id),
            "state": row.state,
            "offline": bool(row.offline),
            "attempts": row.attempts,
            "outcome": json.loads(row.outcome) if row.outcome else None,
            "created_at": iso(row.created_at),
        }
        for _, row in rows
    ]
    lines = [
        f"{row.state:<12} {row.kind:<17} {row.ticket_id or '-'}  "
        + (json.loads(row.outcome).get("message") or "" if row.outcome else f"attempts {row.attempts}")
        for _, row in rows
    ]
    # Work colleagues could not do on tickets I hold (or, held by nobody, in my units): mine to take over.
    data += [
        {
            "handover_id": str(item.ref),
            "kind": item.op_kind.value if item.op_kind else None,
            "ticket_id": str(item.ticket_id),
            "state": "handed_to_you",
            "from": item.other_officer,
            "payload": item.payload,
            "created_at": iso(item.created_at),
        }
        for item in handed
    ]
    lines += [
        f"{'for you':<12} {item.op_kind.value if item.op_kind else '-':<17} {item.tracking_no or item.ticket_id}  "
        f"from {item.other_officer}"
        for item in handed
    ]
    cli.emit(data, "\n".join(lines) or "the outbox is empty")
