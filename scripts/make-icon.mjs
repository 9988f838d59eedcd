// Draws the app icon — a ruled ledger page with a red seal — and writes resources/icon.png
// (512×512) and resources/icon.ico (16…256) for electron-builder. No image library: shapes are
// signed distance functions, anti-aliased by coverage, encoded with node:zlib.
//   node scripts/make-icon.mjs [outDir]     (default: resources/)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'resources'));

// ---- shapes, in a 512×512 design space --------------------------------------------------------
const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const COLORS = {
  tile: hex('#24476b'),
  tileLight: hex('#2f5b85'),
  shadow: hex('#0f2236', 0.35),
  paper: hex('#fbf8f1'),
  title: hex('#24476b'),
  rule: hex('#b3c0cf'),
  seal: hex('#c0392b'),
  white: hex('#ffffff'),
};

/** Signed distance to a rounded rectangle (negative inside). */
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r), qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;
/** A line segment with round ends, `w` wide. */
const stroke = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w / 2;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

/** Layers bottom to top; below 48 px thin detail is dropped, below 32 px the check mark too. */
function layers(size) {
  const detail = size >= 48;
  const rules = [];
  if (detail) {
    for (const y of [188, 236, 284, 332]) rules.push(stroke(150, y, 362, y, 7));
    rules.push(stroke(206, 164, 206, 356, 7));
  } else {
    for (const y of [200, 268]) rules.push(stroke(150, y, 362, y, 16));
  }
  return [
    { sdf: roundRect(16, 16, 496, 496, 104), color: COLORS.tile, gradient: COLORS.tileLight },
    { sdf: roundRect(116, 96, 412, 440, 22), color: COLORS.shadow },
    { sdf: roundRect(104, 80, 400, 424, 22), color: COLORS.paper },
    { sdf: stroke(150, 130, detail ? 292 : 320, 130, detail ? 16 : 24), color: COLORS.title },
    { sdf: union(...rules), color: COLORS.rule },
    { sdf: circle(366, 372, 84), color: COLORS.seal },
    ...(detail ? [{ sdf: ring(366, 372, 66, 7), color: COLORS.white }] : []),
    ...(size >= 32 ? [{ sdf: union(stroke(330, 374, 356, 400, detail ? 15 : 24), stroke(356, 400, 402, 346, detail ? 15 : 24)), color: COLORS.white }] : []),
  ];
}

/** RGBA pixels (straight alpha) of the icon at `size`×`size`. */
function render(size) {
  const scale = 512 / size;
  const list = layers(size);
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) * scale, y = (j + 0.5) * scale;
      let r = 0, g = 0, b = 0, a = 0; // premultiplied
      for (const layer of list) {
        // Coverage from the distance in output pixels: a one-pixel ramp across the edge.
        const cov = Math.max(0, Math.min(1, 0.5 - layer.sdf(x, y) / scale));
        if (cov === 0) continue;
        let c = layer.color;
        if (layer.gradient) {
          const t = Math.max(0, Math.min(1, (x + y) / 1024));
          c = c.map((v, k) => (k < 3 ? layer.gradient[k] + (v - layer.gradient[k]) * t : v));
        }
        const ca = c[3] * cov;
        r = c[0] * ca + r * (1 - ca);
        g = c[1] * ca + g * (1 - ca);
        b = c[2] * ca + b * (1 - ca);
        a = ca + a * (1 - ca);
      }
      const o = (j * size + i) * 4;
      px[o] = a ? Math.round(r / a) : 0;
      px[o + 1] = a ? Math.round(g / a) : 0;
      px[o + 2] = a ? Math.round(b / a) : 0;
      px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}

// ---- PNG ------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- ICO: 256 as PNG (as Windows itself does), smaller sizes as 32-bit DIBs for old tools ----
function dib(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR + AND masks
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const xor = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4, d = ((size - 1 - y) * size + x) * 4; // bottom-up, BGRA
      xor[d] = rgba[s + 2];
      xor[d + 1] = rgba[s + 1];
      xor[d + 2] = rgba[s];
      xor[d + 3] = rgba[s + 3];
    }
  }
  const and = Buffer.alloc((Math.ceil(size / 32) * 4) * size); // all zero: alpha decides
  return Buffer.concat([header, xor, and]);
}
function ico(images) {
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach(({ size, data }, k) => {
    const e = 6 + 16 * k;
    dir[e] = size >= 256 ? 0 : size;
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...images.map((i) => i.data)]);
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'icon.png'), png(512, render(512)));
const icoImages = [16, 24, 32, 48, 64, 128, 256].map((size) => {
  const rgba = render(size);
  return { size, data: size >= 256 ? png(size, rgba) : dib(size, rgba) };
});
fs.writeFileSync(path.join(outDir, 'icon.ico'), ico(icoImages));
console.error(`[icon] wrote ${path.relative(root, path.join(outDir, 'icon.png'))} and icon.ico`);
