// Talking to the API from a test as a given user: sign in, report orders at grid label points, act on them.
import { randomUUID } from 'node:crypto';
import type { OrderActionInput, OrderCreate, OrderSummary } from '../../contract/orders';

export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** A binary resource (a photo) with its content type. */
  bytes(path: string): Promise<{ contentType: string | null; body: Buffer }>;
}

export async function apiLogin(baseUrl: string, username: string, password = 'gridwall-demo'): Promise<ApiSession> {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const { token } = (await r.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  return {
    async get<T>(path: string) {
      const res = await fetch(`${baseUrl}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    async bytes(path: string) {
      const res = await fetch(`${baseUrl}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return { contentType: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    },
  };
}

export interface GridPoint {
  id: number;
  name: string;
  lon: number;
  lat: number;
}

export async function gridPoints(api: ApiSession): Promise<GridPoint[]> {
  const fc = await api.get<{
    features: { id: number; properties: { name: string; labelLon: number; labelLat: number } }[];
  }>('/api/areas?level=grid');
  return fc.features.map((f) => ({
    id: f.id,
    name: f.properties.name,
    lon: f.properties.labelLon,
    lat: f.properties.labelLat,
  }));
}

export async function reportOrder(
  api: ApiSession,
  body: Partial<OrderCreate> & Pick<OrderCreate, 'lon' | 'lat'>,
): Promise<OrderSummary> {
  const r = await api.post<{ order: OrderSummary }>(
    '/api/orders',
    { categoryCode: 'SAN-01', description: 'e2e: 垃圾堆放', source: 'wall', ...body },
    { 'Idempotency-Key': randomUUID() },
  );
  if (r.status !== 201 && r.status !== 200) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.order;
}

export async function act(api: ApiSession, id: number, action: OrderActionInput): Promise<OrderSummary> {
  const r = await api.post<{ order: OrderSummary }>(`/api/orders/${id}/actions`, action);
  if (r.status !== 200) throw new Error(`${action.action} #${id}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.order;
}
