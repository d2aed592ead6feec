// Loads the demo city's needs-survey responses (geodata/surveys) in bulk: unnest arrays, 50,000 rows a statement,
// the secondary indexes dropped for the load and built once at the end (all in one transaction).
import { generateSurveys, surveyMonths } from '../../geodata/surveys/generate.js';
import { areaPaths } from './load-city.js';
import type { City, Progress } from '../../geodata/city/types.js';
import { RESPONDENT_GROUPS } from '../../contract/needs.js';
import type { Db } from '../db/index.js';

const BATCH = 50_000;
/** As in migrations/0011_needs.sql. */
const INDEXES = [
  {
    name: 'survey_responses_path_idx',
    create: 'CREATE INDEX survey_responses_path_idx ON survey_responses (path text_pattern_ops)',
  },
  { name: 'survey_responses_month_idx', create: 'CREATE INDEX survey_responses_month_idx ON survey_responses (month)' },
  {
    name: 'survey_responses_building_idx',
    create: 'CREATE INDEX survey_responses_building_idx ON survey_responses (building_id)',
  },
];

export async function seedSurveys(
  db: Db,
  city: City,
  seed: number,
  progress: Progress = () => undefined,
  end = new Date(),
): Promise<number> {
  const months = surveyMonths(end);
  const s = generateSurveys(city, seed, months);
  const paths = areaPaths(city.areas);
  await db.tx(async (q) => {
    await q.query(/* sql */ `DELETE FROM survey_responses WHERE import_id IS NULL`);
    for (const idx of INDEXES) await q.query(`DROP INDEX IF EXISTS ${idx.name}`);
    for (let start = 0; start < s.count; start += BATCH) {
      const stop = Math.min(s.count, start + BATCH);
      const idx = Array.from({ length: stop - start }, (_, i) => start + i);
      await q.query(
        /* sql */ `INSERT INTO survey_responses (month, grid_id, path, building_id, respondent_group, channel, needs)
          SELECT t.month::date, t.grid_id, t.path, t.building_id, t.grp, CASE WHEN t.paper THEN 'paper' ELSE 'electronic' END, t.needs
          FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::bool[], $6::int[], $7::text[]) AS t(month, grid_id, building_id, grp, paper, needs, path)`,
        [
          idx.map((i) => months[s.month[i]]),
          idx.map((i) => s.gridId[i]),
          idx.map((i) => s.buildingId[i]),
          idx.map((i) => RESPONDENT_GROUPS[s.group[i]]),
          idx.map((i) => s.paper[i] === 1),
          idx.map((i) => s.needs[i]),
          idx.map((i) => paths.get(s.gridId[i])),
        ],
      );
      progress('surveys', stop, s.count);
    }
    for (const idx of INDEXES) await q.query(idx.create);
  });
  await db.exec('ANALYZE survey_responses');
  return s.count;
}
