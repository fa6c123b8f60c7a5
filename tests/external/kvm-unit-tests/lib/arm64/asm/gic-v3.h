#include "../../arm/asm/gic-v3.h"
