import type { AxiosInstance } from 'axios';
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../core/logger.ts';
import { robotMessageSchema } from './robot-message.ts';

// https://open.dingtalk.com/document/resourcedownload/introduction-to-stream-mode
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;
/** A socket that neither opens nor fails within this long is given up and retried. */
const OPEN_TIMEOUT_MS = 15_000;
/** How often a live connection is checked: the SDK tells a drop only through its `connected` flag. */
const WATCH_MS = 1_000;
/** A connection that stayed up this long starts the backoff over; a flapping one keeps backing off. */
const STABLE_MS = 30_000;

/**
 * The wait before reconnect attempt `failures` (0-based): doubling from 1 s, at most a minute, less
 * up to a fifth at random so that many bots cut off together do not come back together.
 */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_WAIT_MS * 2 ** Math.min(failures, 16), MAX_WAIT_MS);
  return Math.round(base * (1 - 0.2 * random()));
}

/**
 * The official Stream client with its own reconnects switched off (2.1.5 reconnects both from the
 * socket's close handler and from `connect()`, which multiplies loops into bursts): saima owns the
 * one loop. Only the endpoint lookup is replaced, so tests and private deployments can point it at
 * `DINGTALK_API_BASE`; the SDK has no option for that.
 */
class SaimaStreamClient extends DWClient {
  constructor(
    private readonly options: { appKey: string; appSecret: string; apiBase: string; http: AxiosInstance },
  ) {
    super({ clientId: options.appKey, clientSecret: options.appSecret, debug: false, keepAlive: true });
    this.config.autoReconnect = false;
    // the SDK keeps the socket address in a private field; fail at start-up if an upgrade renamed it
    if (!('dw_url' in this)) throw new Error('dingtalk-stream: no dw_url field; check the SDK upgrade');
  }

  override async getEndpoint(): Promise<this> {
    const res = await this.options.http.post(
      `${this.options.apiBase}/v1.0/gateway/connections/open`,
      {
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: 'saima',
        subscriptions: this.config.subscriptions,
      },
      { headers: { Accept: 'application/json' }, timeout: 10_000 },
    );
    const { endpoint, ticket } = (res.data ?? {}) as { endpoint?: string; ticket?: string };
    if (!endpoint || !ticket) throw new Error('stream gateway returned no endpoint');
    (this as unknown as { dw_url: string }).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this;
  }
}

export interface StreamDeps {
  appKey: string;
  appSecret: string;
  apiBase: string;
  http: AxiosInstance;
  logger: Logger;
  /** Resolves once the message is safely handled; only then is it acknowledged. */
  handle: (body: ReturnType<typeof robotMessageSchema.parse>) => Promise<unknown>;
  /** Jitter source (tests pin it). */
  random?: () => number;
}

export type StreamState = 'connecting' | 'connected' | 'waiting' | 'closed';

export interface StreamConnection {
  client: DWClient;
  /** Where the one reconnect loop is now. */
  state(): StreamState;
  close(): void;
}

/** Connects and keeps connected; each robot message is acked only after it is handled, so a crash means redelivery, and redelivery is deduped. */
export function startStream(deps: StreamDeps): StreamConnection {
  const client = new SaimaStreamClient(deps);
  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    const messageId = frame.headers.messageId;
    let body: ReturnType<typeof robotMessageSchema.parse>;
    try {
      body = robotMessageSchema.parse(JSON.parse(frame.data));
    } catch {
      deps.logger.warn('dingtalk_stream_malformed', { messageId });
      client.socketCallBackResponse(messageId, { ok: false });
      return;
    }
    void deps.handle(body).then(
      () => client.socketCallBackResponse(messageId, { ok: true }),
      (e: unknown) => deps.logger.error('dingtalk_stream_failed', { messageId, error: String(e) }),
    );
  });

  let state: StreamState = 'connecting';
  const isClosed = () => state === 'closed';
  let stop: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    stop = resolve;
  });
  /** Resolves after `ms`, or at once when closed; the timer never holds the process open. */
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      void closed.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const open = async (): Promise<boolean> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await client.getEndpoint();
      await Promise.race([
        client._connect(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('stream socket did not open')), OPEN_TIMEOUT_MS);
          timer.unref?.();
        }),
      ]);
      return true;
    } catch (e) {
      // an axios error may carry the request body (with the secret): log only its message
      deps.logger.warn('dingtalk_stream_connect_failed', { error: (e as Error).message });
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  /** Resolves when the live connection drops (the SDK clears `connected`) or the stream is closed. */
  const dropped = () =>
    new Promise<void>((resolve) => {
      const watch = setInterval(() => {
        if (!client.connected) done();
      }, WATCH_MS);
      watch.unref?.();
      const done = () => {
        clearInterval(watch);
        resolve();
      };
      void closed.then(done);
    });

  const loop = async () => {
    let failures = 0;
    for (let first = true; !isClosed(); first = false) {
      // the previous socket and its heartbeat timer go before a new one is opened
      if (!first) client.disconnect();
      state = 'connecting';
      const ok = await open();
      if (isClosed()) break;
      if (ok) {
        state = 'connected';
        deps.logger.info('dingtalk_stream_connected', {});
        const since = Date.now();
        await dropped();
        if (isClosed()) break;
        if (Date.now() - since >= STABLE_MS) failures = 0;
      }
      const ms = reconnectDelay(failures++, deps.random);
      state = 'waiting';
      deps.logger.warn('dingtalk_stream_retry', { inMs: ms });
      await wait(ms);
    }
    client.disconnect();
  };
  void loop();

  return {
    client,
    state: () => state,
    close: () => {
      state = 'closed';
      stop();
      client.disconnect();
    },
  };
}
