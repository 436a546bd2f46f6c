import { randomBytes } from 'node:crypto';
import { aesKeyFrom, decrypt, encrypt, signature } from '../../src/platforms/wecom/crypto.ts';

export const WECOM_TOKEN = 'QDG6eK';
export const WECOM_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const WECOM_CORP_ID = 'wx5823bf96d3bd56c7';
const key = aesKeyFrom(WECOM_AES_KEY);

/** Builds what WeCom sends: the encrypted body and the signed query string. */
export function wecomRequest(
  plaintext: string,
  receiveId = '',
  options: { nonce?: string; timestamp?: string } = {},
) {
  const encrypted = encrypt(key, plaintext, receiveId);
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE());
  const msgSignature = signature(WECOM_TOKEN, timestamp, nonce, encrypted);
  const query = `msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}`;
  return { encrypted, query, timestamp, nonce, msgSignature };
}

export function aiBotMessage(fields: {
  msgid: string;
  userid: string;
  content: string;
  chatid?: string;
  responseUrl?: string;
}): string {
  return JSON.stringify({
    msgid: fields.msgid,
    aibotid: 'AIBOTID',
    ...(fields.chatid ? { chatid: fields.chatid, chattype: 'group' } : { chattype: 'single' }),
    from: { userid: fields.userid },
    response_url: fields.responseUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X',
    msgtype: 'text',
    text: { content: fields.content },
  });
}

/** Opens the bot's passive reply the way WeCom does, checking its signature. */
export function openPassiveReply(body: {
  encrypt: string;
  msgsignature: string;
  timestamp: string;
  nonce: string;
}) {
  const expected = signature(WECOM_TOKEN, body.timestamp, body.nonce, body.encrypt);
  if (expected !== body.msgsignature) throw new Error('reply signature does not verify');
  return JSON.parse(decrypt(key, body.encrypt, '').message) as {
    msgtype: string;
    stream: {
      id: string;
      finish: boolean;
      content: string;
      msg_item?: Array<{ msgtype: string; image?: { base64: string; md5: string } }>;
    };
  };
}

export function openAppReply(xml: string): string {
  const enc = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(xml)?.[1] as string;
  return decrypt(key, enc, WECOM_CORP_ID).message;
}
