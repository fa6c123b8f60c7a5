"""'hypctl debug': QEMU with a gdb stub and gdb-multiarch in the foreground."""
import os
import subprocess
import threading

import click

from . import console, fvp, qemu, session, util
from .errors import HypctlError


def gdb_command(elf, port):
    return ["gdb-multiarch", "-q", elf, "-ex", f"target remote :{port}",
            "-ex", "hbreak el2_entry", "-ex", "continue"]


def _drain_in_background(link):
    """Read and drop the live UART stream (QEMU records it in uart.log itself), so a
    full pty never stalls the guest's UART writes while gdb has the terminal."""
    def pump():
        import select
        while True:
            select.select([link.fileno()], [], [])
            if link.read() is None:
                return
    threading.Thread(target=pump, daemon=True).start()


def debug_qemu(t, no_gdb, no_build):
    elf, pack, base = session.prepare(t, no_build)
    port = util.free_port()
    log = os.path.join(t.dir, "uart.log")
    cmd = qemu.qemu_command(elf, pack, base, smp=t.smp, el=t.el, gic=t.gic, uart="pty",
                            gdb_port=port, mem=t.qemu_mem(), record=log)
    gdb = gdb_command(elf, port)
    click.echo(f"hypctl: {util.show(cmd)}", err=True)
    proc, link = qemu.launch(cmd, "pty")
    try:
        if no_gdb:
            click.echo(f"hypctl: QEMU is paused with a gdb stub on :{port}; attach with\n"
                       f"  {util.show(gdb)}\nUART below; Ctrl-C stops the simulator.",
                       err=True)
            return console.Streamer(record=log).run(proc, link, interactive=False)
        click.echo(f"hypctl: UART output goes to {log} (tail -f it)", err=True)
        _drain_in_background(link)
        try:
            subprocess.call(gdb)
        except FileNotFoundError:
            raise HypctlError("gdb-multiarch not found: run tools/setup-deps")
        return 0
    finally:
        console.stop(proc)
        link.close()
        session.cleanup(pack)


def debug_fvp(t, model, no_build):
    elf, pack, base = session.prepare(t, no_build, keep=True)     # for the printed command
    cmd = fvp.fvp_command(model, elf, pack, base, smp=t.smp, el=t.el, gic=t.gic,
                          port=util.free_port(), gdb=True)
    click.echo(
        "hypctl: hypctl does not drive the FVP's debugger itself. Start the model with its\n"
        "GDB remote plugin:\n"
        f"  {util.show(cmd)}\n"
        "then, in another terminal:\n"
        f"  {util.show(gdb_command(elf, fvp.GDB_PORT))}\n"
        "(the plugin listens on :31627; attach to terminal_0's Telnet port for the UART).")
    return 0
