import { randomBytes } from 'node:crypto';
import { z } from 'zod';

// https://developer.work.weixin.qq.com/document/path/101463 (智能机器人长连接). The frame shapes below
// follow the official @wecom/aibot-node-sdk (WsConnectionManager): every frame is JSON
// `{ cmd, headers: { req_id }, body }`; WeCom answers a request with `{ headers: { req_id }, errcode, errmsg }`.

export const LONGCONN_DEFAULT_URL = 'wss://openws.work.weixin.qq.com';
/** The SDK's default heartbeat; the connection is dead after two pings without an answer. */
export const HEARTBEAT_MS = 30_000;
export const MAX_MISSED_PINGS = 2;
/** The SDK waits this long for the answer to a reply frame. */
export const REPLY_ACK_TIMEOUT_MS = 5_000;

export const CMD = {
  subscribe: 'aibot_subscribe',
  ping: 'ping',
  respond: 'aibot_respond_msg',
  messageCallback: 'aibot_msg_callback',
  eventCallback: 'aibot_event_callback',
} as const;

export interface OutgoingFrame {
  cmd: string;
  headers: { req_id: string };
  body?: unknown;
}

/** Our own request ids carry their command as prefix, as the SDK's do, so an answer says what it answers. */
export function requestId(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

/** The first frame on a new socket; it carries the secret, so it is never logged. */
export function subscribeFrame(botId: string, secret: string): OutgoingFrame {
  return {
    cmd: CMD.subscribe,
    headers: { req_id: requestId(CMD.subscribe) },
    body: { bot_id: botId, secret },
  };
}

export function pingFrame(): OutgoingFrame {
  return { cmd: CMD.ping, headers: { req_id: requestId(CMD.ping) } };
}

/** A finished stream answer to the callback that carried `reqId` (content is markdown_v2, ≤ 20,480 bytes). */
export function streamReplyFrame(reqId: string, content: string): OutgoingFrame {
  return {
    cmd: CMD.respond,
    headers: { req_id: reqId },
    body: { msgtype: 'stream', stream: { id: randomBytes(8).toString('hex'), finish: true, content } },
  };
}

const incomingSchema = z.object({
  cmd: z.string().optional(),
  headers: z.object({ req_id: z.string() }).partial().optional(),
  body: z.unknown().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

export type IncomingFrame =
  | { kind: 'message'; reqId: string; body: unknown }
  | { kind: 'event'; reqId: string; eventType: string | null }
  /** WeCom's answer to one of our requests; errcode is null when the answer carries none. */
  | { kind: 'answer'; reqId: string; errcode: number | null; errmsg: string }
  | { kind: 'unknown' };

/** Reads one text frame from WeCom; anything that is not one of the known shapes is `unknown`. */
export function readFrame(text: string): IncomingFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unknown' };
  }
  const parsed = incomingSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unknown' };
  const frame = parsed.data;
  const reqId = frame.headers?.req_id ?? '';
  if (frame.cmd === CMD.messageCallback) return { kind: 'message', reqId, body: frame.body };
  if (frame.cmd === CMD.eventCallback) {
    const event = (frame.body as { event?: { eventtype?: unknown } } | undefined)?.event;
    return { kind: 'event', reqId, eventType: typeof event?.eventtype === 'string' ? event.eventtype : null };
  }
  // the SDK matches answers by req_id alone, whatever their cmd (some clients report a `pong` cmd)
  if (reqId) return { kind: 'answer', reqId, errcode: frame.errcode ?? null, errmsg: frame.errmsg ?? '' };
  return { kind: 'unknown' };
}

/** Sent when another connection with the same bot took over: WeCom closes this one, and reconnecting would fight it. */
export const EVENT_DISCONNECTED = 'disconnected_event';
