import type { AxiosInstance } from 'axios';
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../core/logger.ts';
import { robotMessageSchema } from './robot-message.ts';

// https://open.dingtalk.com/document/resourcedownload/introduction-to-stream-mode
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const MAX_BACKOFF_MS = 60_000;

/**
 * The official Stream client, with two changes: the endpoint lookup goes to `DINGTALK_API_BASE`
 * (so tests and private deployments can point it elsewhere), and reconnects back off from 1 s to a
 * minute instead of retrying every second forever.
 */
class SaimaStreamClient extends DWClient {
  constructor(
    private readonly options: {
      appKey: string;
      appSecret: string;
      apiBase: string;
      http: AxiosInstance;
      logger: Logger;
    },
  ) {
    super({ clientId: options.appKey, clientSecret: options.appSecret, debug: false, keepAlive: true });
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

  override async connect(): Promise<void> {
    const self = this as unknown as { reconnectInterval: number; userDisconnect: boolean };
    try {
      await this.getEndpoint();
      await this._connect();
      self.reconnectInterval = 1_000;
      this.options.logger.info('dingtalk_stream_connected', {});
    } catch (e) {
      if (self.userDisconnect) return;
      const wait = self.reconnectInterval;
      self.reconnectInterval = Math.min(wait * 2, MAX_BACKOFF_MS);
      // the error may be an axios error carrying the request body (with the secret): log only its message
      this.options.logger.warn('dingtalk_stream_retry', { inMs: wait, error: (e as Error).message });
      setTimeout(() => void this.connect(), wait).unref();
    }
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
}

export interface StreamConnection {
  client: DWClient;
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
  void client.connect();
  return { client, close: () => client.disconnect() };
}
