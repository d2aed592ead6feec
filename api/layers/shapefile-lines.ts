// A zipped Shapefile of lines (roads), which the boundary reader does not take: the same unzip limits, .prj and
// code-page rules (.cpg, else UTF-8 when the table is valid UTF-8, else GBK), with LineString/MultiLineString kept.
import * as shapefile from 'shapefile';
import { m } from '../../contract/messages/index.js';
import { Invalid } from '../http/errors.js';
import { unzipLimited } from '../http/zip.js';
import { dbfIsUtf8, encodingFromCpg, type RawFeature, type RawLayer } from '../import/readers.js';

export async function readLineShapefile(bytes: Buffer): Promise<RawLayer> {
  const files = await unzipLimited(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/') && !n.endsWith('/'));
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw new Invalid(m('import.read.noShp'));
  if (shps.length > 1) throw new Invalid(m('import.read.severalLayers', { layers: shps.join(', ') }));
  const stem = shps[0].slice(0, -4).toLowerCase();
  const sibling = (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`);
    return n ? files[n] : null;
  };
  const dbf = sibling('dbf');
  if (!dbf) throw new Invalid(m('import.read.noDbf'));
  const prjBytes = sibling('prj');
  const cpg = sibling('cpg');
  const encoding = cpg ? encodingFromCpg(new TextDecoder('latin1').decode(cpg)) : dbfIsUtf8(dbf) ? 'utf-8' : 'gb18030';
  let fc: Awaited<ReturnType<typeof shapefile.read>>;
  try {
    fc = await shapefile.read(files[shps[0]], dbf, { encoding });
  } catch (e) {
    throw new Invalid(m('import.read.badShapefile', { reason: (e as Error).message }));
  }
  const features: RawFeature[] = fc.features.map((f) => ({
    properties: Object.fromEntries(
      Object.entries(f.properties ?? {}).map(([k, v]) => [
        k.replaceAll('\u0000', ''),
        typeof v === 'string' ? v.replaceAll('\u0000', '') : v,
      ]),
    ),
    geometry: f.geometry ?? null,
  }));
  return {
    format: 'shapefile',
    features,
    prj: prjBytes ? new TextDecoder('utf-8').decode(prjBytes).replaceAll('\u0000', '').trim() : null,
    encoding: encoding === 'gb18030' ? 'gbk' : encoding,
    fields: [...new Set(features.flatMap((f) => Object.keys(f.properties)))],
  };
}
