/**
 * Measures the case list's text search (`q`) on 10 000 cases: the same query the API runs
 * (api/case-list.ts), on a throwaway real PostgreSQL (or DATABASE_URL), Chinese and English terms.
 *   npx tsx scripts/search-bench.ts [cases=10000] [runs=200]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { listCases } from '../api/case-list.js';
import { ListQuery } from '../api/routes/case-schemas.js';
import { createDb, migrate } from '../db/database.js';
import { startTestPostgres } from '../test/support/postgres.js';

const N = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 200);

const zhSubjects = [
  '磨机停机',
  '退款申请',
  '发票重开',
  '设备漏油',
  '安装预约',
  '配件破损',
  '服务态度投诉',
  '软件升级失败',
];
const zhDetails = [
  '客户要求尽快上门',
  '保修期内免费维修',
  '已多次来电催促',
  '现场照片已上传',
  '需要主管审批赔偿',
];
const enSubjects = [
  'Grinder stopped',
  'Invoice copy',
  'Pump leaking',
  'Refund wanted',
  'Installation visit',
  'Login fails',
];
const enDetails = ['error E42 after power cut', 'customer calls again', 'photos attached', 'under warranty'];
const surnames = ['王', '李', '张', '刘', '陈', 'Smith', 'Müller', 'Garcia'];
const given = ['芳', '伟', '娜', '敏', '静', 'Anna', 'Wei', 'Jonas'];

const pick = <T>(a: T[], i: number) => a[i % a.length]!;

async function main() {
  const pg = process.env.DATABASE_URL ? undefined : await startTestPostgres();
  const db = createDb(process.env.DATABASE_URL ?? pg!.url, 4);
  try {
    await migrate(db);
    const trgm = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
    const t0 = Date.now();
    for (let start = 0; start < N; start += 1000) {
      const rows = [];
      for (let i = start; i < Math.min(N, start + 1000); i++) {
        const zh = i % 2 === 0;
        const k = i >> 1;
        const subject = `${zh ? pick(zhSubjects, k) : pick(enSubjects, k)} #${i}`;
        const description = `${zh ? pick(zhDetails, k * 7) : pick(enDetails, k * 7)} (${i})`;
        const name = `${pick(surnames, i * 3)}${pick(given, i * 5)}`;
        const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
        const id = `bench-${String(i).padStart(6, '0')}`;
        rows.push({
          id,
          number: `BENCH-${i}`,
          type: 'complaint',
          channel: 'web',
          status: 'investigating',
          priority: 'normal',
          level: 1,
          customer_id: `c-${i % 2000}`,
          sla_policy: 'default',
          next_deadline: new Date(created.getTime() + ((i * 7919) % 86_400_000)),
          created_at: created,
          updated_at: created,
          seq: 1,
          breached: false,
          reopen_count: 0,
          first_contact_resolution: false,
          view: JSON.stringify({
            id,
            subject,
            description,
            customer: { id: `c-${i % 2000}`, name },
          }) as never,
        });
      }
      await db
        .insertInto('cases')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    await sql`analyze cases`.execute(db);
    console.log(
      `${N} cases loaded in ${Date.now() - t0} ms; pg_trgm ${trgm.rows[0]!.n ? 'installed' : 'absent'}`,
    );

    const principal = { role: 'agent' as const, name: 'bench', keyId: 'bench' };
    const terms = [
      '退款',
      '磨机停机',
      '王芳',
      'refund',
      'E42',
      'grinder 42',
      '客户 上门',
      'nothing-matches-this',
    ];
    console.log('| q | matches (page ≤ 50) | p50 ms | p99 ms |');
    console.log('|---|---|---|---|');
    const all: number[] = [];
    for (const q of terms) {
      const query = ListQuery.parse({ q, sort: 'nextDeadline', limit: '50' });
      const times: number[] = [];
      let matches = 0;
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        matches = (await listCases(db, query, principal)).items.length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      const p = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!.toFixed(1);
      console.log(`| ${q} | ${matches} | ${p(0.5)} | ${p(0.99)} |`);
    }
    all.sort((a, b) => a - b);
    const p = (x: number) => all[Math.min(all.length - 1, Math.floor(x * all.length))]!.toFixed(1);
    console.log(`all terms: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms over ${all.length} queries`);
    for (const term of ['退款', 'refund']) {
      const plan = await sql<{
        'QUERY PLAN': string;
      }>`explain analyze select id from cases where search_text like ${`%${term}%`}`.execute(db);
      console.log(`plan for '${term}':\n  ${plan.rows.map((r) => r['QUERY PLAN']).join('\n  ')}`);
    }
  } finally {
    await db.destroy();
    await pg?.stop();
  }
}

await main();
