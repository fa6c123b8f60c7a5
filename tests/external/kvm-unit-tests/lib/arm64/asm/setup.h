#include "../../arm/asm/setup.h"
