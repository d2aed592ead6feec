// The import desk's state: the report shown, busy/error, the recent imports, and the actions on them
// (validate an upload, propose / adjust / accept / cancel). A refused upload that names the layer's fields
// (no name field could be guessed) hands them to the mapping step. The last upload is kept, so an undecided CRS
// or swapped axes are settled in one click: the same file re-analysed with the CRS chosen or the axes swapped.
import { computed, ref, shallowRef } from 'vue';
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
  /** The last file uploaded and its options, to re-analyse it with a CRS chosen or the axes swapped. */
  const lastUpload = shallowRef<{ file: File; options: ImportUpload; reportId: number | null } | null>(null);
  /** The report shown is the last upload's, so it can be re-analysed from here. */
  const canReanalyse = computed(() => !!report.value && lastUpload.value?.reportId === report.value.id);

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

  async function validate(file: File, options: ImportUpload): Promise<void> {
    const r = await run(() => uploadImport(file, options));
    lastUpload.value = { file, options, reportId: r?.id ?? null };
    show(r);
    await refreshRecent();
  }

  return {
    report,
    recent,
    busy,
    error,
    fields,
    selected,
    refreshRecent,
    validate,
    canReanalyse,
    /**
     * Re-analyses the last upload with the CRS named and/or the axes swapped; the pending report it replaces is
     * cancelled, since nothing was written and it can no longer be accepted.
     */
    async reanalyse(change: { crs?: string; swapAxes?: boolean }) {
      const last = lastUpload.value;
      if (!last) return;
      const options: ImportUpload = {
        ...last.options,
        ...(change.crs ? { crs: change.crs } : {}),
        mapping: { ...last.options.mapping, ...(change.swapAxes ? { swapAxes: true } : {}) },
      };
      const previous = report.value?.status === 'pending' ? report.value.id : null;
      if (previous !== null) await run(() => cancelImport(previous));
      await validate(last.file, options);
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
