const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Splits text into parts of at most `limit` UTF-8 bytes, on line boundaries; a single line longer
 * than the limit is cut between characters, never inside one. `size` measures a piece as it will
 * be sent (e.g. escaped inside a JSON string); it must add up: size(a + b) = size(a) + size(b).
 */
export function splitByBytes(text: string, limit: number, size: (s: string) => number = utf8): string[] {
  // most replies fit in one part: measured once, they need no splitting (a leading blank line would be dropped)
  if (!text.startsWith('\n') && size(text) <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  const newline = size('\n');
  const flush = () => {
    if (current) parts.push(current);
    current = '';
    used = 0;
  };
  for (const line of text.split('\n')) {
    const lineBytes = size(line);
    const joiner = current ? newline : 0;
    if (used + joiner + lineBytes <= limit) {
      current = current ? `${current}\n${line}` : line;
      used += joiner + lineBytes;
      continue;
    }
    flush();
    if (lineBytes <= limit) {
      current = line;
      used = lineBytes;
      continue;
    }
    for (const ch of line) {
      const b = size(ch);
      if (used + b > limit) flush();
      current += ch;
      used += b;
    }
  }
  flush();
  return parts.length ? parts : [''];
}
