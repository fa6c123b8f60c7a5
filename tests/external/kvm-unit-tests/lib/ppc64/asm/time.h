#include "../../powerpc/asm/time.h"
