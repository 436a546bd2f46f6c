/** What one reporter's message went through, as the soak saw it from the platform's side. */
export interface Attempted {
  marker: string;
  platform: 'wecom' | 'dingtalk';
  attempts: number;
  /** Milliseconds of the request that got HTTP 200, or null when none did. */
  ackMs: number | null;
  /** From the first attempt to the 200, retries included. */
  deliveredMs: number | null;
  /** The bot's answer (passive reply, response_url or sessionWebhook), when one was seen. */
  answer: 'confirmed' | 'refused' | null;
}

export interface Tally {
  sent: number;
  attempts: number;
  acknowledged: number;
  storedOnce: number;
  /** Acknowledged (HTTP 200), not stored, and no refusal answered to the member: a silent loss. */
  lost: number;
  doubled: number;
  /** Acknowledged with a refusal the member could read (e.g. slowed down): not stored, not lost. */
  refused: number;
  neverAcknowledged: number;
  neverAcknowledgedButStored: number;
  ackP50: number | null;
  ackP99: number | null;
  deliveredP50: number | null;
  deliveredP99: number | null;
  /** `platform:marker` of each, to look up in the server log and the journal. */
  lostMarkers: string[];
  doubledMarkers: string[];
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Counts every marker that appears in the stored texts (a note or an instalment's evidence). */
export function countMarkers(texts: Iterable<string>, pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const text of texts) {
    for (const m of text.matchAll(global)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return counts;
}

/** Sets what the platforms were told against what the data directory holds. */
export function tally(messages: readonly Attempted[], stored: ReadonlyMap<string, number>): Tally {
  const t: Tally = {
    sent: messages.length,
    attempts: 0,
    acknowledged: 0,
    storedOnce: 0,
    lost: 0,
    doubled: 0,
    refused: 0,
    neverAcknowledged: 0,
    neverAcknowledgedButStored: 0,
    ackP50: null,
    ackP99: null,
    deliveredP50: null,
    deliveredP99: null,
    lostMarkers: [],
    doubledMarkers: [],
  };
  const ack: number[] = [];
  const delivered: number[] = [];
  for (const m of messages) {
    const times = stored.get(m.marker) ?? 0;
    t.attempts += m.attempts;
    if (times === 1) t.storedOnce++;
    if (times > 1) {
      t.doubled++;
      t.doubledMarkers.push(`${m.platform}:${m.marker}`);
    }
    if (m.ackMs === null) {
      t.neverAcknowledged++;
      if (times > 0) t.neverAcknowledgedButStored++;
      continue;
    }
    t.acknowledged++;
    ack.push(m.ackMs);
    if (m.deliveredMs !== null) delivered.push(m.deliveredMs);
    if (times === 0) {
      if (m.answer === 'refused') t.refused++;
      else {
        t.lost++;
        t.lostMarkers.push(`${m.platform}:${m.marker}`);
      }
    }
  }
  t.ackP50 = percentile(ack, 50);
  t.ackP99 = percentile(ack, 99);
  t.deliveredP50 = percentile(delivered, 50);
  t.deliveredP99 = percentile(delivered, 99);
  return t;
}
