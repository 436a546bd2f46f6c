import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { type WebSocket, WebSocketServer } from 'ws';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';

export interface Sent {
  via: 'session' | 'openapi' | 'custom';
  target: string;
  title: string;
  text: string;
  /** `at.atUserIds` of a robot message. */
  atUserIds?: string[];
  /** OpenAPI sends: the message template, and a sampleImageMsg's picture. */
  msgKey?: string;
  photoURL?: string;
}

/** A custom robot that sends more than 20 in a minute is throttled for 10 minutes (errcode 130101). */
const ROBOT_PER_MINUTE = 20;
const ROBOT_THROTTLE_MS = 10 * 60_000;

/**
 * A stand-in for api.dingtalk.com and oapi.dingtalk.com on 127.0.0.1: records sessionWebhook replies,
 * OpenAPI group sends and custom-robot sends, checks their tokens and signatures, answers scripted
 * errcodes, and runs a Stream gateway with a WebSocket endpoint.
 */
export async function fakeDingtalk(options: {
  appKey: string;
  appSecret: string;
  robots: Record<string, string>;
  /** The fake's clock for robot throttles (a test's virtual time); the real one otherwise. */
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const sent: Sent[] = [];
  const attempts: Sent[] = [];
  const refused: string[] = [];
  const scripted = new Map<string, number[]>();
  let tokensIssued = 0;
  const validTokens = new Set<string>();
  const uploads: Array<{ token: string; bytes: number; png: boolean }> = [];
  const robotSends = new Map<string, number[]>();
  const throttledUntil = new Map<string, number>();
  let gatewayCalls = 0;
  const gatewayCallTimes: number[] = [];
  let refuseSockets = false;
  const acks: Array<{ messageId: string; data: string }> = [];
  const sockets: WebSocket[] = [];
  const app = express();
  app.use(express.json());

  const answer = (target: string) => scripted.get(target)?.shift() ?? 0;
  /** 130101 while the robot is throttled; the 21st send in a minute starts a 10-minute throttle. */
  const robotLimit = (token: string): number => {
    const t = now();
    if ((throttledUntil.get(token) ?? 0) > t) return 130101;
    const recent = (robotSends.get(token) ?? []).filter((at) => at > t - 60_000);
    if (recent.length >= ROBOT_PER_MINUTE) {
      throttledUntil.set(token, t + ROBOT_THROTTLE_MS);
      return 130101;
    }
    robotSends.set(token, [...recent, t]);
    return 0;
  };
  const robotSent = (via: Sent['via'], target: string, body: Record<string, unknown>): Sent => ({
    via,
    target,
    ...(body.markdown as { title: string; text: string }),
    ...((body.at as { atUserIds?: string[] })?.atUserIds
      ? { atUserIds: (body.at as { atUserIds: string[] }).atUserIds }
      : {}),
  });
  const record = (s: Sent, errcode: number) => {
    attempts.push(s);
    if (errcode === 0) sent.push(s);
  };

  app.post('/robot/sendBySession', (req, res) => {
    const s = robotSent('session', String(req.query.session), req.body);
    const errcode = answer(s.target);
    record(s, errcode);
    res.json({ errcode, errmsg: errcode ? 'scripted' : 'ok' });
  });
  app.post('/robot/send', (req, res) => {
    const token = String(req.query.access_token);
    const secret = options.robots[token];
    const timestamp = String(req.query.timestamp);
    if (!secret || req.query.sign !== dingtalkSign(timestamp, secret)) {
      refused.push(`custom:${token}`);
      res.json({ errcode: 310000, errmsg: 'sign not match' });
      return;
    }
    const s = robotSent('custom', token, req.body);
    const errcode = answer(token) || robotLimit(token);
    // a 130101 starts DingTalk's 10-minute throttle, scripted or not
    if (errcode === 130101 && (throttledUntil.get(token) ?? 0) <= now())
      throttledUntil.set(token, now() + ROBOT_THROTTLE_MS);
    record(s, errcode);
    res.json({ errcode, errmsg: errcode ? 'scripted' : 'ok' });
  });
  app.post('/v1.0/oauth2/accessToken', (req, res) => {
    if (req.body.appKey !== options.appKey || req.body.appSecret !== options.appSecret) {
      res.status(400).json({ code: 'invalidClientIdOrSecret', message: 'bad key' });
      return;
    }
    tokensIssued++;
    validTokens.add(`token-${tokensIssued}`);
    res.json({ accessToken: `token-${tokensIssued}`, expireIn: 7200 });
  });
  app.post('/v1.0/robot/groupMessages/send', (req, res) => {
    if (!validTokens.has(String(req.get('x-acs-dingtalk-access-token') ?? ''))) {
      refused.push('openapi:token');
      // what api.dingtalk.com answers an unknown or expired token
      res.status(400).json({
        code: 'InvalidAuthentication',
        requestid: '30EE8654-1AA2-7D88-8248-9518547248AA',
        message: '不合法的access_token',
      });
      return;
    }
    const param = JSON.parse(req.body.msgParam);
    const s: Sent = {
      via: 'openapi',
      target: req.body.openConversationId,
      title: param.title,
      text: param.text,
      msgKey: req.body.msgKey,
      ...(param.photoURL ? { photoURL: param.photoURL } : {}),
    };
    const status = answer(s.target);
    attempts.push(s);
    if (status === 0) {
      sent.push(s);
      res.json({ processQueryKey: 'q' });
    } else res.status(status).json({ code: status === 429 ? 'Throttling' : 'Scripted', message: 'scripted' });
  });
  // oapi media/upload: multipart with the file in the field `media`; the old host answers errcodes with HTTP 200
  app.post('/media/upload', express.raw({ type: 'multipart/form-data', limit: '10mb' }), (req, res) => {
    const token = String(req.query.access_token);
    if (!validTokens.has(token)) {
      refused.push('oapi:token');
      res.json({ errcode: 40014, errmsg: '不合法的access_token' });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (req.query.type !== 'image' || !body.includes('name="media"')) {
      res.json({ errcode: 40005, errmsg: '不合法的文件类型' });
      return;
    }
    uploads.push({ token, bytes: body.length, png: body.includes(Buffer.from('\x89PNG', 'latin1')) });
    res.json({
      errcode: 0,
      errmsg: 'ok',
      type: 'image',
      media_id: `@lADPmedia${uploads.length}`,
      created_at: now(),
    });
  });
  app.post('/v1.0/gateway/connections/open', (req, res) => {
    gatewayCalls++;
    gatewayCallTimes.push(Date.now());
    if (req.body.clientId !== options.appKey || req.body.clientSecret !== options.appSecret) {
      res.status(400).json({ code: 'bad' });
      return;
    }
    // a refused socket: the WebSocket server answers any other path with HTTP 400
    const path = refuseSockets ? '/refused' : '/stream';
    res.json({ endpoint: `ws://127.0.0.1:${port}${path}`, ticket: `ticket-${gatewayCalls}` });
  });

  const server = createServer(app);
  const wss = new WebSocketServer({ server, path: '/stream' });
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.headers?.messageId) acks.push({ messageId: frame.headers.messageId, data: frame.data });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    sent,
    attempts,
    refused,
    acks,
    tokensIssued: () => tokensIssued,
    uploads,
    /** DingTalk forgets every token issued so far (as when it expires early or the app is reset). */
    revokeTokens() {
      validTokens.clear();
    },
    gatewayCalls: () => gatewayCalls,
    /** When each gateway call arrived, by `Date.now()` (a test's fake clock, if it set one). */
    gatewayCallTimes,
    /** The gateway keeps answering but every WebSocket handshake is refused. */
    refuseSockets(on = true) {
      refuseSockets = on;
    },
    connected: () => sockets.filter((s) => s.readyState === s.OPEN).length,
    answer(target: string, ...codes: number[]) {
      scripted.set(target, [...(scripted.get(target) ?? []), ...codes]);
    },
    /** Pushes a robot message down every open Stream connection, as DingTalk does. */
    pushRobotMessage(messageId: string, body: object) {
      const frame = {
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: {
          appId: 'app',
          connectionId: 'c',
          contentType: 'application/json',
          messageId,
          time: '1',
          topic: '/v1.0/im/bot/messages/get',
        },
        data: JSON.stringify(body),
      };
      for (const s of sockets) if (s.readyState === s.OPEN) s.send(JSON.stringify(frame));
    },
    dropConnections() {
      for (const s of sockets) s.terminate();
    },
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function robotMessage(fields: {
  msgId: string;
  staffId: string;
  content: string;
  conversationId?: string;
  group?: boolean;
  sessionWebhook?: string;
  expiresAt?: number;
}) {
  return {
    conversationId: fields.conversationId ?? 'cidGROUP01==',
    chatbotCorpId: 'dingabcdef0123456789',
    msgId: fields.msgId,
    senderNick: '李四',
    isAdmin: false,
    senderStaffId: fields.staffId,
    sessionWebhookExpiredTime: fields.expiresAt ?? Date.now() + 5_400_000,
    createAt: Date.now(),
    conversationType: fields.group === false ? '1' : '2',
    senderId: '$:LWCP_v1:$sender==',
    conversationTitle: '招商局工作群',
    isInAtList: true,
    sessionWebhook: fields.sessionWebhook ?? 'http://unset',
    text: { content: ` ${fields.content}` },
    robotCode: 'dingrobot',
    msgtype: 'text',
  };
}
