import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Frame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: Record<string, unknown>;
}

/**
 * A stand-in for wss://openws.work.weixin.qq.com on 127.0.0.1, answering as the official
 * @wecom/aibot-node-sdk expects (document 101463): `aibot_subscribe` with the right bot id and
 * secret is answered `errcode 0` (else a refusal), each `ping` and `aibot_respond_msg` is answered
 * with its req_id, and `push` sends an `aibot_msg_callback` to the subscribed connection.
 */
export async function fakeWecomLongconn(options: { botId: string; secret: string }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  const subscribed = new Set<WebSocket>();
  const connectedAt: number[] = [];
  const subscribes: Frame[] = [];
  const pings: Frame[] = [];
  const replies: Frame[] = [];
  let dropOnConnect = false;
  let answerPings = true;
  const replyErrcodes: number[] = [];

  const answer = (ws: WebSocket, reqId: string, errcode: number, errmsg: string) =>
    ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));

  server.on('connection', (ws) => {
    connectedAt.push(Date.now());
    if (dropOnConnect) {
      ws.terminate();
      return;
    }
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      subscribed.delete(ws);
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const reqId = frame.headers?.req_id ?? '';
      if (frame.cmd === 'aibot_subscribe') {
        subscribes.push(frame);
        const ok = frame.body?.bot_id === options.botId && frame.body?.secret === options.secret;
        if (ok) subscribed.add(ws);
        answer(ws, reqId, ok ? 0 : 40058, ok ? 'ok' : 'invalid bot_id or secret');
      } else if (frame.cmd === 'ping') {
        pings.push(frame);
        if (answerPings) answer(ws, reqId, 0, 'ok');
      } else if (frame.cmd === 'aibot_respond_msg') {
        const errcode = replyErrcodes.shift() ?? 0;
        if (errcode === 0) replies.push(frame);
        answer(ws, reqId, errcode, errcode ? 'scripted' : 'ok');
      }
    });
  });

  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    connectedAt,
    subscribes,
    pings,
    /** Accepted `aibot_respond_msg` frames, in order. */
    replies,
    /** The markdown of the n-th accepted answer. */
    replyContent: (n: number) =>
      (replies[n]?.body?.stream as { content?: string } | undefined)?.content ?? '',
    /** Subscribed connections open now. */
    subscribed: () => subscribed.size,
    /** Sends a message callback, as WeCom does for a member's message, on every subscribed connection. */
    push(reqId: string, body: Record<string, unknown>) {
      for (const ws of subscribed)
        ws.send(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body }));
    },
    event(reqId: string, eventtype: string) {
      for (const ws of subscribed)
        ws.send(
          JSON.stringify({
            cmd: 'aibot_event_callback',
            headers: { req_id: reqId },
            body: { msgid: reqId, msgtype: 'event', event: { eventtype } },
          }),
        );
    },
    /** The next reply frames are answered with these errcodes. */
    refuseReplies(...errcodes: number[]) {
      replyErrcodes.push(...errcodes);
    },
    stopAnsweringPings() {
      answerPings = false;
    },
    /** Closes every open connection; with `andKeepDropping`, each new one too, as soon as it opens. */
    drop(andKeepDropping = false) {
      dropOnConnect = andKeepDropping;
      for (const ws of sockets) ws.terminate();
    },
    acceptAgain() {
      dropOnConnect = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of server.clients) ws.terminate();
        server.close(() => resolve());
      }),
  };
}

/** A member's text message as the long connection carries it (the AI bot's JSON, without response_url). */
export function longconnMessage(fields: { msgid: string; userid: string; content: string; chatid?: string }) {
  return {
    msgid: fields.msgid,
    aibotid: 'AIBOTID',
    ...(fields.chatid ? { chatid: fields.chatid, chattype: 'group' } : { chattype: 'single' }),
    from: { userid: fields.userid },
    msgtype: 'text',
    text: { content: fields.content },
  };
}
