/** What a reply quotes of a person's input: never more than `max` characters, so a paste is not sent back. */
export function clip(t: string, max: number): string {
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : t;
}
