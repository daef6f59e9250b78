// CPU time of the processes a benchmark watches (Linux /proc), shared by the benches that print CPU per operation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ). */
const CLOCK_TICKS = 100;

/** The fields of a /proc stat line after the command name (which may itself hold spaces and parentheses). */
function statFields(file: string): string[] | undefined {
  try {
    const stat = readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended
  }
}

/**
 * User + system CPU ms a process (or, with `statFile`, one of its threads: `/proc/<pid>/task/<tid>/stat`) has used so
 * far; 0 once it has ended.
 */
export function processCpuMs(pid: number, statFile = `/proc/${pid}/stat`): number {
  const fields = statFields(statFile);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS : 0;
}

/**
 * CPU ms of a local PostgreSQL server so far: its postmaster's live children (backends, walwriter, …) and, through
 * the postmaster's cutime / cstime, the children that have ended (a pooled connection closed when idle).
 */
export function postgresCpuMs(postmaster: number): number {
  const own = statFields(`/proc/${postmaster}/stat`);
  let total = own ? ((Number(own[13]) + Number(own[14])) * 1000) / CLOCK_TICKS : 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || !existsSync(`/proc/${entry}/stat`)) continue;
    const fields = statFields(`/proc/${entry}/stat`);
    if (fields && Number(fields[1]) === postmaster) total += processCpuMs(Number(entry));
  }
  return total;
}

/** The whole machine's CPU so far from /proc/stat (ms summed over cores): busy and idle (idle + iowait). */
export function machineCpuMs(): { busy: number; idle: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
  const idle = ticks[3] + ticks[4];
  const busy = ticks.reduce((a, b) => a + b, 0) - idle;
  return { busy: (busy * 1000) / CLOCK_TICKS, idle: (idle * 1000) / CLOCK_TICKS };
}
