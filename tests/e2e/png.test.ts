import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { countNear, decodePng } from './png';

function crcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const TABLE = crcTable();
function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  let c = 0xffffffff;
  for (const b of Buffer.concat([head.subarray(4), body])) c = TABLE[(c ^ b) & 255] ^ (c >>> 8);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

describe('decodePng', () => {
  it('decodes an RGB image written with the Sub and Up filters', () => {
    const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    // row 0, filter Sub: (29,233,182) then +0 → same colour twice; row 1, filter Up: +0 → copy of row 0
    const raw = Buffer.from([1, 29, 233, 182, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    const png = Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([2, 2]);
    expect(countNear(img, [29, 233, 182], 1)).toBe(4);
  });
});
