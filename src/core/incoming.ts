/**
 * What a member sent, as far as the bot reads it: typed text, a platform's speech transcript, or a
 * picture or file alone (which the bot cannot read and answers with what it can do).
 */
export type MessageKind = 'text' | 'voice' | 'image' | 'file';

/** A chat message as every platform hands it to the core, after verification and decoding. */
export interface IncomingMessage {
  /** `wecom`, `dingtalk`, `console`, … */
  platform: string;
  /** The platform's message id; the same id delivered twice is handled once. */
  messageId: string | null;
  /** The group (or private chat) id, for `绑定本群` and replies. */
  chatId: string | null;
  chatType: 'group' | 'single';
  /** The sender's platform user id, which is a member's 账号. */
  senderId: string;
  senderName?: string;
  /** Typed text, rich text or a mixed message's text parts, or a voice message's transcript. */
  text: string;
  /** `text` when absent. */
  kind?: MessageKind;
  /** The text of the message this one quotes (a quoted reply), for 「这个项目」. */
  quote?: string;
  /** The platform did not say who sent it (a DingTalk external member): answered, never read. */
  senderUnidentified?: boolean;
}
