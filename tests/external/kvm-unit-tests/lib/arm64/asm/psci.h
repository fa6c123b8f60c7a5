#include "../../arm/asm/psci.h"
