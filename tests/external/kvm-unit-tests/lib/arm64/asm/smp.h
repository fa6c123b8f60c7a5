#include "../../arm/asm/smp.h"
