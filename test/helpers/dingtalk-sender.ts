import axios from 'axios';
import { silentLogger } from '../../src/core/logger.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { DingtalkSender } from '../../src/platforms/dingtalk/sender.ts';

type SenderDeps = ConstructorParameters<typeof DingtalkSender>[0];

/**
 * A DingTalk sender for tests: pointed at a fake DingTalk (`base`) with the given app, or, without
 * one, at a closed port with no app, for tests where nothing must be sent.
 */
export function testDingtalkSender(
  app: { base: string; appKey: string; appSecret: string } | null,
  overrides: Partial<SenderDeps> = {},
): DingtalkSender {
  const base = app?.base ?? 'http://127.0.0.1:9';
  return new DingtalkSender({
    apiBase: base,
    oapiBase: base,
    appKey: app?.appKey ?? null,
    appSecret: app?.appSecret ?? null,
    robotCode: app ? 'dingrobot' : null,
    http: axios.create({ proxy: false }),
    logger: silentLogger,
    status: new DeliveryStatus(),
    customRobotFor: () => null,
    sleep: async () => {},
    ...overrides,
  });
}
