"""hypctl: build, run and debug the hypervisor on QEMU and Arm FVPs."""
import os

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_ROOT = os.path.dirname(TOOLS_DIR)
