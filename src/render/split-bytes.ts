/**
 * Splits text into parts of at most `limit` UTF-8 bytes, on line boundaries; a single line longer
 * than the limit is cut between characters, never inside one.
 */
export function splitByBytes(text: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  const flush = () => {
    if (current) parts.push(current);
    current = '';
    size = 0;
  };
  for (const line of text.split('\n')) {
    const lineBytes = Buffer.byteLength(line, 'utf8');
    const joiner = current ? 1 : 0;
    if (size + joiner + lineBytes <= limit) {
      current = current ? `${current}\n${line}` : line;
      size += joiner + lineBytes;
      continue;
    }
    flush();
    if (lineBytes <= limit) {
      current = line;
      size = lineBytes;
      continue;
    }
    for (const ch of line) {
      const b = Buffer.byteLength(ch, 'utf8');
      if (size + b > limit) flush();
      current += ch;
      size += b;
    }
  }
  flush();
  return parts.length ? parts : [''];
}
