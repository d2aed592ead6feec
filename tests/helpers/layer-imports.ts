// Layer imports are analysed by a job: the upload answers 202 with the import to poll; these wait for its report.
type Json = Record<string, any>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /api/layers/imports/:id until the analysis is over; answers the last body (a report, or failed). */
export async function pollLayerImport(url: string, token: string, id: number, lang = 'zh-CN'): Promise<Json> {
  for (const end = Date.now() + 120_000; ;) {
    const r = await fetch(`${url}/api/layers/imports/${id}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
    });
    const body = (await r.json()) as Json;
    if (r.status !== 200) throw new Error(`GET layer import ${id}: ${r.status} ${JSON.stringify(body)}`);
    if (body.status !== 'analysing') return body;
    if (Date.now() > end) throw new Error(`layer import ${id} still analysing: ${JSON.stringify(body)}`);
    await sleep(25);
  }
}

/** The 202 of an upload, then the report once analysed; throws on any other status or a failed analysis. */
export async function layerReportOf(url: string, token: string, upload: Response): Promise<Json> {
  const body = (await upload.json()) as Json;
  if (upload.status !== 202) throw new Error(`${upload.status} ${JSON.stringify(body)}`);
  const report = await pollLayerImport(url, token, body.id);
  if (!report.source) throw new Error(`layer import ${body.id}: ${JSON.stringify(report)}`);
  return report;
}
