import { type Reply, reply } from '../core/reply.ts';
import { zh } from '../text/zh.ts';

export interface MergedPart {
  title: string;
  body: string;
  confirmations: string[];
}

/**
 * Puts many confirmations for one chat into as few messages as the platform's byte limit allows,
 * each message complete in itself (「以下 N 条登记已保存：」 and its own lines), every line in
 * exactly one message and in the order given.
 */
export function mergeConfirmations(
  lines: string[],
  render: (r: Reply) => string,
  limit: number,
): MergedPart[] {
  const model = (chunk: string[]) => reply('ok', zh.repliesMerged(chunk.length), chunk);
  const fits = (chunk: string[]) => Buffer.byteLength(render(model(chunk)), 'utf8') <= limit;
  const parts: MergedPart[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    const m = model(chunk);
    parts.push({ title: m.title, body: render(m), confirmations: chunk });
    chunk = [];
  };
  for (const line of lines) {
    if (chunk.length > 0 && !fits([...chunk, line])) flush();
    chunk.push(line);
  }
  flush();
  return parts;
}
