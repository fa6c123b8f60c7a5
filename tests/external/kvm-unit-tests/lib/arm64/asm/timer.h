#include "../../arm/asm/timer.h"
