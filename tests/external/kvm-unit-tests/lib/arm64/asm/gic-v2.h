#include "../../arm/asm/gic-v2.h"
