import { describe, expect, it } from 'vitest';
import {
  pingFrame,
  readFrame,
  streamReplyFrame,
  subscribeFrame,
} from '../../../src/platforms/wecom/long-connection-frames.ts';

describe('long-connection frames as the official SDK writes them', () => {
  it('subscribes with bot_id and secret in the body and a req_id named after the command', () => {
    expect(subscribeFrame('aib1', 's3cret')).toEqual({
      cmd: 'aibot_subscribe',
      headers: { req_id: expect.stringMatching(/^aibot_subscribe_\d+_[0-9a-f]{8}$/) },
      body: { bot_id: 'aib1', secret: 's3cret' },
    });
  });

  it('pings with a fresh req_id and no body', () => {
    const [a, b] = [pingFrame(), pingFrame()];
    expect(a).toEqual({ cmd: 'ping', headers: { req_id: expect.stringMatching(/^ping_/) } });
    expect(a.headers.req_id).not.toBe(b?.headers.req_id);
  });

  it('answers a callback with a finished stream under the callback req_id', () => {
    expect(streamReplyFrame('cb-req-9', '**已登记**')).toEqual({
      cmd: 'aibot_respond_msg',
      headers: { req_id: 'cb-req-9' },
      body: { msgtype: 'stream', stream: { id: expect.any(String), finish: true, content: '**已登记**' } },
    });
  });
});

describe('reading what WeCom sends', () => {
  it('reads a message callback with its req_id and body', () => {
    const body = { msgid: 'm1', msgtype: 'text', from: { userid: 'lisi' }, text: { content: '帮助' } };
    expect(readFrame(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: 'r1' }, body }))).toEqual(
      {
        kind: 'message',
        reqId: 'r1',
        body,
      },
    );
  });

  it('reads an event callback by its eventtype', () => {
    const frame = {
      cmd: 'aibot_event_callback',
      headers: { req_id: 'r2' },
      body: { msgid: 'e1', msgtype: 'event', event: { eventtype: 'disconnected_event' } },
    };
    expect(readFrame(JSON.stringify(frame))).toEqual({
      kind: 'event',
      reqId: 'r2',
      eventType: 'disconnected_event',
    });
  });

  it('reads an answer by its req_id, with or without a cmd, and with or without an errcode', () => {
    expect(readFrame('{"headers":{"req_id":"aibot_subscribe_1_ab"},"errcode":0,"errmsg":"ok"}')).toEqual({
      kind: 'answer',
      reqId: 'aibot_subscribe_1_ab',
      errcode: 0,
      errmsg: 'ok',
    });
    expect(readFrame('{"cmd":"pong","headers":{"req_id":"ping_1_ab"}}')).toMatchObject({
      kind: 'answer',
      reqId: 'ping_1_ab',
      errcode: null,
    });
    expect(readFrame('{"headers":{"req_id":"r3"},"errcode":40058,"errmsg":"invalid"}')).toMatchObject({
      errcode: 40058,
    });
  });

  it('reads anything else as unknown instead of throwing', () => {
    for (const text of [
      'not json',
      '[]',
      'null',
      '{"errcode":"0"}',
      '{"cmd":"aibot_msg_callback","headers":1}',
    ]) {
      expect(readFrame(text)).toEqual({ kind: 'unknown' });
    }
  });
});
