// SPDX-License-Identifier: MIT
#include "core/config.h"
#include "lib/fdt.h"
#include "lib/log.h"
#include "lib/string.h"

#define SZ_2M   (2ull << 20)

static bool get_u64(const void *fdt, int node, const char *name, uint64_t *out)
{
        int len;
        const void *p = fdt_getprop(fdt, node, name, &len);

        if (!p || (len != 4 && len != 8))
                return false;
        *out = len == 8 ? fdt64_ld(p) : fdt32_ld(p);
        return true;
}

/* A slice of the pack: <offset(2 cells) size(2 cells)>, checked against the pack. */
static int get_image(const void *fdt, int node, const char *name, const struct pack *pack,
                     struct image_ref *out, const char *vm)
{
        int len;
        const uint8_t *p = fdt_getprop(fdt, node, name, &len);

        out->data = NULL;
        out->size = 0;
        if (!p)
                return 0;
        if (len != 16) {
                log_error("config: VM '%s': %s must be <offset size> (4 cells)\n", vm, name);
                return -1;
        }
        out->size = fdt64_ld(p + 8);
        out->data = pack_slice(pack, fdt64_ld(p), out->size);
        if (!out->data) {
                log_error("config: VM '%s': %s lies outside the pack (rebuild the pack)\n", vm, name);
                return -1;
        }
        return 0;
}

static bool valid_name(const char *s, int len)
{
        if (len < 1 || len >= VM_NAME_MAX)
                return false;
        for (int i = 0; i < len; i++) {
                char c = s[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_'))
                        return false;
        }
        return true;
}

static int parse_vm(const void *fdt, int node, const struct pack *pack, struct vm_config *c)
{
        int len;
        const char *name = fdt_get_name(fdt, node, &len);
        const char *s;
        uint64_t v;

        memset(c, 0, sizeof(*c));
        if (!name || !valid_name(name, len)) {
                log_error("config: VM name '%.*s' is invalid (1-31 of a-z A-Z 0-9 - _)\n",
                          name ? len : 0, name ? name : "");
                return -1;
        }
        memcpy(c->name, name, (size_t)len);
        c->name[len] = '\0';

        if (!get_u64(fdt, node, "vcpus", &v) || v < 1 || v > VM_MAX_VCPUS) {
                log_error("config: VM '%s': vcpus must be 1..%u\n", c->name, VM_MAX_VCPUS);
                return -1;
        }
        c->nvcpus = (unsigned int)v;
        if (!get_u64(fdt, node, "memory-size", &c->mem_size) || c->mem_size < SZ_2M ||
            (c->mem_size & (SZ_2M - 1))) {
                log_error("config: VM '%s': memory-size must be a multiple of 2 MiB\n", c->name);
                return -1;
        }
        if (get_image(fdt, node, "kernel-image", pack, &c->kernel, c->name) ||
            get_image(fdt, node, "initrd-image", pack, &c->initrd, c->name) ||
            get_image(fdt, node, "dtb-image", pack, &c->dtb, c->name))
                return -1;
        if (!c->kernel.data) {
                log_error("config: VM '%s': no kernel-image\n", c->name);
                return -1;
        }
        s = fdt_getprop(fdt, node, "kernel-format", &len);
        if (s && len == 6 && !memcmp(s, "linux", 6)) {
                c->format = IMAGE_LINUX;
        } else if (s && len == 4 && !memcmp(s, "elf", 4)) {
                c->format = IMAGE_ELF;
        } else if (s && len == 4 && !memcmp(s, "raw", 4)) {
                c->format = IMAGE_RAW;
                if (!get_u64(fdt, node, "kernel-load", &c->raw_load)) {
                        log_error("config: VM '%s': a raw kernel needs kernel-load\n", c->name);
                        return -1;
                }
                if (!get_u64(fdt, node, "kernel-entry", &c->raw_entry))
                        c->raw_entry = c->raw_load;
        } else {
                log_error("config: VM '%s': kernel-format must be \"linux\", \"elf\" or \"raw\"\n",
                          c->name);
                return -1;
        }
        s = fdt_getprop(fdt, node, "bootargs", &len);
        if (s) {
                if (len < 1 || s[len - 1] != '\0') {
                        log_error("config: VM '%s': bootargs is not a string\n", c->name);
                        return -1;
                }
                c->bootargs = s;
        }
        c->pci_passthrough = fdt_getprop(fdt, node, "pci-passthrough", &len) != NULL;
        for (unsigned int i = 0; i < VM_MAX_VCPUS; i++)
                c->affinity[i] = -1;
        s = fdt_getprop(fdt, node, "cpus", &len);
        if (s) {
                if (len % 4 || (unsigned int)len / 4 != c->nvcpus) {
                        log_error("config: VM '%s': cpus must list one physical CPU per vCPU\n",
                                  c->name);
                        return -1;
                }
                for (unsigned int i = 0; i < c->nvcpus; i++)
                        c->affinity[i] = (int)fdt32_ld(s + 4 * i);
        }
        return 0;
}

unsigned int config_parse(const struct pack *pack, struct vm_config *cfgs, unsigned int max,
                          unsigned int *rejected)
{
        const void *fdt = pack->config;
        unsigned int n = 0;
        int list, err;

        *rejected = 0;
        if (!fdt)
                return 0;
        err = fdt_check_full(fdt, pack->config_size);
        if (err) {
                log_error("config: the pack's configuration is not a valid device tree (%d)\n", err);
                *rejected = 1;
                return 0;
        }
        if (!fdt_node_is_compatible(fdt, 0, "hyp,pack-config-v1")) {
                log_error("config: unknown configuration version (rebuild the pack with this "
                          "tree's hypctl)\n");
                *rejected = 1;
                return 0;
        }
        list = fdt_path_offset(fdt, "/vms");
        if (list < 0)
                return 0;
        for (int node = fdt_first_subnode(fdt, list); node >= 0; node = fdt_next_subnode(fdt, node)) {
                if (n == max) {
                        log_error("config: more than %u VMs; the rest are ignored\n", max);
                        (*rejected)++;
                        break;
                }
                if (!parse_vm(fdt, node, pack, &cfgs[n]))
                        n++;
                else
                        (*rejected)++;
        }
        return n;
}
