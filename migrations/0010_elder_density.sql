-- Elder density as H3 hexagons: each building's cell at resolutions 7–9, and per (resolution, cell, grid)
-- counts of residents, 60+, 80+ and elders living alone, precomputed from residents so a request costs O(cells).
CREATE TABLE building_h3 (
  building_id integer PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
  h3_7 text NOT NULL,
  h3_8 text NOT NULL,
  h3_9 text NOT NULL
);

-- Centre of every cell some building lies in (H3 is computed in Node: neither database build has the h3 extension).
CREATE TABLE h3_cells (
  cell text PRIMARY KEY,
  res smallint NOT NULL CHECK (res BETWEEN 0 AND 15),
  lon float8 NOT NULL,
  lat float8 NOT NULL
);

-- One row per cell and grid: a cell that straddles grids is summed over the grids in the caller's scope.
CREATE TABLE elder_cells (
  res smallint NOT NULL,
  cell text NOT NULL,
  grid_id integer NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  path text NOT NULL,
  lon float8 NOT NULL,
  lat float8 NOT NULL,
  people integer NOT NULL,
  e60 integer NOT NULL,
  e80 integer NOT NULL,
  alone integer NOT NULL,
  PRIMARY KEY (res, cell, grid_id)
);
CREATE INDEX elder_cells_res_path_idx ON elder_cells (res, path text_pattern_ops);
