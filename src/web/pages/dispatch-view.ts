import { PUSH_KINDS, type PushKind, type PushRun } from '../../../storage/schema.ts';
import type { Store } from '../../../storage/store.ts';
import type { Reply } from '../../core/reply.ts';
import { PUSH_NAMES } from '../../domain/push-kinds.ts';
import { visibleTo } from '../../domain/visibility.ts';
import { mentionPreview, pushContent } from '../../push/push-content.ts';
import { heroListReply } from '../../race/hero-view.ts';
import { negotiationsDueReply, signedNotStartedReply } from '../../race/lists-view.ts';
import { raceView } from '../../race/race-context.ts';
import { zh } from '../../text/zh.ts';
import type { PageViewer } from './projects-view.ts';

/** Push runs shown on the page: the latest few, as 推送状态 lists them in chat. */
const RUNS_SHOWN = 20;

export interface PushRunRow {
  kind: string;
  /** When it was due (Shanghai), to the minute. */
  slot: string;
  trigger: string;
  status: string;
  sent: number;
  failed: number;
  pending: number;
  unknown: number;
}

export interface PushPreview {
  kind: PushKind;
  label: string;
  replies: Reply[];
  /** The five-colour picture's title, when the push sends one. */
  picture: string | null;
}

export interface DispatchPage {
  notStarted: Reply;
  negotiations: Reply;
  heroes: Reply;
  /** For admins only: null for everyone else. */
  pushes: {
    runs: PushRunRow[];
    kinds: Array<{ kind: PushKind; label: string; href: string; current: boolean }>;
    preview: PushPreview | null;
  } | null;
}

function triggerText(run: PushRun): string {
  const how =
    run.trigger === 'manual'
      ? zh.dispatchPushManual
      : run.trigger === 'catch-up'
        ? zh.dispatchPushCatchUp
        : zh.dispatchPushScheduled;
  return run.late ? `${how}${zh.dispatchPushLate}` : how;
}

function runRow(store: Store, run: PushRun): PushRunRow {
  const items = store.outboxOfRun(run.id);
  const count = (...statuses: string[]) => items.filter((i) => statuses.includes(i.status)).length;
  const pending = count('pending', 'sending');
  const failed = count('failed');
  const status = run.writing
    ? zh.dispatchPushWriting
    : pending > 0
      ? zh.dispatchPushSending
      : failed > 0
        ? zh.dispatchPushFailedSome
        : zh.dispatchPushDone;
  return {
    kind: PUSH_NAMES[run.kind],
    slot: run.slot.slice(0, 16).replace('T', ' '),
    trigger: triggerText(run),
    status,
    sent: count('sent'),
    failed,
    pending,
    unknown: count('unknown'),
  };
}

/** What a district group would be sent for this kind now: 推送预览's content, nothing sent or written. */
function preview(store: Store, kind: PushKind, now: Date): PushPreview {
  const content = pushContent(kind, raceView(store, now), { kind: 'district' });
  const [first, ...rest] = content.replies;
  const replies =
    first && content.mention
      ? [{ ...first, lines: [...first.lines, mentionPreview(content.mention)] }, ...rest]
      : content.replies;
  return { kind, label: PUSH_NAMES[kind], replies, picture: content.picture?.title ?? null };
}

export function parsePushKind(raw: unknown): PushKind | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && (PUSH_KINDS as readonly string[]).includes(v) ? (v as PushKind) : null;
}

/**
 * The 调度 page: chat's 签约未开工 and 在谈超期 lists by the viewer's rule of who sees what, the
 * 英雄榜, and for admins the push runs with their status and a preview of one kind.
 */
export function dispatchPage(
  store: Store,
  viewer: PageViewer,
  now: Date,
  options: { preview?: PushKind | null; base?: string } = {},
): DispatchPage {
  const view = raceView(store, now);
  const canRead = visibleTo(store, viewer);
  const base = options.base ?? '/web/dispatch';
  const chosen = options.preview ?? null;
  return {
    notStarted: signedNotStartedReply(view, canRead),
    negotiations: negotiationsDueReply(view, canRead),
    heroes: heroListReply(store, now),
    pushes:
      viewer.role === 'admin'
        ? {
            runs: store
              .pushRuns()
              .slice(0, RUNS_SHOWN)
              .map((run) => runRow(store, run)),
            kinds: PUSH_KINDS.map((kind) => ({
              kind,
              label: PUSH_NAMES[kind],
              href: `${base}?preview=${kind}#pushes`,
              current: kind === chosen,
            })),
            preview: chosen ? preview(store, chosen, now) : null,
          }
        : null,
  };
}
