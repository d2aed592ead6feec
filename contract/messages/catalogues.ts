// The catalogues by file, so a test can check that each keeps its keys under its own prefix.
import { accounts } from './accounts.js';
import { areas } from './areas.js';
import { auth } from './auth.js';
import { care } from './care.js';
import { common } from './common.js';
import { datalock } from './datalock.js';
import { evaluation } from './evaluation.js';
import { exportMessages } from './export.js';
import { geodata } from './geodata.js';
import { http } from './http.js';
import { importMessages } from './import.js';
import { inbox } from './inbox.js';
import { jobs } from './jobs.js';
import { layers } from './layers.js';
import { mediation } from './mediation.js';
import { meta } from './meta.js';
import { needs } from './needs.js';
import { orders } from './orders.js';
import { parties } from './parties.js';
import { photos } from './photos.js';
import { population } from './population.js';
import { privacy } from './privacy.js';
import { realtime } from './realtime.js';
import { resources } from './resources.js';
import { roster } from './roster.js';
import { routing } from './routing.js';
import { seed } from './seed.js';
import { siting } from './siting.js';
import { tiles } from './tiles.js';
import { upload } from './upload.js';
import { wall } from './wall.js';
import { webhooks } from './webhooks.js';
import { workers } from './workers.js';

export const byPrefix = {
  accounts: accounts,
  areas: areas,
  auth: auth,
  care: care,
  common: common,
  datalock: datalock,
  evaluation: evaluation,
  export: exportMessages,
  geodata: geodata,
  http: http,
  import: importMessages,
  inbox: inbox,
  jobs: jobs,
  layers: layers,
  mediation: mediation,
  meta: meta,
  needs: needs,
  orders: orders,
  parties: parties,
  photos: photos,
  population: population,
  privacy: privacy,
  realtime: realtime,
  resources: resources,
  roster: roster,
  routing: routing,
  seed: seed,
  siting: siting,
  tiles: tiles,
  upload: upload,
  wall: wall,
  webhooks: webhooks,
  workers: workers,
};
