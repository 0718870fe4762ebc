/**
 * Text written for ops (workflow summary and details, timer summaries) that holds no personal data
 * by construction: case numbers, kinds, statuses, clocks, times, policy and calendar names, staff
 * ids. It travels as a payload marked `case-no-personal-data`, which the payload codec leaves
 * unencrypted, so the Temporal Web UI shows it to ops who hold no codec session. Everything else
 * (inputs, results, updates, activity data) stays encrypted. Only build these strings from
 * identifiers and enumerations: never from a customer's contact fields or any free text.
 */
import { defaultPayloadConverter, RawValue, type Payload } from '@temporalio/common';

export const NO_PERSONAL_DATA = 'case-no-personal-data';

/**
 * The SDK takes summaries and details as strings and converts them itself; a RawValue is passed
 * through the converter as the payload it already is, so the marker survives to the codec.
 */
export function opsText(text: string): string {
  const p = defaultPayloadConverter.toPayload(text);
  const marked: Payload = {
    ...p,
    metadata: { ...p.metadata, [NO_PERSONAL_DATA]: new TextEncoder().encode('true') },
  };
  return RawValue.fromPayload(marked) as unknown as string;
}
