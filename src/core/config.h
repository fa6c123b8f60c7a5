/* SPDX-License-Identifier: MIT */
/*
 * The VM configuration inside the pack: a flattened device tree that hypctl
 * generates from the user's configuration (docs/configuration.md):
 *
 *   / { compatible = "hyp,pack-config-v1";
 *       vms { <name> {                       VM name = node name
 *           vcpus = <n>;
 *           memory-size = <hi lo>;            bytes, a multiple of 2 MiB
 *           kernel-image = <off_hi off_lo size_hi size_lo>;   slice of the pack
 *           kernel-format = "linux" | "elf" | "raw";
 *           kernel-load = <hi lo>; kernel-entry = <hi lo>;    raw images only
 *           initrd-image = <...4 cells...>;   optional
 *           dtb-image = <...4 cells...>;      optional, user-supplied device tree
 *           bootargs = "...";                 optional
 *           cpus = <pcpu ...>;                optional: physical CPU of each vCPU
 *       }; };
 *   };
 *
 * hypctl validates it first; the hypervisor checks it again (the pack is
 * input), reporting a bad VM by name and field and skipping it.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include "core/pack.h"
#include "core/vm.h"

/* Fill cfgs[] (up to max) from the pack's config; returns how many VMs are valid, and in
 * *rejected how many it named but could not take (an invalid configuration counts one). */
unsigned int config_parse(const struct pack *pack, struct vm_config *cfgs, unsigned int max,
                          unsigned int *rejected);

#endif
