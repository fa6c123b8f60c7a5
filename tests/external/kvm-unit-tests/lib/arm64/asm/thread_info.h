#include "../../arm/asm/thread_info.h"
