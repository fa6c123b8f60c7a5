"""The errors hypctl's domain code raises; cli.py alone turns them into click's.

ConfigError: a bad flag or configuration (exit 2, like a usage error): one line
that names the field and says the fix. HypctlError: anything else hypctl cannot
do (a tool missing, the simulator failing to start; exit 1).
"""


class HypctlError(Exception):
    """Something hypctl cannot do; the message says what and, where it can, how to fix it."""


class ConfigError(HypctlError):
    """A bad flag or configuration; the message names the field and the fix."""
