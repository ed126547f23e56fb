import type { WorkflowHandle } from '@temporalio/client';

/** The patch ids of a run's markers in order, and how many times it upserted TemporalChangeVersion. */
export async function patchSporen(h: WorkflowHandle): Promise<{ markers: string[]; versieUpserts: number }> {
  const { events } = await h.fetchHistory();
  // Local activities record markers too; a patch marker carries patch-data.
  const markers = events!.flatMap((e) => {
    const patch = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return patch ? [(JSON.parse(Buffer.from(patch).toString()) as { id: string }).id] : [];
  });
  const versieUpserts = events!.filter((e) =>
    Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).includes('TemporalChangeVersion'),
  ).length;
  return { markers, versieUpserts };
}
