// The Chinese offset datums, as the importers and exporters name them: the formulas live in core/geo.
export {
  type LonLat,
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  outOfChina,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../../core/geo/china-datums.js';
