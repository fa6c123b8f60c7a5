#include "../../powerpc/asm/handlers.h"
