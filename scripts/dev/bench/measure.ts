/**
 * Runs a command and measures it: wall time, the peak resident memory of its
 * whole process tree (sampled from /proc, and each process's own high-water
 * mark, VmHWM), and every output line with the time it arrived.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  status: number | null;
  seconds: number;
  /** Peak RSS of the process tree in bytes: the larger of the sampled sum and any one process's VmHWM. */
  peakRss: number;
  /** Output lines (stdout and stderr) with seconds since start. */
  lines: Array<{ at: number; text: string }>;
  output: string;
  /** [seconds since start, largest tree RSS in bytes since the previous entry], about one a second. */
  timeline: Array<[number, number]>;
}

const PAGE = 4096;

/** Resident bytes of `root` and all its descendants, and the largest VmHWM among them. */
export function treeMemory(root: number): { sum: number; hwm: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  let sum = 0;
  let hwm = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      sum += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (peak) hwm = Math.max(hwm, Number(peak[1]) * 1024);
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return { sum, hwm };
}

export function measure(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Measured['lines'] = [];
    let peak = 0;
    const timeline: Measured['timeline'] = [];
    let windowMax = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      const { sum, hwm } = treeMemory(child.pid);
      peak = Math.max(peak, sum, hwm);
      windowMax = Math.max(windowMax, sum);
      const at = (performance.now() - started) / 1000;
      if (timeline.length === 0 || at - timeline.at(-1)![0] >= 1) {
        timeline.push([Math.round(at * 10) / 10, windowMax]);
        windowMax = 0;
      }
    };
    const timer = setInterval(sample, 100);
    const collect = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const at = (performance.now() - started) / 1000;
        const parts = (rest + chunk).split('\n');
        rest = parts.pop()!;
        for (const text of parts) {
          lines.push({ at, text });
          if (options.echo) console.error(`    ${text}`);
        }
      });
      stream.on('end', () => rest && lines.push({ at: (performance.now() - started) / 1000, text: rest }));
    };
    collect(child.stdout!);
    collect(child.stderr!);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    // 'exit' fires before the process is reaped, so its VmHWM is still readable on the last sample.
    child.on('exit', () => sample());
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({
        status,
        seconds: (performance.now() - started) / 1000,
        peakRss: peak,
        lines,
        output: lines.map((line) => line.text).join('\n'),
        timeline,
      });
    });
  });
}
