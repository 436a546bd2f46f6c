import { isoShanghai } from '../time/clock.ts';

/** Structured log lines; never given secrets or message bodies beyond what an operator needs. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Times are Beijing time with the offset, so an operator can match a line to what a member saw. */
export function jsonLogger(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const emit =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ time: isoShanghai(now()), level, event, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
