import axios from 'axios';
import type { Config } from '../../config.ts';
import { unlessHandled } from '../answer-once.ts';
import { ownConnection, type Platform, type PlatformDeps, type SendOutcome } from '../platform.ts';
import { wecomAppChannel } from './app-channel.ts';
import { WecomAppSender } from './app-sender.ts';
import { aesKeyFrom } from './crypto.ts';
import { wecomChannel } from './group-channel.ts';
import { type LongConnection, startLongConnection } from './long-connection.ts';
import { longConnectionHandler } from './long-connection-handler.ts';
import { wecomCallbacks } from './receiver.ts';
import { postToResponseUrl } from './response-url.ts';
import { imagePayload, WecomWebhookSender } from './webhook-sender.ts';

export interface WecomPlatform extends Platform {
  mode: Config['WECOM_MODE'];
  sender: WecomWebhookSender;
  webhookKeyFor(chatId: string): string | null;
  /** Answers a message late through its response_url (used by the outbox worker). */
  respond(url: string, content: string): Promise<SendOutcome>;
  /** Opens the AI bot's long connection when the mode asks for it; call after the server listens. */
  startLongConnection(): LongConnection | null;
  /** The self-built app's message-send API, when its secret and agent id are configured. */
  appSender: WecomAppSender | null;
}

/** WeCom is on when its callback token and key, or (for the long connection) its bot id and secret, are configured. */
export function wecomFromConfig(
  config: Config,
  deps: PlatformDeps & {
    replyDeadlineMs?: number;
    pictureFor?: (picture: { title: string; asOf: string }) => Promise<Buffer>;
  },
): WecomPlatform | null {
  const mode = config.WECOM_MODE;
  const callback = mode !== 'longconn' && config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY;
  const bot = mode !== 'callback' && config.WECOM_BOT_ID && config.WECOM_BOT_SECRET;
  if (!callback && !bot) return null;
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
  const callbacks = !callback
    ? []
    : wecomCallbacks({
        token: config.WECOM_TOKEN as string,
        key: aesKeyFrom(config.WECOM_ENCODING_AES_KEY as string),
        corpId: config.WECOM_CORP_ID,
        apiBase: config.WECOM_API_BASE,
        // a redelivery is answered again from the bot's memory: the passive reply is WeCom's only answer
        respond: async (m) => deps.bot.receive(m),
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
  const sendPicture = (
    message: { chatId: string | null },
    reply: { picture?: { title: string; asOf: string } },
  ) => {
    const key = message.chatId ? webhookKeyFor(message.chatId) : null;
    if (!reply.picture || !key || !deps.pictureFor) return;
    void deps
      .pictureFor(reply.picture)
      .then((png) => sender.send(key, [imagePayload(png)]))
      .catch((e: unknown) => deps.logger.error('wecom_picture_failed', { error: String(e) }));
  };
  const respond = (url: string, content: string) => postToResponseUrl({ http, apiBase }, url, content);
  const openLongConnection = () =>
    bot
      ? startLongConnection({
          url: config.WECOM_LONGCONN_URL,
          botId: config.WECOM_BOT_ID as string,
          secret: config.WECOM_BOT_SECRET as string,
          logger: deps.logger,
          onMessage: longConnectionHandler({
            respond: unlessHandled(deps.bot),
            replies: deps.replies,
            webhookKeyFor,
            sendPicture,
            logger: deps.logger,
          }),
        })
      : null;
  const longConnection = ownConnection(openLongConnection);
  return {
    name: 'wecom',
    on: true,
    mode,
    callbacks,
    sender,
    webhookKeyFor,
    respond,
    startLongConnection: openLongConnection,
    appSender,
    channels: [
      wecomChannel({ sender, webhookKeyFor, status: deps.status, respond }),
      ...(appSender ? [wecomAppChannel({ sender: appSender })] : []),
    ],
    start: longConnection.start,
    stop: longConnection.stop,
    describe: () => ({
      mode,
      callback: callbacks.length ? '/webhook/wecom' : null,
      longConnection: longConnection.opened(),
      appCallback: callbacks.length && config.WECOM_CORP_ID ? '/webhook/wecom-app' : null,
      groupRobots: config.WECOM_WEBHOOK_KEYS.size,
    }),
  };
}
