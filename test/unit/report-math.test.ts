/** The service-quality report's math on its own (api/reports.ts): rates, means and CSV. Pure: no stack. */
import { describe, expect, it } from 'vitest';
import { csvField, reportToCsv, toMetrics, type ServiceQualityReport } from '../../api/reports.js';

describe('report math (pure)', () => {
  it('gives nulls, not zeros or NaN, when there is nothing to divide by', () => {
    const m = toMetrics({});
    expect(m.total).toBe(0);
    expect(m.resolutionRate).toBeNull();
    expect(m.firstContactResolutionRate).toBeNull();
    expect(m.reopenRate).toBeNull();
    expect(m.responseTime).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(m.slaCompliance.respond).toEqual({ applicable: 0, breached: 0, compliance: null });
    expect(m.rating).toEqual({ count: 0, mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    expect(m.byStatus.new).toBe(0);
    expect(Object.keys(m.byStatus)).toHaveLength(9);
  });

  it('turns a row of aggregates (strings as pg gives numerics) into rates and means', () => {
    const m = toMetrics({
      total: '10',
      status_closed: 4,
      type_complaint: '3',
      priority_high: 2,
      response_count: 2,
      response_mean: 1.23456,
      response_p50: '1.2',
      response_p90: 2.0004,
      sla_respond_applicable: 10,
      sla_respond_breached: 1,
      sla_callback_applicable: 0,
      resolved: 5,
      first_contact: 4,
      reopened: 2,
      ever_resolved: 8,
      rating_1: 1,
      rating_5: 2,
    });
    expect(m).toMatchObject({
      total: 10,
      byStatus: { closed: 4, new: 0 },
      byType: { complaint: 3 },
      byPriority: { high: 2 },
      responseTime: { count: 2, mean: 1.235, p50: 1.2, p90: 2 },
      resolutionTime: { count: 0, mean: null },
      slaCompliance: {
        respond: { applicable: 10, breached: 1, compliance: 0.9 },
        callback: { applicable: 0, breached: 0, compliance: null },
      },
      resolved: 5,
      resolutionRate: 0.5,
      firstContactResolutionRate: 0.8,
      reopenRate: 0.25,
      rating: { count: 3, mean: 11 / 3, distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 2 } },
    });
  });

  it('writes CSV fields by RFC 4180 and defuses formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('alice')).toBe('alice');
    expect(csvField('Smith, J')).toBe('"Smith, J"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('@x,y')).toBe(`"'@x,y"`);
  });

  it('writes a header and one row per group, or one row overall', () => {
    const base = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
    const overall: ServiceQualityReport = { ...base, groupBy: null, ...toMetrics({ total: 3 }) };
    const lines = reportToCsv(overall).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('from,to,total,status_new,')).toBe(true);
    expect(lines[1]!.startsWith(`${base.from},${base.to},3,0,`)).toBe(true);
    expect(lines[0]!.split(',')).toHaveLength(lines[1]!.split(',').length);

    const grouped: ServiceQualityReport = {
      ...base,
      groupBy: 'assignee',
      ...toMetrics({ total: 3 }),
      groups: [
        { key: 'alice', ...toMetrics({ total: 2 }) },
        { key: null, ...toMetrics({ total: 1 }) },
      ],
    };
    const g = reportToCsv(grouped).trimEnd().split('\r\n');
    expect(g).toHaveLength(3);
    expect(g[0]!.startsWith('from,to,group_by,key,total,')).toBe(true);
    expect(g[1]!.startsWith(`${base.from},${base.to},assignee,alice,2,`)).toBe(true);
    expect(g[2]!.startsWith(`${base.from},${base.to},assignee,,1,`)).toBe(true);
  });
});
