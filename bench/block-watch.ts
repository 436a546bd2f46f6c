import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** Nanoseconds the calling thread has run and has waited for a CPU (Linux), or null elsewhere. */
function threadSchedule(): [number, number] | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return run === undefined || wait === undefined ? null : [run, wait];
  } catch {
    return null;
  }
}

/**
 * The longest stretch the event loop could not run a 1-ms timer, and monitorEventLoopDelay's max at
 * 1-ms resolution: two views of the same thing, the gap detector being the one that cannot miss a block.
 * With `cpu`, also how much of the longest stretch the main thread spent running and how much
 * waiting for a CPU (on a shared machine another process's load blocks the loop too, and looks so).
 */
export function blockWatch(options: { cpu?: boolean } = {}) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longest = 0;
  let schedule = options.cpu ? threadSchedule() : null;
  let longestRunMs: number | null = null;
  let longestWaitMs: number | null = null;
  const timer = setInterval(() => {
    const now = performance.now();
    const next = schedule ? threadSchedule() : null;
    if (now - last > longest) {
      longest = now - last;
      if (schedule && next) {
        longestRunMs = (next[0] - schedule[0]) / 1e6;
        longestWaitMs = (next[1] - schedule[1]) / 1e6;
      }
    }
    last = now;
    schedule = next;
  }, 1);
  delay.enable();
  return {
    /** After one more timer turn, so that both views have seen the block that just ended. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 5));
      clearInterval(timer);
      delay.disable();
      return { gapMs: longest, delayMaxMs: delay.max / 1e6, longestRunMs, longestWaitMs };
    },
  };
}
