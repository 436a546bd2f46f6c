/** At most `max` characters of what someone typed, so a reply never repeats a whole message. */
export function clip(t: string, max: number): string {
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : t;
}
