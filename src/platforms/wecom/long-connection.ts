import WebSocket from 'ws';
import type { Logger } from '../../core/logger.ts';
import {
  CMD,
  EVENT_DISCONNECTED,
  HEARTBEAT_MS,
  MAX_MISSED_PINGS,
  pingFrame,
  REPLY_ACK_TIMEOUT_MS,
  readFrame,
  streamReplyFrame,
  subscribeFrame,
} from './long-connection-frames.ts';

/** Answers the callback that carried the message; resolves true once WeCom accepted the answer. */
export type Answer = (content: string) => Promise<boolean>;

export interface LongConnectionDeps {
  url: string;
  botId: string;
  secret: string;
  logger: Logger;
  /** Handles one `aibot_msg_callback` body; `answer` replies over the same connection. */
  onMessage: (body: unknown, answer: Answer) => Promise<unknown>;
  heartbeatMs?: number;
  /** Reconnect waits double from `firstMs` up to `maxMs`, each shortened by up to a quarter at random. */
  backoff?: { firstMs: number; maxMs: number };
  authTimeoutMs?: number;
  random?: () => number;
}

export interface LongConnection {
  /** True while subscribed: WeCom sends messages on this connection. */
  authenticated(): boolean;
  close(): void;
}

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
const AUTH_TIMEOUT_MS = 10_000;

/** The wait before reconnect attempt `attempt` (1, 2, …): doubling up to the cap, less up to a quarter at random so many bots do not retry in step. */
export function reconnectDelayMs(
  attempt: number,
  backoff: { firstMs: number; maxMs: number },
  random: number,
): number {
  const cap = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (attempt - 1));
  return Math.round(cap * (0.75 + 0.25 * random));
}

/**
 * The AI bot's long connection (WeCom's counterpart of DingTalk Stream): one outbound WebSocket,
 * subscribed with the bot id and secret, kept alive by pings, and reopened by a single backing-off
 * loop (1 s → 60 s with jitter) whenever it closes, for whatever reason.
 */
export function startLongConnection(deps: LongConnectionDeps): LongConnection {
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
  const backoff = deps.backoff ?? { firstMs: FIRST_BACKOFF_MS, maxMs: MAX_BACKOFF_MS };
  const random = deps.random ?? Math.random;
  const log = deps.logger;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  let current: WebSocket | null = null;
  let subscribed = false;

  const schedule = () => {
    if (closed || retry) return;
    failures++;
    const wait = reconnectDelayMs(failures, backoff, random());
    log.warn('wecom_longconn_retry', { inMs: wait, attempt: failures });
    retry = setTimeout(connect, wait);
    retry.unref();
  };

  function connect(): void {
    retry = null;
    if (closed) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(deps.url, { handshakeTimeout: AUTH_TIMEOUT_MS });
    } catch (e) {
      log.warn('wecom_longconn_error', { error: (e as Error).message });
      schedule();
      return;
    }
    current = socket;
    const waiting = new Map<string, (accepted: boolean) => void>();
    let heartbeat: NodeJS.Timeout | null = null;
    let missed = 0;
    let authedAt: number | null = null;
    const authTimer = setTimeout(() => {
      log.warn('wecom_longconn_auth_timeout', {});
      socket.terminate();
    }, deps.authTimeoutMs ?? AUTH_TIMEOUT_MS);
    authTimer.unref();

    const send = (frame: object) => {
      if (socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    };

    const answerTo =
      (reqId: string): Answer =>
      (content) =>
        new Promise((resolve) => {
          if (waiting.has(reqId) || !send(streamReplyFrame(reqId, content))) {
            resolve(false);
            return;
          }
          const timer = setTimeout(() => settle(false), REPLY_ACK_TIMEOUT_MS);
          timer.unref();
          function settle(accepted: boolean) {
            clearTimeout(timer);
            waiting.delete(reqId);
            resolve(accepted);
          }
          waiting.set(reqId, settle);
        });

    socket.on('open', () => {
      // the subscribe frame carries the secret: it is sent, never logged
      send(subscribeFrame(deps.botId, deps.secret));
    });

    socket.on('message', (data: WebSocket.RawData) => {
      const frame = readFrame(data.toString());
      if (frame.kind === 'answer') {
        if (frame.reqId.startsWith(CMD.subscribe)) {
          clearTimeout(authTimer);
          if (frame.errcode !== 0) {
            log.error('wecom_longconn_auth_refused', { errcode: frame.errcode, errmsg: frame.errmsg });
            socket.terminate();
            return;
          }
          authedAt = Date.now();
          subscribed = true;
          log.info('wecom_longconn_connected', {});
          heartbeat = setInterval(() => {
            if (missed >= MAX_MISSED_PINGS) {
              log.warn('wecom_longconn_heartbeat_lost', { missed });
              socket.terminate();
              return;
            }
            missed++;
            send(pingFrame());
          }, heartbeatMs);
          heartbeat.unref();
          return;
        }
        if (frame.reqId.startsWith(CMD.ping)) {
          missed = 0;
          return;
        }
        const settle = waiting.get(frame.reqId);
        if (settle) {
          if (frame.errcode !== 0) {
            log.warn('wecom_longconn_reply_refused', { errcode: frame.errcode, errmsg: frame.errmsg });
          }
          settle(frame.errcode === 0);
        }
        return;
      }
      if (frame.kind === 'message') {
        void deps
          .onMessage(frame.body, answerTo(frame.reqId))
          .catch((e: unknown) => log.error('wecom_longconn_handler_failed', { error: String(e) }));
        return;
      }
      if (frame.kind === 'event' && frame.eventType === EVENT_DISCONNECTED) {
        // another process connected with this bot: reconnecting would push it off in turn, forever
        log.error('wecom_longconn_replaced', {});
        closed = true;
        socket.terminate();
      }
    });

    socket.on('error', (e: Error) => log.warn('wecom_longconn_error', { error: e.message }));

    socket.on('close', () => {
      clearTimeout(authTimer);
      if (heartbeat) clearInterval(heartbeat);
      for (const settle of [...waiting.values()]) settle(false);
      if (current === socket) {
        current = null;
        subscribed = false;
      }
      // a connection that stayed up longer than the longest wait was healthy: start again from the shortest
      if (authedAt !== null && Date.now() - authedAt >= backoff.maxMs) failures = 0;
      schedule();
    });
  }

  connect();
  return {
    authenticated: () => subscribed,
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      current?.terminate();
    },
  };
}
