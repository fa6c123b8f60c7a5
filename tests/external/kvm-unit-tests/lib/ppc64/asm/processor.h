#include "../../powerpc/asm/processor.h"
