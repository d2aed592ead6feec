// The import desk's state: the report shown, busy/error, the recent imports, and the actions on them
// (validate an upload, propose / adjust / accept / cancel). A refused upload that names the layer's fields
// (no name field could be guessed) hands them to the mapping step.
import { ref, shallowRef } from 'vue';
import type { ImportReport, RegridAdjust } from '@contract/imports';
import { ApiError } from '../api/client';
import {
  acceptImport,
  adjustRegrid,
  cancelImport,
  getImport,
  listImports,
  proposeRegrid,
  uploadImport,
  type ImportSummary,
  type ImportUpload,
} from '../api/imports';

export function useImportDesk() {
  const report = shallowRef<ImportReport | null>(null);
  const recent = shallowRef<ImportSummary[]>([]);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** Field names of the last upload: from its report, or from the error that refused it. */
  const fields = shallowRef<string[]>([]);
  /** The selected proposed/incoming area (feature index). */
  const selected = ref<number | null>(null);

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await fn();
    } catch (e) {
      error.value = (e as Error).message;
      const listed = e instanceof ApiError ? (e.details as { fields?: unknown } | undefined)?.fields : undefined;
      if (Array.isArray(listed)) fields.value = listed.map(String);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  const refreshRecent = async () => {
    recent.value = await listImports().catch(() => []);
  };
  function show(r: ImportReport | undefined, keepSelection = false): void {
    if (!r) return;
    report.value = r;
    if (r.kind === 'areas') fields.value = r.source.fields;
    if (!keepSelection || (selected.value !== null && selected.value >= r.features.length)) selected.value = null;
  }

  return {
    report,
    recent,
    busy,
    error,
    fields,
    selected,
    refreshRecent,
    async validate(file: File, options: ImportUpload) {
      show(await run(() => uploadImport(file, options)));
      await refreshRecent();
    },
    async propose(communityId: number, min: number, max: number) {
      show(await run(() => proposeRegrid(communityId, min, max)));
      await refreshRecent();
    },
    async adjust(op: RegridAdjust) {
      if (report.value) show(await run(() => adjustRegrid(report.value!.id, op)), true);
    },
    async decide(accept: boolean) {
      if (!report.value) return;
      const id = report.value.id;
      show(await run(() => (accept ? acceptImport(id) : cancelImport(id))), true);
      await refreshRecent();
    },
    async open(id: number) {
      show(await run(() => getImport(id)));
    },
  };
}

export type ImportDesk = ReturnType<typeof useImportDesk>;
