#include "../../arm/asm/mmu-api.h"
