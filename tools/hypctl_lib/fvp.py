"""Arm FVPs (FVP_Base_RevC-2xAEMvA, Foundation_Platform): find, command line, launch."""
import glob
import os
import re
import shutil
import subprocess
import sys


from . import console, util
from .errors import ConfigError, HypctlError

NAMES = ("FVP_Base_RevC-2xAEMvA", "Foundation_Platform")
PORT_RE = re.compile(r"terminal_0: Listening for serial connection on port (\d+)")
GDB_PORT = 31627
NOT_INSTALLED = (
    "the Arm FVP is not installed (looked for {names} via --fvp, $FVP and PATH).\n"
    "It is a free download from Arm's developer site (search 'Arm Ecosystem FVPs').\n"
    "Then point hypctl at the model: --fvp /path/to/FVP_Base_RevC-2xAEMvA "
    "(or its directory), or FVP=/path/to/it.")


def _in_dir(d):
    for name in NAMES:
        for c in [os.path.join(d, name)] + sorted(glob.glob(os.path.join(d, "models", "*", name))):
            if os.access(c, os.X_OK) and os.path.isfile(c):
                return c
    return None


def find_fvp(option=None, env=None):
    """--fvp PATH, then $FVP, then PATH. A path may be the binary or its directory."""
    env = os.environ if env is None else env
    for src, path in (("--fvp", option), ("FVP", env.get("FVP"))):
        if not path:
            continue
        found = _in_dir(path) if os.path.isdir(path) else (
            path if os.access(path, os.X_OK) else None)
        if not found:
            raise ConfigError(f"{src}={path}: no executable FVP model there.\n"
                              + NOT_INSTALLED.format(names=" or ".join(NAMES)))
        return found
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError(NOT_INSTALLED.format(names=" or ".join(NAMES)))


def is_foundation(model):
    return os.path.basename(model).startswith("Foundation")


def gdb_plugin(model):
    """GDBRemoteConnection.so shipped with the model (<dir>/../../plugins/Linux64_*/)."""
    base = os.path.join(os.path.dirname(os.path.realpath(model)), "..", "..", "plugins")
    hits = sorted(glob.glob(os.path.join(base, "Linux64_*", "GDBRemoteConnection.so")))
    return os.path.normpath(hits[0]) if hits else None


def fvp_command(model, elf, pack, pack_base, smp=4, el=3, gic=3, port=5000, gdb=False,
                plugin=None, record=None):
    """The model's argv (pure). Base RevC: -C parameters; Foundation: its own options.

    record (Base RevC): a file the model writes every byte UART0 sends to
    (bp.pl011_uart0.out_file, unbuffered), next to the Telnet terminal: the complete
    record hypctl judges once the model has exited. Foundation_Platform has no such
    parameter that hypctl knows of: there the Telnet stream is all there is.

    Foundation_Platform (assumptions from Arm's Foundation Platform docs): --cores=1..4,
    --[no-]secure-memory, --[no-]gicv3, --image ELF, --data FILE@ADDR; semihosting is on
    by default; it always starts at EL3, has no GDB plugin and picks its Telnet port
    itself (from 5000), which hypctl reads from its output.
    """
    if is_foundation(model):
        if smp > 4:
            raise ConfigError("--smp: Foundation_Platform has at most 4 cores")
        if el != 3:
            raise ConfigError("--el 2: Foundation_Platform always starts at EL3; use --el 3")
        if gdb:
            raise ConfigError("--gdb: Foundation_Platform has no GDB plugin; use the Base FVP")
        return [model, f"--cores={smp}", "--no-secure-memory",
                "--gicv3" if gic == 3 else "--no-gicv3",
                "--image", elf, "--data", f"{pack}@{pack_base:#x}"]
    if smp > 8:
        raise ConfigError("--smp: FVP_Base_RevC-2xAEMvA has at most 8 cores (2x4)")
    has_el3 = 1 if el == 3 else 0
    cmd = [model]
    params = ["bp.vis.disable_visualisation=1"]
    params += [f"bp.terminal_{i}.start_telnet=0" for i in range(4)]
    params += ["bp.secure_memory=0", "bp.refcounter.non_arch_start_at_default=1",
               "bp.ve_sysregs.exit_on_shutdown=1", "cache_state_modelled=0",
               "pctl.startup=0.0.0.*",
               f"cluster0.NUM_CORES={min(smp, 4)}", f"cluster1.NUM_CORES={max(0, smp - 4)}",
               f"cluster0.has_el3={has_el3}", f"cluster1.has_el3={has_el3}",
               "cluster0.semihosting-enable=1", "cluster1.semihosting-enable=1",
               f"bp.terminal_0.start_port={port}",
               # UART0 unbuffered: with a buffered UART a model can sit on the last
               # output (a lab waiting for a prompt that never comes).
               "bp.pl011_uart0.unbuffered_output=1"]
    if record:
        params.append(f"bp.pl011_uart0.out_file={record}")
    if gic == 2:
        params.append("gicv3.gicv2-only=1")
    for p in params:
        cmd += ["-C", p]
    cmd += ["-a", f"cluster0.cpu*={elf}", "--data", f"cluster0.cpu0={pack}@{pack_base:#x}"]
    if gdb:
        plugin = plugin or gdb_plugin(model)
        if not plugin:
            raise HypctlError(
                "--gdb: GDBRemoteConnection.so not found under the model's plugins/ "
                "directory (<FVP dir>/../../plugins/Linux64_*/); install the FVP's plugins")
        cmd += ["--plugin", plugin]
    return cmd


def launch(cmd, timeout=60):
    """Start the model, wait for terminal_0's Telnet port, attach. Return (proc, link)."""
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL,
                                preexec_fn=console.ignore_sigint_in_child)
    except OSError as e:
        raise HypctlError(f"cannot start {cmd[0]}: {e}")
    try:
        m, text = util.wait_for_output(proc.stdout, PORT_RE, timeout, echo=sys.stderr)
        if not m:
            raise HypctlError("the FVP did not report terminal_0's Telnet port")
        util.forward(proc.stdout)
        link = console.TelnetLink(int(m.group(1)), alive=lambda: proc.poll() is None)
    except BaseException:
        console.stop(proc)
        raise
    return proc, link
