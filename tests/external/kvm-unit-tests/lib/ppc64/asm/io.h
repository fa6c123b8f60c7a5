#ifndef _ASMPPC64_IO_H_
#define _ASMPPC64_IO_H_

#define __iomem

#include <asm-generic/io.h>
#endif
