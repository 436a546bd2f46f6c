// Loaded into the server under soak with `node --import`: once a second it appends the longest
// event-loop delay of that second and the process's peak RSS to SOAK_PROBE_FILE. Appending as it
// goes, because a server killed with SIGKILL writes nothing on exit. Plain JavaScript, no loader.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let from = Date.now();
  setInterval(() => {
    const to = Date.now();
    const line = {
      pid: process.pid,
      from,
      to,
      maxMs: Math.round(delay.max / 1e6),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    delay.reset();
    from = to;
  }, 1_000).unref();
}
