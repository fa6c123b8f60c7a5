#include <asm-generic/memory_areas.h>
