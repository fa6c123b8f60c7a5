#include "../../arm/asm/delay.h"
