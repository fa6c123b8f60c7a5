import os

import pytest

from conftest import ROOT, write_fake_elf
from hypctl_lib.errors import ConfigError, HypctlError
from hypctl_lib import elf, fvp, qemu


@pytest.fixture
def image(tmp_path):
    """(elf path, __pack_base): the real out.elf if built, else a fake one."""
    real = os.path.join(ROOT, "build", "qemu-virt-gcc", "out.elf")
    if os.path.exists(real):
        return real, elf.symbol(real, "__pack_base")
    path = write_fake_elf(tmp_path / "out.elf", {"__pack_base": 0x48000000, "el2_entry": 0x1})
    return str(path), 0x48000000


def opt(cmd, flag):
    return cmd[cmd.index(flag) + 1]


def test_qemu_defaults(image):
    path, base = image
    cmd = qemu.qemu_command(path, "/b/pack.bin", base)
    assert cmd[0] == "qemu-system-aarch64"
    assert opt(cmd, "-M") == "virt,secure=on,virtualization=on,gic-version=3"
    assert opt(cmd, "-cpu") == "cortex-a57" and opt(cmd, "-smp") == "4"
    assert opt(cmd, "-m") == "2G" and opt(cmd, "-kernel") == path
    assert opt(cmd, "-semihosting-config") == "enable=on,target=native"
    assert opt(cmd, "-display") == "none" and opt(cmd, "-monitor") == "none"
    assert opt(cmd, "-device") == f"loader,file=/b/pack.bin,addr={base:#x},force-raw=on"
    assert opt(cmd, "-chardev") == "pty,id=uart0" and opt(cmd, "-serial") == "chardev:uart0"
    # exactly the devices used: no default NIC (whose option ROM ipxe-qemu would have to
    # provide), no default monitor, parallel port or display
    assert cmd[1] == "-nodefaults"
    for absent in ("-S", "-s", "-icount", "-qmp", "-gdb"):
        assert absent not in cmd


@pytest.mark.parametrize("el,gic,machine", [
    (3, 3, "virt,secure=on,virtualization=on,gic-version=3"),
    (2, 3, "virt,virtualization=on,gic-version=3"),
    (3, 2, "virt,secure=on,virtualization=on,gic-version=2"),
    (2, 2, "virt,virtualization=on,gic-version=2"),
])
def test_qemu_el_gic(el, gic, machine):
    assert opt(qemu.qemu_command("e", "p", 0x1000, el=el, gic=gic), "-M") == machine


def test_qemu_mte():
    assert opt(qemu.qemu_command("e", "p", 0x1000, cpu="max", mte=True), "-M") == \
        "virt,secure=on,virtualization=on,mte=on,gic-version=3"


def test_qemu_devices():
    cmd = qemu.qemu_command("e", "p", 0x1000, devices=("pci-testdev", "virtio-rng-device"))
    assert [cmd[i + 1] for i, a in enumerate(cmd) if a == "-device"][1:] == \
        ["pci-testdev", "virtio-rng-device"]


def test_qemu_options():
    cmd = qemu.qemu_command("e", "p", 0x1000, smp=2, cpu="max", mem="1G", icount=True,
                            uart="telnet", telnet_port=4321, gdb=True)
    assert opt(cmd, "-smp") == "2" and opt(cmd, "-cpu") == "max" and opt(cmd, "-m") == "1G"
    assert opt(cmd, "-icount") == "shift=0,sleep=off"
    assert opt(cmd, "-chardev") == \
        "socket,host=127.0.0.1,port=4321,telnet=on,server=on,wait=on,id=uart0"
    assert "-s" in cmd and "-S" in cmd
    cmd = qemu.qemu_command("e", "p", 0x1000, uart="stdio", gdb_port=5555)
    assert opt(cmd, "-chardev") == "stdio,signal=off,id=uart0"
    assert opt(cmd, "-gdb") == "tcp::5555"
    assert "-S" in cmd and "-s" not in cmd


@pytest.mark.parametrize("uart", ["pty", "stdio", "telnet"])
def test_qemu_uart_record(uart):
    """Every UART kind also writes the complete record hypctl judges at the end."""
    cmd = qemu.qemu_command("e", "p", 0x1000, uart=uart, telnet_port=4321,
                            record="/b/uart-1.log")
    assert opt(cmd, "-chardev").endswith(",id=uart0,logfile=/b/uart-1.log,logappend=off")
    assert opt(cmd, "-serial") == "chardev:uart0"


def test_qemu_qmp_starts_paused_once():
    cmd = qemu.qemu_command("e", "p", 0x1000, qmp="/tmp/q.sock")
    assert opt(cmd, "-qmp") == "unix:/tmp/q.sock,server=on,wait=off"
    assert cmd.count("-S") == 1
    assert qemu.qemu_command("e", "p", 0x1000, qmp="/q", gdb=True).count("-S") == 1


def params(cmd):
    return [cmd[i + 1] for i, a in enumerate(cmd) if a == "-C"]


def test_fvp_base(image):
    path, base = image
    cmd = fvp.fvp_command("/m/FVP_Base_RevC-2xAEMvA", path, "/b/pack.bin", base, smp=6,
                          port=5123)
    p = params(cmd)
    for want in ["bp.vis.disable_visualisation=1", "bp.terminal_0.start_telnet=0",
                 "bp.terminal_3.start_telnet=0", "bp.secure_memory=0",
                 "bp.refcounter.non_arch_start_at_default=1", "bp.ve_sysregs.exit_on_shutdown=1",
                 "cache_state_modelled=0", "pctl.startup=0.0.0.*",
                 "cluster0.NUM_CORES=4", "cluster1.NUM_CORES=2",
                 "cluster0.has_el3=1", "cluster1.has_el3=1",
                 "cluster0.semihosting-enable=1", "cluster1.semihosting-enable=1",
                 "bp.terminal_0.start_port=5123", "bp.pl011_uart0.unbuffered_output=1"]:
        assert want in p
    assert "gicv3.gicv2-only=1" not in p
    assert not [x for x in p if x.startswith("bp.pl011_uart0.out_file")]
    assert opt(cmd, "-a") == f"cluster0.cpu*={path}"
    assert opt(cmd, "--data") == f"cluster0.cpu0=/b/pack.bin@{base:#x}"
    assert "--plugin" not in cmd


def test_fvp_base_uart_record():
    p = params(fvp.fvp_command("/m/FVP_Base_RevC-2xAEMvA", "e", "p", 0, record="/b/u.log"))
    assert "bp.pl011_uart0.out_file=/b/u.log" in p and "bp.pl011_uart0.unbuffered_output=1" in p


def test_fvp_base_small_gic2_el2_gdb():
    cmd = fvp.fvp_command("/m/FVP_Base_RevC-2xAEMvA", "e", "p", 0x88000000, smp=1, el=2,
                          gic=2, gdb=True, plugin="/p/GDBRemoteConnection.so")
    p = params(cmd)
    assert "cluster0.NUM_CORES=1" in p and "cluster1.NUM_CORES=0" in p
    assert "gicv3.gicv2-only=1" in p and "cluster0.has_el3=0" in p
    assert opt(cmd, "--plugin") == "/p/GDBRemoteConnection.so"
    assert opt(cmd, "--data") == "cluster0.cpu0=p@0x88000000"


def test_fvp_base_gdb_without_plugin_is_an_error(tmp_path):
    with pytest.raises(HypctlError, match="GDBRemoteConnection"):
        fvp.fvp_command(str(tmp_path / "FVP_Base_RevC-2xAEMvA"), "e", "p", 0, gdb=True)


def test_foundation(image):
    path, base = image
    cmd = fvp.fvp_command("/m/Foundation_Platform", path, "/b/pack.bin", base, smp=2)
    assert cmd == ["/m/Foundation_Platform", "--cores=2", "--no-secure-memory", "--gicv3",
                   "--image", path, "--data", f"/b/pack.bin@{base:#x}"]
    assert "--no-gicv3" in fvp.fvp_command("/m/Foundation_Platform", "e", "p", 0, gic=2)
    with pytest.raises(ConfigError, match="--smp"):
        fvp.fvp_command("/m/Foundation_Platform", "e", "p", 0, smp=8)


def test_find_fvp(tmp_path, monkeypatch):
    model = tmp_path / "models" / "Linux64_GCC-9.3" / "FVP_Base_RevC-2xAEMvA"
    model.parent.mkdir(parents=True)
    model.write_text("#!/bin/sh\n")
    model.chmod(0o755)
    assert fvp.find_fvp(str(tmp_path)) == str(model)
    assert fvp.find_fvp(None, env={"FVP": str(model)}) == str(model)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ConfigError, match="not installed"):
        fvp.find_fvp(None, env={})
