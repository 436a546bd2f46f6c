import type { Sent } from '../helpers/fake-dingtalk.ts';
import type { Report } from './reporting-load.ts';

const SAVED = /已记录进展：|已登记到位资金：/u;
const ALREADY_HANDLED = /已经处理过/u;
/** The outbox merges confirmations that pile up: 「以下 N 条登记已保存：」 stands for N of them. */
const MERGED = /以下 (\d+) 条登记已保存/u;

/**
 * Acknowledged reports whose member was never told they were saved: no confirmation at the report's
 * own sessionWebhook, and more of them than merged confirmations in the member's chat could stand for.
 */
export function unconfirmed(reports: Report[], sent: Sent[], exempt: (r: Report) => boolean): Report[] {
  const byMessage = new Map(reports.map((r) => [r.msgId, r]));
  const confirmed = new Set<string>();
  const merged = new Map<string, number>();
  for (const s of sent) {
    const report = byMessage.get(s.target);
    if (!report) continue;
    const lines = MERGED.exec(s.text);
    if (lines) merged.set(report.account, (merged.get(report.account) ?? 0) + Number(lines[1]));
    else if (SAVED.test(s.text) && !ALREADY_HANDLED.test(s.text)) confirmed.add(report.msgId);
  }
  const missing = new Map<string, Report[]>();
  for (const r of reports) {
    if (!r.acknowledged || confirmed.has(r.msgId) || exempt(r)) continue;
    missing.set(r.account, [...(missing.get(r.account) ?? []), r]);
  }
  return [...missing].flatMap(([account, left]) => (left.length > (merged.get(account) ?? 0) ? left : []));
}

/** Reports answered twice as saved, or saved and then 「已经处理过」: the member was told twice. */
export function answeredTwice(reports: Report[], sent: Sent[]): Report[] {
  const count = new Map<string, number>();
  for (const s of sent) if (!MERGED.test(s.text)) count.set(s.target, (count.get(s.target) ?? 0) + 1);
  return reports.filter((r) => (count.get(r.msgId) ?? 0) > 1);
}
