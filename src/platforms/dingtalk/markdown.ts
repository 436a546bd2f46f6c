import type { Reply } from '../../core/reply.ts';
import { dingtalkTitle, renderDingtalkMarkdown } from '../../render/dingtalk-markdown.ts';
import { splitByBytes } from '../../render/split-bytes.ts';

// msgParam ≤ 15000 bytes (robot OpenAPI), body ≤ 20000 bytes (custom robot): keep each text well under both.
export const DINGTALK_TEXT_LIMIT = 14_000;
export interface Markdown {
  title: string;
  text: string;
  /**
   * Staff ids to @-mention (sessionWebhook and custom robot only: the OpenAPI group send cannot @).
   * DingTalk notifies only when the text also shows `@staffId`; the sender adds it when missing.
   */
  atUserIds?: string[];
}

/** The robot message body: markdown, with `at` and the `@id` mentions DingTalk needs to notify. */
export function robotMarkdownBody(part: Markdown) {
  const ids = [...new Set(part.atUserIds ?? [])];
  const missing = ids.filter((id) => !part.text.includes(`@${id}`));
  const text = missing.length ? `${part.text}\n\n${missing.map((id) => `@${id}`).join(' ')}` : part.text;
  return {
    msgtype: 'markdown',
    markdown: { title: part.title, text },
    ...(ids.length ? { at: { atUserIds: ids, isAtAll: false } } : {}),
  };
}

/** The robot OpenAPI's limit on `msgParam`, the JSON string that is sent, escapes included. */
export const DINGTALK_MSG_PARAM_LIMIT = 15_000;

/** Bytes a piece of text takes inside a JSON string: quotes, backslashes and newlines are escaped. */
const jsonBytes = (s: string) => Buffer.byteLength(JSON.stringify(s), 'utf8') - 2;

export function markdownParts(reply: Reply): Markdown[] {
  const title = dingtalkTitle(reply);
  // measured as msgParam is sent, JSON.stringify({ title, text }): the title and the quoting take their share
  const room = DINGTALK_MSG_PARAM_LIMIT - Buffer.byteLength(JSON.stringify({ title, text: '' }), 'utf8');
  return splitByBytes(renderDingtalkMarkdown(reply), Math.min(room, DINGTALK_TEXT_LIMIT), jsonBytes).map(
    (text) => ({ title, text }),
  );
}

/** DingTalk robots cannot upload pictures: they are sent as a link the bot serves itself. */
export function imageMarkdown(title: string, url: string, caption = ''): Markdown {
  return { title, text: `#### ${title}\n\n![${title}](${url})${caption ? `\n\n${caption}` : ''}` };
}

/** The OpenAPI's sampleMarkdown takes only title and text: it has no way to @ anyone. */
export function markdownParam(part: Markdown): Markdown {
  return { title: part.title, text: part.text };
}
