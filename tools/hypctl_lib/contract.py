"""The hypervisor's side of the hypctl contract, read from its C headers, so each limit
and address has one source: src/core/vm.h (VMs), src/core/vplatform.h (the virtual platform) and
src/core/pack.h (the pack format). hypctl always runs from the source tree
(tools/hypctl), where the headers are; tests/tools/test_contract.py checks that every
value is found and is what the Python side uses."""
import os
import re

from . import REPO_ROOT

HEADERS = {"vm": os.path.join("src", "core", "vm.h"),
           "vplatform": os.path.join("src", "core", "vplatform.h"),
           "pack": os.path.join("src", "core", "pack.h")}
# '#define NAME 123', '0x4000ull', '"TEXT"' (a trailing comment is fine)
DEFINE_RE = re.compile(r'^#define\s+([A-Z][A-Z0-9_]*)\s+(0x[0-9a-fA-F]+|\d+|"[^"]*")'
                       r'(?:[uU]?[lL]{0,2})?\s*(?:/\*.*)?$', re.M)


class ContractError(Exception):
    pass


def read_defines(path):
    """{name: int or str} of the plain constant #defines in a C header."""
    with open(path) as f:
        text = f.read()
    out = {}
    for name, value in DEFINE_RE.findall(text):
        out[name] = value[1:-1] if value.startswith('"') else int(value, 0)
    return out


def _load(root=REPO_ROOT):
    values = {}
    for key, rel in HEADERS.items():
        path = os.path.join(root, rel)
        try:
            values.update(read_defines(path))
        except OSError as e:
            raise ContractError(f"{path}: {e.strerror} (hypctl runs from the source tree)")
    return values


C = _load()


def need(name):
    """A constant the C side must define (ContractError naming it if it does not)."""
    if name not in C:
        raise ContractError(f"{name} is not #defined in {' or '.join(HEADERS.values())}")
    return C[name]


VM_MAX = need("VM_MAX")
VM_MAX_VCPUS = need("VM_MAX_VCPUS")
VM_NAME_MAX = need("VM_NAME_MAX")               # with its NUL: names are 1..VM_NAME_MAX-1
GUEST_RAM_BASE = need("GUEST_RAM_BASE")
GUEST_DTB_WINDOW = need("GUEST_DTB_WINDOW")     # the device tree: the last bytes of RAM
PACK_MAGIC = need("PACK_MAGIC").encode()
PACK_VERSION = need("PACK_VERSION")
PACK_HEADER_SIZE = need("PACK_HEADER_SIZE")
