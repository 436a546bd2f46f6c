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
  text: string;
}
