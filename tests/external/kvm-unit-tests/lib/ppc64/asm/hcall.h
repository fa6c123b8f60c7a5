#include "../../powerpc/asm/hcall.h"
