import axios from 'axios';
import type { Router } from 'express';
import type { Config } from '../../config.ts';
import type { Bot } from '../../core/bot.ts';
import type { Logger } from '../../core/logger.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import type { ReplyOutbox } from '../../delivery/reply-outbox.ts';
import { unlessHandled } from '../answer-once.ts';
import { dingtalkHandler, dingtalkRouter } from './receiver.ts';
import { DingtalkSender } from './sender.ts';
import { type StreamConnection, startStream } from './stream.ts';

export interface DingtalkPlatform {
  mode: Config['DINGTALK_MODE'];
  router: Router | null;
  sender: DingtalkSender;
  /** Opens the Stream connection when the mode asks for it; call after the server listens. */
  startStream(): StreamConnection | null;
}

/** Stream acks a message once `handle` resolves: a message the store refused must stay unacked, so it comes back. */
const stored =
  (handle: ReturnType<typeof dingtalkHandler>) =>
  async (body: Parameters<ReturnType<typeof dingtalkHandler>>[0]) => {
    if ((await handle(body)) === 'unsaved') throw new Error('not stored; left for redelivery');
  };

/** DingTalk is on when its AppKey and AppSecret are configured. */
export function dingtalkFromConfig(
  config: Config,
  deps: {
    bot: Bot;
    logger: Logger;
    status: DeliveryStatus;
    replies: ReplyOutbox;
    pictureUrl?: (picture: { title: string; asOf: string }) => Promise<string | null>;
    pictureFile?: (picture: { title: string; asOf: string }) => Promise<string>;
  },
): DingtalkPlatform | null {
  const appKey = config.DINGTALK_APP_KEY;
  const appSecret = config.DINGTALK_APP_SECRET;
  if (!appKey || !appSecret) return null;
  const http = axios.create({ proxy: false });
  const sender = new DingtalkSender({
    apiBase: config.DINGTALK_API_BASE,
    oapiBase: config.DINGTALK_OAPI_BASE,
    appKey,
    appSecret,
    robotCode: config.DINGTALK_ROBOT_CODE ?? appKey,
    http,
    logger: deps.logger,
    status: deps.status,
    customRobotFor: (id) => config.DINGTALK_ROBOT_WEBHOOKS.get(id) ?? null,
  });
  const handlerDeps = {
    respond: unlessHandled(deps.bot),
    sender,
    replies: deps.replies,
    logger: deps.logger,
    pictureUrl: deps.pictureUrl,
    pictureFile: deps.pictureFile,
  };
  const mode = config.DINGTALK_MODE;
  return {
    mode,
    sender,
    router: mode === 'stream' ? null : dingtalkRouter({ ...handlerDeps, appSecret }),
    startStream: () =>
      mode === 'http'
        ? null
        : startStream({
            appKey,
            appSecret,
            apiBase: config.DINGTALK_API_BASE,
            http,
            logger: deps.logger,
            handle: stored(dingtalkHandler(handlerDeps)),
          }),
  };
}
