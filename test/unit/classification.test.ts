/** Intake classification (domain/case/classification.ts): priority and level from the facts. Pure: no Temporal, no database. */
import { describe, expect, it } from 'vitest';
import { classify, toSimplified, type IntakeFacts } from '../../domain/case/classification.js';

describe('classify', () => {
  const facts = (over: Partial<IntakeFacts> = {}): IntakeFacts => ({
    type: 'fault_report',
    tier: 'standard',
    subject: 'Mill question',
    description: 'The mill is noisier than usual.',
    ...over,
  });

  it.each([
    'Safety valve stuck',
    'An operator was injured',
    'Fire in the motor room',
    'Smoke from the control cabinet',
    'Dust explosion risk',
    'Hydraulic oil leaking',
    '存在安全隐患',
    '操作员受伤',
    '车间发生火灾',
    '电机冒烟',
    '液压油泄漏',
    '锅炉爆炸',
  ])('safety (%s) → urgent, level 3', (subject) => {
    expect(classify(facts({ subject }))).toMatchObject({ priority: 'urgent', level: 3 });
    expect(classify(facts({ type: 'inquiry', subject: 'question', description: subject }))).toMatchObject({
      priority: 'urgent',
      level: 3,
    });
  });

  it.each([
    'Network outage at plant 2',
    'Line is down',
    'Production stopped',
    '工厂停产',
    '设备停机',
    '网络中断',
    '系统瘫痪',
    '断网',
  ])('stoppage (%s) → urgent, level 2', (subject) => {
    expect(classify(facts({ type: 'complaint', subject }))).toMatchObject({ priority: 'urgent', level: 2 });
  });

  it('words that merely contain a trigger do not count', () => {
    expect(classify(facts({ subject: 'Firewall rules', description: 'Download the update' }))).toMatchObject({
      priority: 'normal',
      level: 1,
    });
  });

  it.each([
    ['inquiry', 'standard', 'low', 1],
    ['inquiry', 'premium', 'normal', 1],
    ['complaint', 'standard', 'normal', 1],
    ['complaint', 'premium', 'high', 1],
    ['service_request', 'premium', 'high', 1],
    ['fault_report', 'premium', 'high', 2], // high and technical: support engineers
    ['technical_support', 'premium', 'high', 2],
  ] as const)('%s from a %s customer → %s, level %s', (type, tier, priority, level) => {
    const c = classify(facts({ type, tier }));
    expect(c).toMatchObject({ priority, level });
    if (tier === 'premium') expect(c.reasons).toContain('premium customer: one step up');
  });

  it('a premium customer with a safety problem is urgent (no step above) and level 3', () => {
    expect(classify(facts({ tier: 'premium', subject: 'smoke' }))).toMatchObject({
      priority: 'urgent',
      level: 3,
    });
  });

  it('an explicit priority is kept as given; safety still means level 3', () => {
    expect(classify(facts({ tier: 'premium', priority: 'low' }))).toMatchObject({
      priority: 'low',
      level: 1,
    });
    expect(classify(facts({ priority: 'low' })).reasons).toContain('priority low given at intake');
    expect(classify(facts({ priority: 'low', subject: 'gas leak' }))).toMatchObject({
      priority: 'low',
      level: 3,
    });
    expect(classify(facts({ type: 'complaint', priority: 'high', subject: 'outage' }))).toMatchObject({
      priority: 'high',
      level: 1,
    });
    expect(classify(facts({ type: 'inquiry', priority: 'urgent' }))).toMatchObject({
      priority: 'urgent',
      level: 2,
    });
  });

  describe('traditional script reads like simplified', () => {
    it.each([
      ['車間發生火災', '车间发生火灾', 'urgent', 3],
      ['設備停機', '设备停机', 'urgent', 2],
      ['電機冒煙', '电机冒烟', 'urgent', 3],
      ['液壓油洩漏', '液压油泄漏', 'urgent', 3],
      ['網路中斷', '网络中断', 'urgent', 2],
    ] as const)('%s classifies as %s', (traditional, simplified, priority, level) => {
      const expected = classify(facts({ type: 'complaint', subject: simplified }));
      expect(expected).toMatchObject({ priority, level });
      expect(classify(facts({ type: 'complaint', subject: traditional }))).toEqual(expected);
      expect(
        classify(facts({ type: 'complaint', subject: '請處理', description: `現場:${traditional}` })),
      ).toMatchObject({ priority, level });
    });

    it('leaves text without Han characters and ordinary complaints alone', () => {
      expect(toSimplified('Fire in the motor room')).toBe('Fire in the motor room');
      expect(classify(facts({ type: 'complaint', subject: '發票金額有誤' }))).toMatchObject({
        priority: 'normal',
        level: 1,
      });
    });
  });
});
