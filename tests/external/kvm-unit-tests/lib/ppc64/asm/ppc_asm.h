#include "../../powerpc/asm/ppc_asm.h"
