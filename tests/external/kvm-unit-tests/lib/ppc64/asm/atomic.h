#ifndef _POWERPC_ATOMIC_H_
#define _POWERPC_ATOMIC_H_

#include "asm-generic/atomic.h"

#endif /* _POWERPC_ATOMIC_H_ */
