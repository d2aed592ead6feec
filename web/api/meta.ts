// City metadata: name, extent and the tile URL templates (relative to this origin).
import type { CityMeta } from '@contract/meta';
import { request } from './client';

export const getMeta = () => request<CityMeta>('/api/meta');
