import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import axios from 'axios';
import type { Config } from '../../config.ts';
import type { Reply } from '../../core/reply.ts';
import { ImageShelf } from '../../server/image-shelf.ts';
import { unlessHandled } from '../answer-once.ts';
import { ownConnection, type Platform, type PlatformDeps } from '../platform.ts';
import { dingtalkChannel } from './channel.ts';
import { dingtalkCallbacks, dingtalkHandler } from './receiver.ts';
import { DingtalkSender } from './sender.ts';
import { type StreamConnection, startStream } from './stream.ts';

type Picture = NonNullable<Reply['picture']>;

export interface DingtalkPlatform extends Platform {
  mode: Config['DINGTALK_MODE'];
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
  deps: PlatformDeps & {
    /** Serves pictures to custom robots, which can only show a link (none without SAIMA_PUBLIC_URL). */
    images?: ImageShelf;
    /** Draws a reply's five-colour picture. */
    pictureFor?: (picture: Picture) => Promise<Buffer>;
    /** Where the app robot's pictures are written before it uploads them (without SAIMA_PUBLIC_URL). */
    pictureDir?: string;
  },
): DingtalkPlatform | null {
  const appKey = config.DINGTALK_APP_KEY;
  const appSecret = config.DINGTALK_APP_SECRET;
  if (!appKey || !appSecret) return null;
  const http = axios.create({ proxy: false });
  const { pictureFor, pictureDir } = deps;
  const images = deps.images ?? new ImageShelf(null);
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
    pictureUrl: pictureFor ? async (picture: Picture) => images.put(await pictureFor(picture)) : undefined,
    // without SAIMA_PUBLIC_URL the app robot uploads the picture itself, from the data directory
    pictureFile:
      pictureFor && pictureDir
        ? async (picture: Picture) => {
            await mkdir(pictureDir, { recursive: true });
            // the same title in two districts is two pictures: the ledger that drew it is in the name
            const drawn = `${picture.ledger ?? ''}\n${picture.title}`;
            const name = `reply-${picture.asOf.replace(/[^0-9-]/g, '')}-${createHash('sha256').update(drawn).digest('hex').slice(0, 8)}.png`;
            await writeFile(join(pictureDir, name), await pictureFor(picture));
            return join(pictureDir, name);
          }
        : undefined,
  };
  const mode = config.DINGTALK_MODE;
  const callbacks = mode === 'stream' ? [] : dingtalkCallbacks({ ...handlerDeps, appSecret });
  const openStream = () =>
    mode === 'http'
      ? null
      : startStream({
          appKey,
          appSecret,
          apiBase: config.DINGTALK_API_BASE,
          http,
          logger: deps.logger,
          handle: stored(dingtalkHandler(handlerDeps)),
        });
  const stream = ownConnection(openStream);
  return {
    name: 'dingtalk',
    on: true,
    mode,
    sender,
    callbacks,
    startStream: openStream,
    channels: [dingtalkChannel({ sender, images, status: deps.status })],
    start: stream.start,
    stop: stream.stop,
    describe: () => ({
      mode,
      callback: callbacks.length ? '/webhook/dingtalk' : null,
      stream: mode !== 'http',
      customRobots: config.DINGTALK_ROBOT_WEBHOOKS.size,
    }),
  };
}
