#include "../../arm/asm/gic.h"
