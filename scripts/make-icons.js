#!/usr/bin/env node
/**
 * Draws the add-in icons (assets/icon-{16,32,64,80,128}.png) with no dependency: a contact silhouette with a
 * check badge on an Office-blue rounded square. Shapes are in unit coordinates and rendered with 4×4
 * supersampling, so every size is drawn from the same geometry (the manifest needs 16/32/80 for buttons,
 * 64 for IconUrl and 128 for HighResolutionIconUrl).
 *
 *   node scripts/make-icons.js            # writes assets/
 *   node scripts/make-icons.js --check    # exits 1 if the committed PNGs differ from what it would draw
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 4;
const BLUE = [15, 108, 189]; // Fluent "brand" #0F6CBD, the Office blue
const WHITE = [255, 255, 255];
const GREEN = [16, 124, 16]; // #107C10, Office's "success" green

// ---- PNG encoding (RFC 2083): signature, IHDR, IDAT (zlib), IEND; each chunk with a CRC-32. ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** rgba: Uint8Array of width*height*4, straight (not premultiplied) alpha. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- The glyph, in unit coordinates (0..1, y down). ----

function inRoundedSquare(x, y, inset, r) {
  const lo = inset + r;
  const hi = 1 - inset - r;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= r * r;
}

function inCircle(x, y, cx, cy, r) {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distToSegment(x, y, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

const BADGE = { cx: 0.72, cy: 0.72, r: 0.2 };

/** Colour of the topmost shape at (x, y), or null for transparent. */
function sample(x, y) {
  const inBadge = inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r);
  if (inBadge) {
    const onCheck =
      distToSegment(x, y, 0.62, 0.72, 0.69, 0.79) <= 0.04 || distToSegment(x, y, 0.69, 0.79, 0.82, 0.64) <= 0.04;
    return onCheck ? WHITE : GREEN;
  }
  // A white ring around the badge separates it from the silhouette.
  if (inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r + 0.045)) return inRoundedSquare(x, y, 0.04, 0.18) ? BLUE : WHITE;
  if (!inRoundedSquare(x, y, 0.04, 0.18)) return null;
  const head = inCircle(x, y, 0.42, 0.36, 0.15);
  const shoulders = y <= 0.84 && ((x - 0.42) / 0.28) ** 2 + ((y - 0.84) / 0.3) ** 2 <= 1;
  return head || shoulders ? WHITE : BLUE;
}

/**
 * The unified manifest's outline icon: "a transparent PNG outline icon. The border color needs to be white. Size
 * 32x32" (unified manifest schema, icons.outline). The same silhouette and check badge, white on transparent.
 */
function sampleOutline(x, y) {
  const inBadge = inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r);
  if (inBadge) {
    const onCheck =
      distToSegment(x, y, 0.62, 0.72, 0.69, 0.79) <= 0.045 || distToSegment(x, y, 0.69, 0.79, 0.82, 0.64) <= 0.045;
    return onCheck || !inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r - 0.06) ? WHITE : null;
  }
  if (inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r + 0.06)) return null;
  const head = inCircle(x, y, 0.42, 0.36, 0.15);
  const shoulders = y <= 0.84 && ((x - 0.42) / 0.28) ** 2 + ((y - 0.84) / 0.3) ** 2 <= 1;
  return head || shoulders ? WHITE : null;
}

function drawIcon(size, sampler = sample) {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = sampler((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / n);
      }
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const check = process.argv.includes("--check");
  const dir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  let stale = 0;
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    const png = drawIcon(size);
    if (check) {
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(png)) {
        console.error(`stale: ${path.relative(process.cwd(), file)} (run node scripts/make-icons.js)`);
        stale++;
      }
    } else {
      fs.writeFileSync(file, png);
      console.log(`wrote ${path.relative(process.cwd(), file)} (${png.length} bytes)`);
    }
  }
  if (stale) process.exit(1);
  // The unified manifest's icons (color-192, outline-32) are not committed: scripts/make-unified-manifest.js draws
  // them into the app package with drawIcon(192) and drawOutlineIcon(32).
}

if (require.main === module) main();

const drawOutlineIcon = (size) => drawIcon(size, sampleOutline);

module.exports = { encodePng, drawIcon, drawOutlineIcon, crc32, SIZES };
