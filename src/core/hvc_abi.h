/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's guest ABI: SMCCC "Vendor Specific Hypervisor Service" calls
 * (owning entity 6), made with HVC #0 (SMC #0 works too: it traps to EL2).
 * Arguments in x1..x3, function ID in x0, results in x0..x3. Shared by the
 * hypervisor and the in-tree guests; documented in docs/hypercalls.md.
 *
 * Return values follow SMCCC: >= 0 success, HYP_RET_NOT_SUPPORTED (-1) for an
 * unknown function ID, HYP_RET_INVALID_PARAMETER (-3) for bad arguments.
 */
#ifndef CORE_HVC_ABI_H
#define CORE_HVC_ABI_H

/* Fast calls, SMC32 convention (w0..w7) unless marked 64. */
#define HYP_FN_VERSION          0x86000000      /* -> x0 = (major << 16) | minor */
#define HYP_FN_CONSOLE_PUTC     0x86000001      /* x1 = character -> x0 = 0 */
#define HYP_FN_CONSOLE_WRITE    0xC6000002      /* x1 = buffer IPA, x2 = length (<= 4096) -> x0 = bytes written */
#define HYP_FN_VM_INFO          0x86000003      /* -> x0 = 0, x1 = VM id, x2 = this vCPU's index, x3 = vCPU count */
#define HYP_FN_VM_NAME          0xC6000004      /* x1 = buffer IPA, x2 = size -> x0 = name length (NUL-terminated if it fits) */
#define HYP_FN_VM_EXIT          0x86000005      /* x1 = status (int32) -> does not return */
#define HYP_FN_NOP              0x86000006      /* -> x0 = 0: for measuring the hypercall round trip */
#define HYP_FN_CALL_UID         0x8600FF01      /* SMCCC: x0..x3 = the service UID */
#define HYP_FN_REVISION         0x8600FF03      /* SMCCC: x0 = major, x1 = minor */

#define HYP_ABI_MAJOR           1
#define HYP_ABI_MINOR           0

/* UID 6b9c0b4e-2f3a-4d5c-9e61-68797076301a ("hypv0" in the tail), as SMCCC returns it in w0..w3. */
#define HYP_UID_0               0x4e0b9c6b
#define HYP_UID_1               0x5c4d3a2f
#define HYP_UID_2               0x7968619e
#define HYP_UID_3               0x1a307670

#define HYP_RET_SUCCESS         0
#define HYP_RET_NOT_SUPPORTED   (-1)
#define HYP_RET_INVALID_PARAMETER (-3)

#endif
