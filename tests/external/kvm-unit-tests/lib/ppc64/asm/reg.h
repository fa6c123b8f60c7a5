#include "../../powerpc/asm/reg.h"
