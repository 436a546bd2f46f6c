import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { robotMessage } from '../helpers/fake-dingtalk.ts';

/** What came back for one delivery: 200, another status with its body, or why there was none. */
export type DeliveryOutcome = 200 | `${number} ${string}` | 'unreachable' | 'timeout';

let lastStamp = 0;

/**
 * A timestamp no other callback of this process used: the bot binds each signed (timestamp, sign)
 * pair to one message id, and DingTalk signs each delivery afresh.
 */
function freshStamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return String(lastStamp);
}

/**
 * Delivers one robot message to `/webhook/dingtalk` as DingTalk does (signed headers, the member's
 * single chat with the robot), its answer addressed to the fake DingTalk's sessionWebhook named after the message id.
 */
export async function deliverCallback(options: {
  base: string;
  appSecret: string;
  sessionBase: string;
  msgId: string;
  staffId: string;
  content: string;
  timeoutMs: number;
}): Promise<DeliveryOutcome> {
  const timestamp = freshStamp();
  const body = robotMessage({
    msgId: options.msgId,
    staffId: options.staffId,
    content: options.content,
    // each member's own single chat with the robot, as DingTalk names it
    conversationId: `cid-${options.staffId}==`,
    group: false,
    sessionWebhook: `${options.sessionBase}/robot/sendBySession?session=${options.msgId}`,
  });
  try {
    const res = await fetch(`${options.base}/webhook/dingtalk`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        timestamp,
        sign: dingtalkSign(timestamp, options.appSecret),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await res.text();
    return res.status === 200 ? 200 : `${res.status} ${text}`;
  } catch (e) {
    return (e as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
  }
}
