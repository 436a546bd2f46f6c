// A TrueType font read once, and cut down on demand to the outlines one picture uses. resvg (2.6)
// takes fonts only as files and reads the whole file again for every text element it lays out: with
// a 10 MB CJK font that was 4 ms per label, most of a picture's time. The subset keeps every glyph
// id, table and metric as they were (so shaping, kerning and ligatures come out exactly the same)
// and drops only the outlines nothing in the picture can reach: about 0.5 MB instead of 10.
// Plain JavaScript: it runs in the render worker, which has no TS loader.

/** Needed to draw at all; the rest (layout, vertical metrics…) is copied when present. */
const REQUIRED = ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function tables(font) {
  if (font.readUInt32BE(0) !== 0x00010000) throw new Error('not a TrueType (glyf) font');
  const out = new Map();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    out.set(tag, font.subarray(offset, offset + font.readUInt32BE(at + 12)));
  }
  for (const tag of REQUIRED) if (!out.has(tag)) throw new Error(`font has no ${tag} table`);
  return out;
}

/** Unicode → glyph id from the font's (3,10) format 12 or (3,1)/(0,x) format 4 subtable. */
function characterMap(cmap) {
  const map = new Map();
  const count = cmap.readUInt16BE(2);
  let format4 = null;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    const sub = cmap.subarray(cmap.readUInt32BE(8 + 8 * i));
    const format = sub.readUInt16BE(0);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) {
      const groups = sub.readUInt32BE(12);
      for (let g = 0; g < groups; g++) {
        const start = sub.readUInt32BE(16 + 12 * g);
        const end = sub.readUInt32BE(20 + 12 * g);
        const glyph = sub.readUInt32BE(24 + 12 * g);
        for (let c = start; c <= end; c++) map.set(c, glyph + c - start);
      }
      return map;
    }
    if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 = sub;
  }
  if (!format4) throw new Error('font has no Unicode character map');
  const segments = format4.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = format4.readUInt16BE(ends + 2 * s);
    const start = format4.readUInt16BE(starts + 2 * s);
    const delta = format4.readInt16BE(deltas + 2 * s);
    const rangeOffset = format4.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
        glyph = format4.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** The component glyphs a composite glyph is drawn from, with where each id is written. */
function components(glyph) {
  const out = [];
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return out;
  let at = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(at);
    out.push({ at: at + 2, glyph: glyph.readUInt16BE(at + 2) });
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return out;
  }
}

function coverage(table) {
  const out = [];
  if (table.readUInt16BE(0) === 1) {
    for (let i = 0; i < table.readUInt16BE(2); i++) out.push(table.readUInt16BE(4 + 2 * i));
  } else {
    for (let r = 0; r < table.readUInt16BE(2); r++) {
      const at = 4 + 6 * r;
      for (let g = table.readUInt16BE(at); g <= table.readUInt16BE(at + 2); g++) out.push(g);
    }
  }
  return out;
}

function glyphList(table, at) {
  return Array.from({ length: table.readUInt16BE(at) }, (_, i) => table.readUInt16BE(at + 2 + 2 * i));
}

/**
 * Every substitution the font's GSUB can make, as inputs → outputs, whatever feature or context
 * would apply it: an outline a substitution may produce from the picture's glyphs is kept.
 */
function substitutions(gsub) {
  const rules = [];
  if (!gsub) return rules;
  const lookups = gsub.subarray(gsub.readUInt16BE(8));
  const subtable = (type, table) => {
    if (type === 7) {
      subtable(table.readUInt16BE(2), table.subarray(table.readUInt32BE(4)));
      return;
    }
    const format = table.readUInt16BE(0);
    const covered = type >= 1 && type <= 4 ? coverage(table.subarray(table.readUInt16BE(2))) : [];
    if (type === 1 && format === 1) {
      const delta = table.readInt16BE(4);
      for (const g of covered) rules.push([[g], [(g + delta) & 0xffff]]);
    } else if (type === 1 && format === 2) {
      covered.forEach((g, i) => {
        rules.push([[g], [table.readUInt16BE(6 + 2 * i)]]);
      });
    } else if (type === 2 || type === 3) {
      covered.forEach((g, i) => {
        rules.push([[g], glyphList(table, table.readUInt16BE(6 + 2 * i))]);
      });
    } else if (type === 4) {
      covered.forEach((g, i) => {
        const set = table.subarray(table.readUInt16BE(6 + 2 * i));
        for (let l = 0; l < set.readUInt16BE(0); l++) {
          const ligature = set.subarray(set.readUInt16BE(2 + 2 * l));
          const parts = Array.from({ length: ligature.readUInt16BE(2) - 1 }, (_, k) =>
            ligature.readUInt16BE(4 + 2 * k),
          );
          rules.push([[g, ...parts], [ligature.readUInt16BE(0)]]);
        }
      });
    } else if (type === 8) {
      const covering = coverage(table.subarray(table.readUInt16BE(2)));
      const back = table.readUInt16BE(4);
      const ahead = table.readUInt16BE(6 + 2 * back);
      const at = 8 + 2 * back + 2 * ahead;
      covering.forEach((g, i) => {
        rules.push([[g], [table.readUInt16BE(at + 2 + 2 * i)]]);
      });
    }
  };
  for (let l = 0; l < lookups.readUInt16BE(0); l++) {
    const lookup = lookups.subarray(lookups.readUInt16BE(2 + 2 * l));
    const type = lookup.readUInt16BE(0);
    for (let t = 0; t < lookup.readUInt16BE(4); t++)
      subtable(type, lookup.subarray(lookup.readUInt16BE(6 + 2 * t)));
  }
  return rules;
}

function checksum(data) {
  let sum = 0;
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function sfnt(parts) {
  const tags = [...parts.keys()].sort();
  const count = tags.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = parts.get(tag);
    const at = 12 + 16 * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

/** One TrueType font, parsed once; `subset` makes a font that draws only what some text needs. */
export class SubsettableFont {
  constructor(bytes) {
    this.tables = tables(bytes);
    this.map = characterMap(this.tables.get('cmap'));
    this.rules = substitutions(this.tables.get('GSUB'));
    const loca = this.tables.get('loca');
    this.glyphs = this.tables.get('maxp').readUInt16BE(4);
    const long = this.tables.get('head').readInt16BE(50) === 1;
    this.offsets = Array.from({ length: this.glyphs + 1 }, (_, i) =>
      long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i),
    );
  }

  glyph(id) {
    return this.tables.get('glyf').subarray(this.offsets[id], this.offsets[id + 1]);
  }

  /** The glyphs `text` maps to, what substitutions can make of them, and their components. */
  reachable(text) {
    const wanted = new Set([0]);
    for (const char of text) {
      const id = this.map.get(char.codePointAt(0));
      if (id !== undefined) wanted.add(id);
    }
    for (let grown = true; grown; ) {
      grown = false;
      for (const [inputs, outputs] of this.rules) {
        if (!inputs.every((g) => wanted.has(g))) continue;
        for (const g of outputs) if (g < this.glyphs && !wanted.has(g)) grown = wanted.add(g) !== null;
      }
      for (const id of [...wanted]) {
        for (const part of components(this.glyph(id)))
          if (!wanted.has(part.glyph)) grown = wanted.add(part.glyph) !== null;
      }
    }
    return wanted;
  }

  /** The same font with every outline `text` cannot reach left empty; glyph ids and all else unchanged. */
  subset(text) {
    const wanted = this.reachable(text);
    const glyf = [];
    const loca = Buffer.alloc(4 * (this.glyphs + 1));
    let offset = 0;
    for (let id = 0; id < this.glyphs; id++) {
      loca.writeUInt32BE(offset, 4 * id);
      if (!wanted.has(id)) continue;
      const glyph = this.glyph(id);
      glyf.push(glyph, Buffer.alloc((4 - (glyph.length % 4)) % 4));
      offset += glyph.length + ((4 - (glyph.length % 4)) % 4);
    }
    loca.writeUInt32BE(offset, 4 * this.glyphs);
    const head = Buffer.from(this.tables.get('head'));
    head.writeUInt32BE(0, 8);
    head.writeInt16BE(1, 50);
    const parts = new Map(this.tables);
    parts.set('glyf', Buffer.concat(glyf));
    parts.set('loca', loca);
    parts.set('head', head);
    // hinting programs refer to outlines by number and are no use to resvg, which does not hint
    for (const tag of ['DSIG', 'fpgm', 'prep', 'cvt ', 'hdmx', 'LTSH', 'VDMX']) parts.delete(tag);
    return sfnt(parts);
  }
}

/**
 * Every character a picture may draw: what its SVG holds (entities decoded), their canonical
 * decompositions and compositions (the shaper draws 「Ǻ」 as A, ring and acute when the font lacks
 * it), and printable ASCII.
 */
export function charactersOf(svg) {
  const decoded = svg.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n) =>
    String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? Number.parseInt(n.slice(1), 16) : Number(n)),
  );
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  const out = new Set(decoded + ascii);
  for (const char of [...out]) {
    // every partial composition too: the shaper makes Å + acute of A, ring and acute when it can
    const parts = [...char.normalize('NFD')];
    for (let k = 1; k <= parts.length; k++) {
      for (const c of parts.slice(0, k).join('').normalize('NFC')) out.add(c);
      out.add(parts[k - 1]);
    }
  }
  return out;
}
