"""How the VMs ended, from the hypervisor's console output (pure functions).

The hypervisor prints (src/core/vm.c, platform_info.c):
    hyp: VM '<name>' (id N) exited with status S (<how>)
    hyp: VM '<name>' (id N) crashed (<reason>)
    hyp: powering off (status S)
"""
import re
from dataclasses import dataclass

END_RE = re.compile(r"^hyp: VM '([A-Za-z0-9_-]+)' \(id \d+\) "
                    r"(?:exited with status (-?\d+) \((.*)\)|crashed \((.*)\))[ \t]*$", re.M)
POWEROFF_RE = re.compile(r"^hyp: powering off \(status (-?\d+)\)", re.M)


@dataclass
class VmEnd:
    name: str
    status: int
    crashed: bool
    how: str

    def describe(self):
        if self.crashed:
            return f"VM '{self.name}' crashed ({self.how})"
        return f"VM '{self.name}' exited with status {self.status}"


def vm_ends(text):
    """{name: VmEnd} in the order the VMs ended (the last report of a name wins)."""
    ends = {}
    for m in END_RE.finditer(text.replace("\r", "")):
        name, status, how, reason = m.groups()
        ends[name] = (VmEnd(name, 255, True, reason) if reason is not None
                      else VmEnd(name, int(status), False, how))
    return ends


def verdict(text, expected=(), sim_status=0):
    """(exit code for hypctl, [summary lines]) once the simulator has exited.

    0 only if every VM (the expected names plus any that reported) exited with
    status 0; with no VM at all, the simulator's own status decides.
    """
    ends = vm_ends(text)
    names = list(expected) + [n for n in ends if n not in expected]
    lines = []
    for name in names:
        end = ends.get(name)
        if end is None:
            lines.append(f"VM '{name}' never reported an exit status "
                         "(see the hypervisor's messages above)")
        elif end.crashed or end.status != 0:
            lines.append(end.describe())
    if not names and sim_status != 0:
        lines.append(f"simulator exited with status {sim_status}")
    elif names and not lines and sim_status not in (0, None):
        lines.append(f"every VM exited with status 0 but the simulator exited with "
                     f"status {sim_status}")
    return (1 if lines else 0), lines
