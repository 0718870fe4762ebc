import { describe, expect, it } from 'vitest';
import { coalesced } from '../../app/webhook-delivery.js';

/** A send we finish by hand, recording when each began. */
function manualSend() {
  const started: { key: string; finish: (err?: Error) => void }[] = [];
  const send = (key: string) =>
    new Promise<void>((resolve, reject) => {
      started.push({ key, finish: (err) => (err ? reject(err) : resolve()) });
    });
  return { started, send };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('coalesced delivery wakes', () => {
  it('answers a burst of wakes with two signals, the second begun after the burst', async () => {
    const { started, send } = manualSend();
    const wake = coalesced(send);
    const first = wake('sub-1');
    const burst = Array.from({ length: 50 }, () => wake('sub-1'));
    await tick();
    expect(started).toHaveLength(1);
    started[0]!.finish();
    await first;
    await tick();
    // The burst came while the first was in flight: one more signal, started after it.
    expect(started).toHaveLength(2);
    started[1]!.finish();
    await Promise.all(burst);
    expect(started).toHaveLength(2);
  });

  it('keeps subscriptions apart', async () => {
    const { started, send } = manualSend();
    const wake = coalesced(send);
    const all = [wake('a'), wake('b'), wake('a'), wake('b')];
    await tick();
    expect(started.map((s) => s.key).sort()).toEqual(['a', 'b']);
    for (let i = 0; i < 4; i++) {
      started.forEach((s) => s.finish());
      await tick();
    }
    await Promise.all(all);
    expect(started.map((s) => s.key).sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('lets a failed signal fail its callers, and the next wake sends again', async () => {
    const { started, send } = manualSend();
    const wake = coalesced(send);
    const first = wake('sub-1');
    const waiting = wake('sub-1');
    await tick();
    started[0]!.finish(new Error('unavailable'));
    await expect(first).rejects.toThrow('unavailable');
    await tick();
    // The caller that waited gets its own signal after the failed one.
    expect(started).toHaveLength(2);
    started[1]!.finish(new Error('still unavailable'));
    await expect(waiting).rejects.toThrow('still unavailable');
    const later = wake('sub-1');
    await tick();
    expect(started).toHaveLength(3);
    started[2]!.finish();
    await later;
  });
});
