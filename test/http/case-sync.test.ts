/**
 * An integrator keeping its own system in sync, through the generated typed client
 * (clients/typescript): `GET /v1/cases?externalRef=…` finds its cases by its own reference, exactly;
 * `?updatedSince=…` lists every case changed since an instant by update time then id, and pages
 * stably across equal update times and across changes made while it pages. On a database of this
 * file's own, so the lists hold exactly the cases opened here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListQuery, components } from '../../clients/typescript/src/index.js';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';
import { sleep } from '../support/until.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ DATABASE_URL: await ownDatabase() });
});
afterAll(async () => {
  await s?.stop();
});

const tag = randomUUID().slice(0, 8);

async function open(externalRef?: string) {
  const body = newCaseBody(externalRef === undefined ? {} : { externalRef });
  const { data, error, response } = await s.api('integrator').POST('/v1/cases', {
    body: body as components['schemas']['OpenCaseRequest'],
  });
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data!;
}

/** Every page of a listing, as the ids on each page. */
async function pages(query: CaseListQuery): Promise<string[][]> {
  const out: string[][] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await s.api('integrator').GET('/v1/cases', {
      params: { query: { ...query, cursor } },
    });
    expect(error).toBeUndefined();
    out.push(data!.items.map((c) => c.id));
    cursor = data!.nextCursor ?? undefined;
    expect(out.length).toBeLessThan(50);
  } while (cursor);
  return out;
}

/** Waits until no projection changes these cases any more (none is due after opening). */
async function settled(ids: string[]) {
  const seqs = () =>
    s.db
      .selectFrom('cases')
      .select(['id', 'seq'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
      .then((rows) => JSON.stringify(rows));
  let before = await seqs();
  for (;;) {
    await sleep(1000);
    const now = await seqs();
    if (now === before) return;
    before = now;
  }
}

describe('GET /v1/cases?externalRef', () => {
  it('lists exactly the cases opened with that reference, newest first', async () => {
    const ref = `ORD-${tag}-1`;
    const first = await open(ref);
    await open(`${ref}0`); // the reference as a prefix: not a match
    await open(`ord-${tag}-1`); // another case: matching is exact
    await open(); // none
    const second = await open(ref);

    expect(await pages({ externalRef: ref, limit: 1 })).toEqual([[second.id], [first.id]]);
    const { data } = await s.api('agent').GET('/v1/cases', { params: { query: { externalRef: ref } } });
    expect(data!.items.map((c) => [c.id, c.externalRef])).toEqual([
      [second.id, ref],
      [first.id, ref],
    ]);
    expect(await pages({ externalRef: `ORD-${tag}-` })).toEqual([[]]);
    // trimmed, as the reference was when the case opened
    expect(await pages({ externalRef: ` ${ref} ` })).toEqual([[second.id, first.id]]);
  });
});

describe('GET /v1/cases?updatedSince', () => {
  it('pages by update time then id, exactly, across equal update times and changes made meanwhile', async () => {
    const opened = [];
    for (let i = 0; i < 8; i++) opened.push(await open(`SYNC-${tag}`));
    const ids = opened.map((c) => c.id);
    await settled(ids);
    // Equal update times happen under load (the workflow stamps milliseconds) but not on demand:
    // give five cases the same instant, two a later one each, and one an earlier one.
    const since = new Date(Date.now() - 3600_000);
    const at = (ms: number) => new Date(since.getTime() + ms);
    const tied = ids.slice(0, 5);
    const later = [ids[5]!, ids[6]!];
    const before = ids[7]!;
    await s.db.updateTable('cases').set({ updated_at: since }).where('id', 'in', tied).execute();
    await s.db
      .updateTable('cases')
      .set({ updated_at: at(1000) })
      .where('id', '=', later[0]!)
      .execute();
    await s.db
      .updateTable('cases')
      .set({ updated_at: at(2000) })
      .where('id', '=', later[1]!)
      .execute();
    await s.db
      .updateTable('cases')
      .set({ updated_at: at(-1) })
      .where('id', '=', before)
      .execute();
    // The other cases of this file were updated after `since` too (now): they follow, oldest first.
    const others = await s.db
      .selectFrom('cases')
      .select('id')
      .where('id', 'not in', ids)
      .orderBy('updated_at')
      .orderBy('id')
      .execute();
    const expected = [...[...tied].sort(), ...later, ...others.map((r) => r.id)];

    const listed = await pages({ updatedSince: since.toISOString(), limit: 2 });
    expect(listed.flat()).toEqual(expected);
    expect(listed.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    // at or after: one millisecond later leaves the tied cases out
    expect((await pages({ updatedSince: at(1).toISOString(), limit: 200 })).flat()).toEqual(
      expected.slice(5),
    );
    // an explicit sort=updatedAt is the same order; updatedSince with externalRef narrows it
    expect((await pages({ sort: 'updatedAt', limit: 3 })).flat()).toEqual([before, ...expected]);
    expect(
      (await pages({ updatedSince: since.toISOString(), externalRef: `SYNC-${tag}`, limit: 3 })).flat(),
    ).toEqual([...[...tied].sort(), ...later]);

    // A case changed while a client pages moves behind the cursor: it is listed again, last.
    const first = await s.api('integrator').GET('/v1/cases', {
      params: { query: { updatedSince: since.toISOString(), limit: 2 } },
    });
    const [a, b] = first.data!.items;
    expect([a!.id, b!.id]).toEqual(expected.slice(0, 2));
    const accepted = await s.api('agent').POST('/v1/cases/{id}/accept', {
      params: { path: { id: a!.id } },
      body: {},
    });
    expect(accepted.data?.status).toBe('investigating');
    const rest: string[] = [];
    let cursor = first.data!.nextCursor ?? undefined;
    while (cursor) {
      const { data } = await s.api('integrator').GET('/v1/cases', {
        params: { query: { updatedSince: since.toISOString(), limit: 2, cursor } },
      });
      rest.push(...data!.items.map((c) => c.id));
      cursor = data!.nextCursor ?? undefined;
    }
    expect(rest).toEqual([...expected.slice(2), a!.id]);
  });

  it('takes another order when asked, and refuses a time that is none', async () => {
    const api = s.api('integrator');
    const recent = await open(`NEWEST-${tag}`);
    // every other case of this file changed before it opened
    for (const sort of ['createdAt', 'nextDeadline'] as const) {
      expect(await pages({ updatedSince: recent.updatedAt, sort })).toEqual([[recent.id]]);
    }
    const bad = await api.GET('/v1/cases', { params: { query: { updatedSince: 'yesterday' } } });
    expect(bad.response.status).toBe(400);
    expect(new Set(bad.error?.errors?.map((e) => `${e.in} ${e.path}`))).toEqual(
      new Set(['query updatedSince']),
    );
  });
});
