import fs from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** CPU milliseconds the machine spent busy (all cores, idle and iowait excluded). */
function machineBusyMs(): number {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/** CPU milliseconds a process has used (user and system), 0 once it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * Starts counting the CPU time the machine and one process (Prometheus)
 * spend from now; the function returned gives both since then.
 */
export function countCpu(pid: number): () => {
  machineBusyMs: number;
  processMs: number;
} {
  const machine = machineBusyMs();
  const process = processCpuMs(pid);
  return () => ({
    machineBusyMs: machineBusyMs() - machine,
    processMs: processCpuMs(pid) - process,
  });
}
