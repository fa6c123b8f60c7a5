#include "../../arm/asm/pci.h"
