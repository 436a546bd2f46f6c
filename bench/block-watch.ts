import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * The longest stretch the event loop could not run a 1-ms timer, and monitorEventLoopDelay's max at
 * 1-ms resolution: two views of the same thing, the gap detector being the one that cannot miss a block.
 */
export function blockWatch() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  delay.enable();
  return {
    /** After one more timer turn, so that both views have seen the block that just ended. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 5));
      clearInterval(timer);
      delay.disable();
      return { gapMs: longest, delayMaxMs: delay.max / 1e6 };
    },
  };
}
