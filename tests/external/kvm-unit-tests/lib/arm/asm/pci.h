#include <asm-generic/pci-host-bridge.h>
