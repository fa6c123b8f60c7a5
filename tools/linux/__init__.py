"""Real Linux guest tooling: fetch a Debian arm64 kernel + busybox, build initramfs.

Standard library only; runs under /usr/bin/python3.  See ``linux.guest``.
"""
