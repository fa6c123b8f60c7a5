#!/usr/bin/env python3
"""A VM configuration with some numeric bootargs words changed:
  variant.py IN.dts OUT.dts seed=2 ops=500000
replaces every 'seed=<digits>' (and so on) in IN with the given value."""
import re
import sys


def main(src, dst, *pairs):
    with open(src) as f:
        text = f.read()
    for pair in pairs:
        key, value = pair.split("=", 1)
        text, n = re.subn(rf"\b{re.escape(key)}=\d+", f"{key}={value}", text)
        if not n:
            sys.exit(f"variant.py: {src}: no '{key}=' to replace")
    with open(dst, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
