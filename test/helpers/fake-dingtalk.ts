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
}

/**
 * A stand-in for api.dingtalk.com and oapi.dingtalk.com on 127.0.0.1: records sessionWebhook replies,
 * OpenAPI group sends and custom-robot sends, checks their tokens and signatures, answers scripted
 * errcodes, and runs a Stream gateway with a WebSocket endpoint.
 */
export async function fakeDingtalk(options: {
  appKey: string;
  appSecret: string;
  robots: Record<string, string>;
}) {
  const sent: Sent[] = [];
  const attempts: Sent[] = [];
  const refused: string[] = [];
  const scripted = new Map<string, number[]>();
  let tokensIssued = 0;
  let gatewayCalls = 0;
  const gatewayCallTimes: number[] = [];
  let refuseSockets = false;
  const acks: Array<{ messageId: string; data: string }> = [];
  const sockets: WebSocket[] = [];
  const app = express();
  app.use(express.json());

  const answer = (target: string) => scripted.get(target)?.shift() ?? 0;
  const record = (s: Sent, errcode: number) => {
    attempts.push(s);
    if (errcode === 0) sent.push(s);
  };

  app.post('/robot/sendBySession', (req, res) => {
    const s: Sent = { via: 'session', target: String(req.query.session), ...req.body.markdown };
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
    const s: Sent = { via: 'custom', target: token, ...req.body.markdown };
    const errcode = answer(token);
    record(s, errcode);
    res.json({ errcode, errmsg: errcode ? 'scripted' : 'ok' });
  });
  app.post('/v1.0/oauth2/accessToken', (req, res) => {
    if (req.body.appKey !== options.appKey || req.body.appSecret !== options.appSecret) {
      res.status(400).json({ code: 'invalidClientIdOrSecret', message: 'bad key' });
      return;
    }
    tokensIssued++;
    res.json({ accessToken: `token-${tokensIssued}`, expireIn: 7200 });
  });
  app.post('/v1.0/robot/groupMessages/send', (req, res) => {
    if (!String(req.get('x-acs-dingtalk-access-token') ?? '').startsWith('token-')) {
      refused.push('openapi:token');
      res.status(401).json({ code: 'InvalidAuthentication', message: 'token invalid' });
      return;
    }
    const param = JSON.parse(req.body.msgParam);
    const s: Sent = {
      via: 'openapi',
      target: req.body.openConversationId,
      title: param.title,
      text: param.text,
    };
    const status = answer(s.target);
    attempts.push(s);
    if (status === 0) {
      sent.push(s);
      res.json({ processQueryKey: 'q' });
    } else res.status(status).json({ code: status === 429 ? 'Throttling' : 'Scripted', message: 'scripted' });
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
