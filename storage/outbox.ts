import { zh } from '../src/text/zh.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { IndexName } from './indexes.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import type { OutboxItem, PushRun, ReplyRoute } from './schema.ts';

/**
 * Everything the bot is to send: push runs and their messages, and replies. Sending is the bot's
 * own bookkeeping, never offered to `撤销`.
 */
export class Outbox extends Aggregate {
  pushRun(id: string): PushRun | null {
    return this.copy((d) => d.pushRuns[id] ?? null);
  }

  pushRuns(): PushRun[] {
    return this.copy((d) => Object.values(d.pushRuns).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }

  outbox(filter: (item: Readonly<OutboxItem>) => boolean = () => true): OutboxItem[] {
    return this.copy((d) => Object.values(d.outbox).filter(filter));
  }

  /** What is still to go to one chat, found without looking at the rest of the outbox. */
  pendingFor(destination: string): OutboxItem[] {
    return this.outboxBy('pendingOutboxByDestination', destination);
  }

  /** Every chat with something still to go. */
  pendingDestinations(): string[] {
    return this.ledger.read((d) => {
      const out = new Set<string>();
      for (const id of this.ledger.idsBy('outboxByStatus', 'pending')) {
        const item = d.outbox[id];
        if (item) out.add(outboxDestination(item));
      }
      return [...out];
    });
  }

  /** A push run's messages so far. */
  outboxOfRun(runId: string): OutboxItem[] {
    return this.outboxBy('outboxByRun', runId);
  }

  private outboxBy(index: IndexName, key: string): OutboxItem[] {
    return this.copy((d) => {
      const out: OutboxItem[] = [];
      for (const id of this.ledger.idsBy(index, key)) {
        const item = d.outbox[id];
        if (item) out.push(item);
      }
      return out;
    });
  }

  /**
   * Records a run and every message it will send, in one change: after this, a crash cannot lose the
   * push nor start it twice (the run id is the slot).
   */
  startPushRun(meta: ChangeMeta, run: NewPushRun, items: NewPushItem[]): PushRun | null {
    return this.bookkeep(meta, (tx) => {
      if (tx.get('pushRuns', run.id)) return null;
      const created = openRun(tx, meta, run);
      addItems(tx, meta, created, items);
      tx.summary = zh.summaryPushQueued(run.id, items.length);
      return created;
    });
  }

  /**
   * Records a run that will write its messages in several changes (`addPushItems`, then
   * `finishPushRun`): a large run is never one huge change. Null when the run exists already.
   */
  beginPushRun(meta: ChangeMeta, run: NewPushRun): PushRun | null {
    return this.bookkeep(meta, (tx) => {
      if (tx.get('pushRuns', run.id)) return null;
      const created = openRun(tx, meta, { ...run, writing: true });
      tx.summary = zh.summaryPushQueued(run.id, 0);
      return created;
    });
  }

  /**
   * Adds some groups' messages to a run being written, in one change: a group's messages are all
   * written together, so after a crash a group has all of them or none. A run another writer has
   * finished meanwhile (another instance) takes nothing more.
   */
  addPushItems(meta: ChangeMeta, runId: string, items: NewPushItem[]): void {
    this.bookkeep(meta, (tx) => {
      const run = tx.get('pushRuns', runId);
      if (!run) throw new Error(`push run ${runId} is not being written`);
      if (!run.writing) return;
      addItems(tx, meta, run, items);
      tx.summary = zh.summaryPushQueued(runId, run.deliveries);
    });
  }

  finishPushRun(meta: ChangeMeta, runId: string): PushRun | null {
    return this.bookkeep(meta, (tx) => {
      const run = tx.get('pushRuns', runId);
      if (!run?.writing) return null;
      run.writing = false;
      tx.put('pushRuns', run);
      tx.summary = zh.summaryPushQueued(runId, run.deliveries);
      return run;
    });
  }

  markOutbox(
    meta: ChangeMeta,
    id: string,
    outcome:
      | { sending: true }
      | { sent: true }
      | { sent: false; error: string; final: boolean; throttled?: boolean },
  ): void {
    this.bookkeep(meta, (tx) => {
      const item = tx.get('outbox', id);
      if (!item) return;
      if ('sending' in outcome) {
        item.status = 'sending';
        tx.put('outbox', item);
        tx.summary = zh.summaryPushSending(id);
        return;
      }
      // a throttled robot is not the item's fault: waiting it out does not count towards giving up
      if (outcome.sent || !outcome.throttled) item.attempts += 1;
      if (item.reply && (outcome.sent || outcome.final)) {
        // a settled reply keeps no answer address: it may be a bearer URL for the conversation
        item.reply.url = null;
        item.reply.urlExpiresAt = null;
      }
      if (outcome.sent && item.reply) {
        // the member has it; the handled-message record already guards against answering twice
        tx.delete('outbox', id);
        tx.summary = zh.summaryReplySent(id);
        return;
      }
      if (outcome.sent) {
        item.status = 'sent';
        item.sentAt = stamp(meta);
        item.lastError = null;
        // the group has it: keep the record, not the text, so the document does not grow with every push
        item.body = '';
      } else {
        item.lastError = outcome.error;
        item.status = outcome.final ? 'failed' : 'pending';
      }
      tx.put('outbox', item);
      tx.summary = zh.summaryPushStatus(id, item.status);
    });
  }

  /**
   * Writes the parts of one reply to the outbox, in one change. Replies are numbered so they keep
   * the order members wrote in; a sent reply is deleted, a failed one goes with the pushes after 30 days.
   */
  enqueueReply(
    meta: ChangeMeta,
    reply: {
      platform: string;
      chatId: string;
      parts: Array<{ title: string; body: string; route: ReplyRoute; atUserIds?: string[]; image?: boolean }>;
    },
  ): OutboxItem[] {
    return this.bookkeep(meta, (tx) => {
      const runId = `reply-${String(tx.next('reply')).padStart(9, '0')}`;
      const items = reply.parts.map(
        (part, order): OutboxItem => ({
          id: `${runId}#${String(order).padStart(4, '0')}`,
          runId,
          platform: reply.platform,
          chatId: reply.chatId,
          order,
          title: part.title,
          body: part.body,
          image: part.image ?? false,
          status: 'pending',
          attempts: 0,
          lastError: null,
          createdAt: stamp(meta),
          sentAt: null,
          reply: part.route,
          ...(part.atUserIds?.length ? { atUserIds: part.atUserIds } : {}),
        }),
      );
      for (const item of items) tx.put('outbox', item);
      tx.summary = zh.summaryRepliesQueued(runId, items.length);
      return items;
    });
  }

  /**
   * Replaces pending confirmations with merged messages, in one change: each confirmation is then in
   * exactly one message whatever happens next. The merged messages take the oldest one's place.
   */
  mergeReplies(
    meta: ChangeMeta,
    ids: string[],
    merged: Array<{ title: string; body: string; route: ReplyRoute }>,
  ): void {
    this.bookkeep(meta, (tx) => {
      const replaced = ids.map((id) => tx.get('outbox', id));
      const first = replaced[0];
      if (!first || replaced.some((i) => i?.status !== 'pending' || !i.reply)) return;
      for (const id of ids) tx.delete('outbox', id);
      const batch = String(tx.next('reply-merge')).padStart(9, '0');
      merged.forEach((part, order) => {
        tx.put('outbox', {
          ...first,
          id: `${first.runId}#m${batch}-${String(order).padStart(4, '0')}`,
          order,
          title: part.title,
          body: part.body,
          attempts: 0,
          lastError: null,
          reply: part.route,
        });
      });
      tx.summary = zh.summaryRepliesMerged(ids.length, merged.length);
    });
  }

  /**
   * Forgets the answer addresses that expire before `deadline`: those replies go to the group
   * instead, and a single chat's reply that has nowhere left to go fails. Returns the failed ones.
   */
  expireReplyUrls(
    meta: ChangeMeta,
    deadline: Date,
    error: string,
    only: (item: Readonly<OutboxItem>) => boolean = () => true,
  ): OutboxItem[] {
    return this.bookkeep(meta, (tx) => {
      const failed: OutboxItem[] = [];
      for (const live of tx.find<'outbox'>('outboxByStatus', 'pending')) {
        if (!only(live) || !replyUrlDead(live, deadline)) continue;
        const route = live.reply as NonNullable<OutboxItem['reply']>;
        const item = structuredClone(live);
        item.reply = { ...route, url: null, urlExpiresAt: null };
        if (!route.groupFallback) {
          item.status = 'failed';
          item.lastError = error;
          failed.push(structuredClone(item));
        }
        tx.put('outbox', item);
      }
      tx.summary = zh.summaryReplyUrlsExpired(failed.length);
      return failed;
    });
  }

  /** A reply whose own answer address was refused: it goes to the group from now on, or fails. */
  dropReplyUrl(meta: ChangeMeta, id: string, error: string): void {
    this.bookkeep(meta, (tx) => {
      const item = tx.get('outbox', id);
      if (!item?.reply) return;
      item.reply = { ...item.reply, url: null, urlExpiresAt: null };
      item.attempts += 1;
      item.lastError = error;
      item.status = item.reply.groupFallback ? 'pending' : 'failed';
      tx.put('outbox', item);
      tx.summary = zh.summaryReplyToGroup(id);
    });
  }

  /**
   * Items that were being sent when the process died may or may not have reached the group: they are
   * not sent again (that could be twice) but marked `unknown` for the admins to check.
   */
  markInterrupted(meta: ChangeMeta): OutboxItem[] {
    return this.bookkeep(meta, (tx) => {
      const interrupted = tx.find<'outbox'>('outboxByStatus', 'sending');
      for (const i of interrupted) {
        tx.put('outbox', {
          ...structuredClone(i),
          status: 'unknown',
          lastError: zh.sendInterrupted,
        });
      }
      tx.summary = zh.summaryInterrupted(interrupted.length);
      return interrupted.map((i) => structuredClone(i));
    });
  }
}

type NewPushRun = Omit<PushRun, 'createdAt' | 'deliveries' | 'writing'>;
type NewPushItem = Omit<
  OutboxItem,
  'id' | 'runId' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'reply'
>;

/** The key of the chat an item goes to: what the outbox worker runs one loop for. */
export function outboxDestination(item: { platform: string; chatId: string }): string {
  return `${item.platform}:${item.chatId}`;
}

const SETTLED = ['sent', 'failed', 'unknown'] as const;

function openRun(tx: Tx, meta: ChangeMeta, run: NewPushRun & { writing?: boolean }): PushRun {
  // the document stays small: settled messages go after 30 days, run records after 400
  const now = meta.at.getTime();
  for (const status of SETTLED) {
    for (const old of tx.find<'outbox'>('outboxByStatus', status)) {
      if (now - Date.parse(old.createdAt) > 30 * 86_400_000) tx.delete('outbox', old.id);
    }
  }
  for (const old of tx.list('pushRuns')) {
    if (now - Date.parse(old.createdAt) > 400 * 86_400_000) tx.delete('pushRuns', old.id);
  }
  const created: PushRun = { writing: false, ...run, createdAt: stamp(meta), deliveries: 0 };
  tx.put('pushRuns', created);
  return created;
}

/**
 * Numbers the items on from the run's count, so a run written in several changes numbers them once.
 * A group that has messages of the run already gets none: a second writer of the run (a new leader
 * finishing what a dead one began, or a change made again after another instance's) adds nothing twice.
 */
function addItems(tx: Tx, meta: ChangeMeta, run: PushRun, items: NewPushItem[]): void {
  const written = new Set(tx.find<'outbox'>('outboxByRun', run.id).map(outboxDestination));
  const fresh = items.filter((item) => !written.has(outboxDestination(item)));
  fresh.forEach((item, i) => {
    tx.put('outbox', {
      ...item,
      id: `${run.id}#${String(run.deliveries + i).padStart(4, '0')}`,
      runId: run.id,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: stamp(meta),
      sentAt: null,
      reply: null,
    });
  });
  run.deliveries += fresh.length;
  tx.put('pushRuns', run);
}

/** A pending reply whose own address has expired by `deadline`, or that has neither address nor group. */
export function replyUrlDead(item: Readonly<OutboxItem>, deadline: Date): boolean {
  const route = item.reply;
  if (!route) return false;
  if (route.url === null) return !route.groupFallback;
  return Date.parse(route.urlExpiresAt ?? '') <= deadline.getTime();
}
