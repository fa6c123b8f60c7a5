// SPDX-License-Identifier: MIT
/*
 * The primary CPU's C entry: console, platform discovery, banner, then the
 * work the pack's configuration asks for.
 */
#include "arch/arch.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "core/config.h"
#include "core/cpu_names.h"
#include "core/mm.h"
#include "core/pack.h"
#include "core/pcpu.h"
#include "core/platform_info.h"
#include "core/sched.h"
#include "core/smp.h"
#include "core/sysreg_emul.h"
#include "core/trap.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "drivers/pl011.h"
#include "lib/fdt.h"
#include "lib/cmdline.h"
#include "arch/aarch64/exception.h"
#include "lib/log.h"
#include "lib/string.h"
#include "version.h"

void selftest_crash_dabt(void);
void selftest_crash_undef(void);
void hyp_main(uint64_t dtb, unsigned int cpu, unsigned int entry_el);
void report_wrong_el(unsigned int el);
void pcpu_init(unsigned int cpu);

static void uart_putc(char c)
{
        pl011_putc(PLAT_UART_BASE, c);
}

static void console_init(void)
{
        pl011_init(PLAT_UART_BASE, PLAT_UART_CLOCK_HZ, PLAT_UART_BAUD);
        log_set_sink(uart_putc);
}

#if defined(__clang__)
#define COMPILER "clang " __clang_version__
#else
#define COMPILER "gcc " __VERSION__
#endif

static void print_banner(void)
{
        uint64_t midr = arch_midr();
        char cpu[64];

        kprintf("\nhyp %s (%s) - AArch64 bare-metal hypervisor\n", HYP_VERSION, COMPILER);
        kprintf("  platform   %s\n", PLAT_NAME);
        kprintf("  entered at EL%u on CPU %u (MPIDR_EL1 0x%llx)\n", plat.entry_el, plat.boot_cpu,
                (unsigned long long)arch_mpidr());
        kprintf("  MIDR_EL1   0x%08llx (%s)\n", (unsigned long long)midr,
                midr_describe(midr, cpu, sizeof(cpu)));
        kprintf("  CPUs       %u\n", plat.ncpus);
        kprintf("  RAM        0x%llx-0x%llx (%llu MiB)\n", (unsigned long long)plat.ram_base,
                (unsigned long long)(plat.ram_base + plat.ram_size - 1),
                (unsigned long long)(plat.ram_size >> 20));
        kprintf("  device tree %s\n", plat.dtb_source);
}

static void apply_cmdline(const char *cmdline)
{
        char val[32];

        if (cmdline_get(cmdline, "loglevel", val, sizeof(val))) {
                enum log_level level;
                if (log_level_from_name(val, &level))
                        log_warn("loglevel=%s: unknown level (use error, warn, info or debug)\n", val);
                else
                        log_set_level(level);
        }
        if (cmdline_get(cmdline, "selftest", val, sizeof(val))) {
                log_info("selftest=%s: faulting on purpose\n", val);
                if (!strcmp(val, "crash-dabt"))
                        selftest_crash_dabt();
                else if (!strcmp(val, "crash-undef"))
                        selftest_crash_undef();
                else
                        log_warn("selftest=%s: unknown (use crash-dabt or crash-undef)\n", val);
        }
}

extern char __image_end[];

/* Memory: everything from RAM base (QEMU's DTB) to the end of our image, and the pack, are taken. */
static void memory_init(const struct pack *pack)
{
        mm_init(plat.ram_base, plat.ram_size);
        mm_reserve(plat.ram_base, (uint64_t)(uintptr_t)__image_end - plat.ram_base);
        if (plat.dtb)
                mm_reserve((uint64_t)(uintptr_t)plat.dtb, fdt_totalsize(plat.dtb));
        if (pack)
                mm_reserve(PLAT_PACK_ADDR, pack->size);
}

void pcpu_init(unsigned int cpu)
{
        struct pcpu *p = &pcpus[cpu];

        p->id = cpu;
        p->mpidr = arch_mpidr();
        p->online = true;
        arch_set_cpu_local(p);
}

static void create_vms(const struct pack *pack)
{
        static struct vm_config cfgs[VM_MAX];
        unsigned int rejected, n = config_parse(pack, cfgs, VM_MAX, &rejected);

        vm_setup_failures = rejected;
        for (unsigned int i = 0; i < n; i++) {
                struct vm *vm = &vms[nvms];

                if (vm_create(vm, nvms, &cfgs[i])) {
                        vm_setup_failures++;
                        continue;
                }
                nvms++;
        }
        if (vm_setup_failures)
                log_error("%u configured VM%s could not be created (see above): the run ends "
                          "with a non-zero status\n", vm_setup_failures,
                          vm_setup_failures == 1 ? "" : "s");
        /* vCPUs go where the configuration pins them, else round-robin over the online CPUs. */
        unsigned int online[PLAT_MAX_CPUS], nonline = smp_online_cpus(online, PLAT_MAX_CPUS), k = 0;
        for (unsigned int i = 0; i < nvms; i++) {
                for (unsigned int c = 0; c < vms[i].cfg.nvcpus; c++) {
                        int want = vms[i].cfg.affinity[c];
                        unsigned int cpu = online[k++ % nonline];

                        if (want >= 0 && want < PLAT_MAX_CPUS && pcpus[want].online)
                                cpu = (unsigned int)want;
                        else if (want >= 0)
                                log_warn("VM '%s' vCPU %u: CPU %d is not online; using CPU %u\n",
                                         vms[i].cfg.name, c, want, cpu);
                        sched_add_vcpu(&vms[i].vcpus[c], cpu);
                }
        }
        /* The other CPUs idle until told: each VM's boot vCPU is runnable now. */
        for (unsigned int i = 0; i < nvms; i++)
                sched_vm_started(&vms[i]);
}

void hyp_main(uint64_t dtb, unsigned int cpu, unsigned int entry_el)
{
        struct pack pack;
        enum pack_status ps;
        int err;

        pcpu_init(cpu);
        console_init();
        platform_discover(dtb, cpu, entry_el);
        print_banner();

        ps = pack_open((const void *)(uintptr_t)PLAT_PACK_ADDR,
                       plat.ram_base + plat.ram_size - PLAT_PACK_ADDR, &pack);
        if (ps == PACK_OK)
                log_info("pack at 0x%x: %llu bytes, command line \"%s\"\n", PLAT_PACK_ADDR,
                         (unsigned long long)pack.size, pack.cmdline);
        else if (ps != PACK_ABSENT)
                log_error("pack at 0x%x ignored: %s\n", PLAT_PACK_ADDR, pack_status_str(ps));

        kprintf("Hello, world!\n");
        /* The system counter starts at 0 at reset (QEMU; the FVP once EL3 code enabled it). */
        log_info("%llu us from reset to here\n",
                 (unsigned long long)(arch_counter() / (arch_counter_freq() / 1000000)));
        if (ps == PACK_OK)
                apply_cmdline(pack.cmdline);

        memory_init(ps == PACK_OK ? &pack : NULL);
        err = mmu_init(plat.ram_base, plat.ram_size, &hyp_pgtable_ops);
        if (err)
                hyp_panic("cannot build the EL2 page tables (error %d)", err);
        err = gic_init();
        if (err)
                hyp_panic("cannot map the GIC (error %d)", err);
        /* Interrupt handlers are registered before any CPU enables its own. */
        if (vgic_hw_select(gic_version()) || sched_init())
                hyp_panic("cannot register the hypervisor's interrupts");
        if (sysreg_init())
                hyp_panic("cannot fill the system-register trap table");
        gic_init_cpu(cpu);
        arch_trap_init_cpu();
        stage2_init_cpu();
        log_info("%u of %u CPUs online\n", smp_boot_secondaries(), plat.ncpus);

        if (ps == PACK_OK)
                create_vms(&pack);
        if (!nvms) {
                if (vm_setup_failures)
                        platform_poweroff(1);
                log_info("no VMs configured\n");
                platform_poweroff(0);
        }
        /* Keyboard input for the guests: the physical UART's receive interrupt. */
        if (console_input_init(plat.boot_cpu))
                log_warn("no console input for the guests (its interrupt is taken)\n");
        log_info("%llu MiB free after creating %u VM%s\n",
                 (unsigned long long)(mm_free_bytes() >> 20), nvms, nvms == 1 ? "" : "s");
        sched_start();
}

/* Entered at EL1 (or an EL we cannot run at): say so, precisely. */
void report_wrong_el(unsigned int el)
{
        console_init();
        log_error("entered at EL%u: this hypervisor must be started at EL3 or EL2 "
                  "(QEMU: -M virt,virtualization=on[,secure=on]; FVP: cluster0.has_el2=1)\n", el);
}

