"""Small helpers shared by the launchers."""
import os
import re
import select
import shlex
import subprocess
import socket
import sys
import threading
import time


def free_port():
    """A TCP port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def show(cmd):
    return shlex.join(str(c) for c in cmd)


def wait_for_output(stream, regex, timeout, echo=None):
    """Read a child's pipe until regex matches; return (match, text so far) or (None, text)."""
    fd = stream.fileno()
    text = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        if echo:
            echo.write(chunk.decode("utf-8", "replace"))
            echo.flush()
        text += chunk.decode("utf-8", "replace")
        m = regex.search(text)
        if m:
            return m, text
    return None, text


def forward(stream, dest=None):
    """Copy the rest of a child's pipe to dest (stderr) in a daemon thread."""
    dest = dest or sys.stderr

    def pump():
        fd = stream.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            dest.write(chunk.decode("utf-8", "replace"))
            dest.flush()

    threading.Thread(target=pump, daemon=True).start()


def version(root=None):
    """'hypctl VERSION (git DESCRIBE)': the project's version from meson.build, and the
    checkout it runs from (git describe --always --dirty) where git can tell."""
    from . import REPO_ROOT
    root = root or REPO_ROOT
    v = "unknown"
    try:
        with open(os.path.join(root, "meson.build")) as f:
            m = re.search(r"version:\s*'([^']+)'", f.read())
            v = m.group(1) if m else v
    except OSError:
        pass
    try:
        g = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                           capture_output=True, text=True, timeout=10)
        desc = g.stdout.strip() if g.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired):
        desc = ""
    return f"hypctl {v}" + (f" (git {desc})" if desc else "")
