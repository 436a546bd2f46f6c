import axios from 'axios';
import type { Router } from 'express';
import type { Config } from '../../config.ts';
import type { Bot } from '../../core/bot.ts';
import type { Logger } from '../../core/logger.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import type { ReplyOutbox } from '../../delivery/reply-outbox.ts';
import type { SendOutcome } from '../../push/channels.ts';
import { WecomAppSender } from './app-sender.ts';
import { aesKeyFrom } from './crypto.ts';
import { wecomRouter } from './receiver.ts';
import { postToResponseUrl } from './response-url.ts';
import { WecomWebhookSender } from './webhook-sender.ts';

export interface WecomPlatform {
  router: Router;
  sender: WecomWebhookSender;
  webhookKeyFor(chatId: string): string | null;
  /** Answers a message late through its response_url (used by the outbox worker). */
  respond(url: string, content: string): Promise<SendOutcome>;
  /** The self-built app's message-send API, when its secret and agent id are configured. */
  appSender: WecomAppSender | null;
}

/** WeCom is on when its token and key are configured; everything else has a default. */
export function wecomFromConfig(
  config: Config,
  deps: {
    bot: Bot;
    logger: Logger;
    status: DeliveryStatus;
    replies: ReplyOutbox;
    replyDeadlineMs?: number;
    pictureFor?: (picture: { title: string; asOf: string }) => Promise<Buffer>;
  },
): WecomPlatform | null {
  if (!config.WECOM_TOKEN || !config.WECOM_ENCODING_AES_KEY) return null;
  const http = axios.create({ proxy: false });
  const sender = new WecomWebhookSender({
    apiBase: config.WECOM_API_BASE,
    http,
    logger: deps.logger,
    status: deps.status,
  });
  const appSender =
    config.WECOM_CORP_ID && config.WECOM_APP_SECRET && config.WECOM_AGENT_ID
      ? new WecomAppSender({
          apiBase: config.WECOM_API_BASE,
          corpId: config.WECOM_CORP_ID,
          secret: config.WECOM_APP_SECRET,
          agentId: Number(config.WECOM_AGENT_ID),
          http,
        })
      : null;
  const webhookKeyFor = (chatId: string) => config.WECOM_WEBHOOK_KEYS.get(chatId) ?? null;
  const router = wecomRouter({
    token: config.WECOM_TOKEN,
    key: aesKeyFrom(config.WECOM_ENCODING_AES_KEY),
    corpId: config.WECOM_CORP_ID,
    apiBase: config.WECOM_API_BASE,
    respond: async (m) => {
      const received = deps.bot.receive(m);
      return received.kind === 'dropped' ? null : received.reply;
    },
    sender,
    webhookKeyFor,
    replies: deps.replies,
    logger: deps.logger,
    replyDeadlineMs: deps.replyDeadlineMs,
    timestampWindowSeconds: config.WECOM_TIMESTAMP_WINDOW_SECONDS,
    pictureFor: deps.pictureFor,
    appCanSend: appSender !== null,
  });
  const apiBase = config.WECOM_API_BASE;
  return {
    router,
    sender,
    webhookKeyFor,
    respond: (url, content) => postToResponseUrl({ http, apiBase }, url, content),
    appSender,
  };
}
