"""The hypctl command line (click)."""
import os
import re
import sys

import click

from . import build as buildmod
from . import config, console, debug as debugmod, fvp, linuxguest, qemu, selftest, session, util
from .errors import ConfigError, HypctlError

PLATFORM = click.option("--platform", type=click.Choice(["qemu", "fvp"]), default="qemu",
                        show_default=True, help="qemu: QEMU virt; fvp: Arm FVP Base/Foundation.")
TOOLCHAIN = click.option("--toolchain", type=click.Choice(["gcc", "clang"]), default="gcc",
                         show_default=True)
SMP = click.option("--smp", type=click.IntRange(1, 8), default=4, show_default=True,
                   help="Number of CPUs (1-8).")
EL = click.option("--el", type=click.Choice(["3", "2", "1"]), default="3", show_default=True,
                  help="Exception level the CPUs start in.")
GIC = click.option("--gic", type=click.Choice(["3", "2"]), default="3", show_default=True)
NO_BUILD = click.option("--no-build", is_flag=True, help="Use the existing out.elf.")
FVP = click.option("--fvp", "fvp_path", metavar="PATH",
                   help="FVP model binary or directory (default: $FVP, then PATH).")


ONEOFF = {"initrd": "--initrd", "append": "--append", "mem": "--mem", "vcpus": "--vcpus",
          "dtb": "--dtb", "name": "--name", "fmt": "--format",
          "load_address": "--load-address", "entry": "--entry",
          "pci_passthrough": "--pci-passthrough"}


def vm_options(f):
    """--config FILE, or one VM from --kernel FILE and friends; --host-mem."""
    opts = [
        click.option("--config", "config_path", metavar="FILE",
                     help="VM configuration (.dts, see docs/configuration.md)."),
        click.option("--kernel", metavar="FILE",
                     help="One-off VM: its kernel (Linux Image, ELF or raw binary)."),
        click.option("--initrd", metavar="FILE", help="One-off VM: initrd."),
        click.option("--append", metavar="ARGS", help="One-off VM: kernel command line."),
        click.option("--mem", metavar="SIZE",
                     help="One-off VM: memory (default 256M for Linux Images, else 64M)."),
        click.option("--vcpus", type=int, metavar="N", help="One-off VM: vCPUs (1-8, default 1)."),
        click.option("--dtb", metavar="FILE", help="One-off VM: a device tree for it."),
        click.option("--name", metavar="NAME",
                     help="One-off VM: its name (default: the kernel file's stem)."),
        click.option("--format", "fmt", type=click.Choice(config.FORMATS),
                     help="One-off VM: image format (default: detected)."),
        click.option("--load-address", metavar="ADDR", help="One-off raw VM: load IPA."),
        click.option("--entry", metavar="ADDR", help="One-off raw VM: entry IPA."),
        click.option("--pci-passthrough", is_flag=True,
                     help="One-off VM: give it the host's PCIe host bridge (QEMU virt; no "
                          "SMMU: its devices' DMA is not confined)."),
        click.option("--host-mem", default="auto", show_default=True, metavar="SIZE",
                     help="Simulator RAM (QEMU -m); auto: max(1G, VM memory + 256M). "
                          "The FVP has 2 GiB."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def send_after_option(ctx, param, value):
    """--send-after REGEX TEXT pairs -> [(compiled regex, bytes)] (BadParameter if bad)."""
    out = []
    for regex, text in value:
        try:
            pattern = re.compile(regex, re.M)
        except re.error as e:
            raise click.BadParameter(f'"{regex}" is not a regular expression: {e}')
        try:
            data = console.parse_escapes(text)
        except ValueError as e:
            raise click.BadParameter(f'"{text}": {e}')
        out.append((pattern, data))
    return out


def make_target(platform, toolchain, smp, el, gic, hyp_args, config_path, kernel, host_mem,
                default=None, **oneoff):
    """A Target with its VMs loaded and checked (UsageError for any mistake).

    default: called (after the flag checks) for the config to use when neither
    --config nor --kernel is given; None: a hypervisor with no VM."""
    given = [ONEOFF[k] for k, v in oneoff.items() if v is not None and v is not False]
    if config_path and kernel:
        raise click.UsageError("--config and --kernel are mutually exclusive (use one)")
    if given and not kernel:
        raise click.UsageError(f"{given[0]} describes a one-off VM: it needs --kernel FILE"
                               + (" (with --config, put it in the file)" if config_path else ""))
    mem = None
    if host_mem != "auto":
        if platform == "fvp":
            raise click.UsageError("--host-mem: the FVP's DRAM is fixed at 2 GiB (drop it)")
        try:
            mem = config.parse_size(host_mem)
        except ValueError:
            raise click.UsageError(f'--host-mem: "{host_mem}" is not a size (use e.g. 2G)')
        if mem < config.GiB // 4 or mem % config.MiB:
            raise click.UsageError(f"--host-mem: {host_mem} is too small or not whole MiB "
                                   "(use e.g. 1G or 2G)")
    if not config_path and not kernel and default:
        config_path = default()
    t = session.Target(platform, toolchain, smp, int(el), int(gic), hyp_args, host_mem=mem)
    session.load_vms(t, config_path, dict(oneoff, kernel=kernel) if kernel else None)
    return t


class Hypctl(click.Group):
    """The one place hypctl's own errors become click's: a ConfigError is a usage error
    (exit 2, one line naming the field and the fix), any other HypctlError exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ConfigError as e:
            raise click.UsageError(str(e), ctx) from None
        except HypctlError as e:
            raise click.ClickException(str(e)) from None


def _version(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(util.version())
        ctx.exit()


@click.group(cls=Hypctl, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Print hypctl's version (the project's, and the git checkout) and exit.")
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
@click.option("--mte", is_flag=True,
              help="QEMU: give the machine tag memory (mte=on; needs --cpu max), so guests "
                   "get the Memory Tagging Extension.")
@click.option("--icount", is_flag=True, help="QEMU: deterministic instruction counting.")
@click.option("--device", "devices", multiple=True, metavar="SPEC",
              help="QEMU: one more -device SPEC on the machine (repeatable), e.g. pci-testdev "
                   "for a VM with --pci-passthrough.")
@click.option("--uart", type=click.Choice(["pty", "telnet", "stdio"]), default="pty",
              show_default=True, help="How QEMU exposes UART0 (the FVP always uses Telnet).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="S",
              help="Give up after S seconds (exit 1).")
@click.option("--expect", multiple=True, metavar="REGEX",
              help="Succeed once the UART output matched every REGEX (repeatable).")
@click.option("--expect-exit", is_flag=True,
              help="With --expect: also wait for the simulator to exit and require every "
                   "VM to exit with status 0.")
@click.option("--send-after", nargs=2, multiple=True, metavar="REGEX TEXT",
              callback=send_after_option,
              help="Once the UART output matches REGEX, type TEXT into the UART (repeatable: "
                   "in order, each REGEX searched after the previous one's match; TEXT takes "
                   "\\n, \\r, \\t, \\\\ and \\xNN).")
@click.option("--gdb", is_flag=True, help="Start paused with a gdb stub (QEMU: -s -S, :1234).")
@click.option("--hyp-args", metavar="STRING", help="Hypervisor command line (in the pack).")
@FVP
@NO_BUILD
@click.option("--log", type=click.File("wb"), metavar="FILE", help="Also write the UART to FILE.")
@click.option("--dry-run", is_flag=True, help="Print the simulator command and stop.")
@click.option("--no-vms", is_flag=True,
              help="Boot the hypervisor alone (banner, Hello, CPUs up, power off).")
@vm_options
def run(platform, toolchain, smp, el, gic, cpu, mte, icount, devices, uart, timeout, expect, expect_exit,
        send_after, gdb, hyp_args, fvp_path, no_build, log, dry_run, no_vms, **vm_opts):
    """Build, pack and boot the hypervisor with the VMs of --config FILE (or the one
    VM of --kernel FILE); stream UART0 to stdout.

    With neither, it boots the default system, configs/linux.dts: a Linux VM with
    a busybox shell on its console (the Linux guest is fetched into the cache
    first if needed; without network it falls back to configs/basic.dts).

    Without --expect it runs until the simulator exits or you type Ctrl-A x
    (Ctrl-A Ctrl-A sends a Ctrl-A); keyboard input goes to the UART. hypctl then
    exits 0 only if every VM exited with status 0, else 1 naming the VMs. A
    'HYP PANIC' on the UART fails the run unless an --expect pattern asks for it.
    """
    if platform == "fvp" and el == "1":
        raise click.UsageError("--el 1 is for QEMU (a machine without EL2); the FVP takes 3 or 2")
    if devices and platform == "fvp":
        raise click.UsageError("--device is for QEMU (the FVP's devices are its own)")
    if mte and (platform == "fvp" or cpu != "max"):
        raise click.UsageError("--mte needs QEMU's --cpu max (the only QEMU CPU with MTE)"
                               if platform != "fvp" else "--mte is for QEMU (-M virt,mte=on)")
    if no_vms and (vm_opts.get("config_path") or vm_opts.get("kernel")):
        raise click.UsageError("--no-vms boots no VM: drop --config/--kernel (or --no-vms)")
    t = make_target(platform, toolchain, smp, el, gic, hyp_args,
                    default=None if no_vms else
                    (lambda: linuxguest.default_system(fetch=not dry_run)), **vm_opts)
    model = fvp.find_fvp(fvp_path) if platform == "fvp" else None
    if dry_run:
        no_build = True
    if dry_run and not os.path.exists(t.elf):
        raise click.UsageError(f"--dry-run needs {t.elf}: run 'hypctl build' first")
    elf, pack, base = session.prepare(t, no_build, keep=dry_run)
    record = session.record_path(t)
    if platform == "fvp":
        if fvp.is_foundation(model):
            record = None
        cmd = fvp.fvp_command(model, elf, pack, base, smp=t.smp, el=t.el, gic=t.gic,
                              port=util.free_port(), gdb=gdb, record=record)
        if dry_run:
            click.echo(util.show(cmd))
            return
        click.echo(f"hypctl: {util.show(cmd)}", err=True)
        proc, link = fvp.launch(cmd)
        qmp = None
    else:
        telnet_port = util.free_port() if uart == "telnet" else None
        # QMP: start paused to attach the UART before its first byte, and the hang report.
        # A printed command (--dry-run) runs on its own: no QMP, not paused.
        qmp = None if dry_run else session.qmp_path(t)
        cmd = qemu.qemu_command(elf, pack, base, smp=t.smp, el=t.el, gic=t.gic, cpu=cpu,
                                mem=t.qemu_mem(), icount=icount, uart=uart, mte=mte,
                                devices=devices,
                                telnet_port=telnet_port, gdb=gdb, qmp=qmp, record=record)
        if dry_run:
            click.echo(util.show(cmd))
            return
        click.echo(f"hypctl: {util.show(cmd)}", err=True)
        if gdb:
            click.echo("hypctl: paused; attach with: "
                       + util.show(debugmod.gdb_command(elf, 1234)), err=True)
        proc, link = qemu.launch(cmd, uart, telnet_port, qmp, resume=not gdb)
    try:
        report = (lambda: qemu.cpu_report(qmp, elf)) if qmp else None
        rc = console.Streamer(expect, timeout, log, expect_exit=expect_exit,
                              vms=t.vm_names, send_after=send_after,
                              record=record, hang_report=report,
                              stopper=(lambda p: qemu.stop(p, qmp)) if qmp else None
                              ).run(proc, link, interactive=True)
    finally:
        if qmp:
            qemu.stop(proc, qmp)         # quietly: no 'terminating on signal' line
        else:
            console.stop(proc)
        link.close()
        for path in (qmp, record, pack):
            if path:
                session.cleanup(path)
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
@click.option("--hyp-args", metavar="STRING", help="Hypervisor command line (in the pack).")
@vm_options
def debug(platform, toolchain, smp, el, gic, fvp_path, no_build, no_gdb, hyp_args, **vm_opts):
    """Boot paused under a gdb stub and break at el2_entry.

    QEMU: gdb-multiarch runs in the foreground (the UART goes to
    build/<dir>/uart.log); QEMU is stopped when gdb exits. FVP: prints the
    model command line with its GDB remote plugin and the gdb commands.
    """
    t = make_target(platform, toolchain, smp, el, gic, hyp_args, **vm_opts)
    if platform == "fvp":
        sys.exit(debugmod.debug_fvp(t, fvp.find_fvp(fvp_path), no_build))
    sys.exit(debugmod.debug_qemu(t, no_gdb, no_build))


main.add_command(linuxguest.linux_group)

from .bench import bench_cmd  # noqa: E402  (hypctl bench)
main.add_command(bench_cmd)


@main.command("test")
@click.option("--quick", is_flag=True, help="Only the unit and boot meson suites.")
@click.option("--toolchain", type=click.Choice(["gcc", "clang", "all"]), default="all",
              show_default=True)
def test_cmd(quick, toolchain):
    """Build every configuration, run the meson tests and the hypctl pytest suite."""
    sys.exit(selftest.run_all(quick, toolchain))
