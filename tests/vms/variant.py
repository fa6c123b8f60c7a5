#!/usr/bin/env python3
"""A VM configuration with some numeric bootargs words changed:
  variant.py IN.dts OUT.dts seed=2 ops=500000
replaces every 'seed=<digits>' (and so on) in IN with the given value."""
import re
import sys


def apply(text, pairs, what="the configuration"):
    """text with each 'key=<digits>' of pairs ('key=value') replaced; ValueError if a key
    is not there."""
    for pair in pairs:
        key, value = pair.split("=", 1)
        text, n = re.subn(rf"\b{re.escape(key)}=\d+", f"{key}={value}", text)
        if not n:
            raise ValueError(f"{what}: no '{key}=' to replace")
    return text


def main(src, dst, *pairs):
    with open(src) as f:
        text = f.read()
    try:
        text = apply(text, pairs, src)
    except ValueError as e:
        sys.exit(f"variant.py: {e}")
    with open(dst, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
