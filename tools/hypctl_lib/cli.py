"""The hypctl command line (click)."""
import os
import sys

import click

from . import build as buildmod
from . import console, debug as debugmod, fvp, qemu, selftest, session, util

PLATFORM = click.option("--platform", type=click.Choice(["qemu", "fvp"]), default="qemu",
                        show_default=True, help="qemu: QEMU virt; fvp: Arm FVP Base/Foundation.")
TOOLCHAIN = click.option("--toolchain", type=click.Choice(["gcc", "clang"]), default="gcc",
                         show_default=True)
SMP = click.option("--smp", type=click.IntRange(1, 8), default=4, show_default=True,
                   help="Number of CPUs (1-8).")
EL = click.option("--el", type=click.Choice(["3", "2"]), default="3", show_default=True,
                  help="Exception level the CPUs start in.")
GIC = click.option("--gic", type=click.Choice(["3", "2"]), default="3", show_default=True)
NO_BUILD = click.option("--no-build", is_flag=True, help="Use the existing out.elf.")
FVP = click.option("--fvp", "fvp_path", metavar="PATH",
                   help="FVP model binary or directory (default: $FVP, then PATH).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Build, run and debug the hypervisor on QEMU and Arm FVPs."""


@main.command("build")
@PLATFORM
@TOOLCHAIN
def build_cmd(platform, toolchain):
    """Configure (if needed) and compile build/<platform>-<toolchain>."""
    click.echo(buildmod.build(platform, toolchain))


@main.command()
@PLATFORM
@TOOLCHAIN
@SMP
@EL
@GIC
@click.option("--cpu", default="cortex-a57", show_default=True, help="QEMU CPU model.")
@click.option("--mem", default="2G", show_default=True, help="QEMU RAM size.")
@click.option("--icount", is_flag=True, help="QEMU: deterministic instruction counting.")
@click.option("--uart", type=click.Choice(["pty", "telnet", "stdio"]), default="pty",
              show_default=True, help="How QEMU exposes UART0 (the FVP always uses Telnet).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="S",
              help="Give up after S seconds (exit 1).")
@click.option("--expect", multiple=True, metavar="REGEX",
              help="Succeed once the UART output matched every REGEX (repeatable).")
@click.option("--gdb", is_flag=True, help="Start paused with a gdb stub (QEMU: -s -S, :1234).")
@click.option("--hyp-args", metavar="STRING", help="Hypervisor command line (in the pack).")
@FVP
@NO_BUILD
@click.option("--log", type=click.File("wb"), metavar="FILE", help="Also write the UART to FILE.")
@click.option("--dry-run", is_flag=True, help="Print the simulator command and stop.")
def run(platform, toolchain, smp, el, gic, cpu, mem, icount, uart, timeout, expect, gdb,
        hyp_args, fvp_path, no_build, log, dry_run):
    """Build, pack and boot the hypervisor; stream UART0 to stdout.

    Without --expect it runs until the simulator exits (hypctl exits with the
    hypervisor's status) or you type Ctrl-A x (Ctrl-A Ctrl-A sends a Ctrl-A);
    keyboard input goes to the UART. A 'HYP PANIC' on the UART fails the run
    unless an --expect pattern asks for it.
    """
    t = session.Target(platform, toolchain, smp, int(el), int(gic), hyp_args)
    model = fvp.find_fvp(fvp_path) if platform == "fvp" else None
    if dry_run:
        no_build = True
    if dry_run and not os.path.exists(t.elf):
        raise click.UsageError(f"--dry-run needs {t.elf}: run 'hypctl build' first")
    elf, pack, base = session.prepare(t, no_build)
    if platform == "fvp":
        cmd = fvp.fvp_command(model, elf, pack, base, smp=t.smp, el=t.el, gic=t.gic,
                              port=util.free_port(), gdb=gdb)
        if dry_run:
            click.echo(util.show(cmd))
            return
        click.echo(f"hypctl: {util.show(cmd)}", err=True)
        proc, link = fvp.launch(cmd)
        qmp = None
    else:
        telnet_port = util.free_port() if uart == "telnet" else None
        qmp = session.qmp_path(t) if uart != "stdio" else None
        cmd = qemu.qemu_command(elf, pack, base, smp=t.smp, el=t.el, gic=t.gic, cpu=cpu,
                                mem=mem, icount=icount, uart=uart, telnet_port=telnet_port,
                                gdb=gdb, qmp=qmp)
        if dry_run:
            click.echo(util.show(cmd))
            return
        click.echo(f"hypctl: {util.show(cmd)}", err=True)
        if gdb:
            click.echo("hypctl: paused; attach with: "
                       + util.show(debugmod.gdb_command(elf, 1234)), err=True)
        proc, link = qemu.launch(cmd, uart, telnet_port, qmp, resume=not gdb)
    try:
        rc = console.Streamer(expect, timeout, log).run(proc, link,
                                                         interactive=True)
    finally:
        console.stop(proc)
        link.close()
        if qmp:
            session.cleanup(qmp)
    sys.exit(rc)


@main.command()
@PLATFORM
@TOOLCHAIN
@SMP
@EL
@GIC
@FVP
@NO_BUILD
@click.option("--no-gdb", is_flag=True, help="Don't start gdb; print how to attach and wait.")
def debug(platform, toolchain, smp, el, gic, fvp_path, no_build, no_gdb):
    """Boot paused under a gdb stub and break at el2_entry.

    QEMU: gdb-multiarch runs in the foreground (the UART goes to
    build/<dir>/uart.log); QEMU is stopped when gdb exits. FVP: prints the
    model command line with its GDB remote plugin and the gdb commands.
    """
    t = session.Target(platform, toolchain, smp, int(el), int(gic))
    if platform == "fvp":
        sys.exit(debugmod.debug_fvp(t, fvp.find_fvp(fvp_path), no_build))
    sys.exit(debugmod.debug_qemu(t, no_gdb, no_build))


@main.command("test")
@click.option("--quick", is_flag=True, help="Only the unit and boot meson suites.")
@click.option("--toolchain", type=click.Choice(["gcc", "clang", "all"]), default="all",
              show_default=True)
def test_cmd(quick, toolchain):
    """Build every configuration, run the meson tests and the hypctl pytest suite."""
    sys.exit(selftest.run_all(quick, toolchain))
