/** Webhook targets: what a subscription may reach, with a stub resolver standing in for DNS. */
import { describe, expect, it } from 'vitest';
import { WebhookTargets } from '../../platform/webhook-targets.js';

const dns: Record<string, string[]> = {
  'hooks.example.org': ['93.184.215.14'],
  'sneaky.example.org': ['93.184.215.14', '10.0.0.5'],
  'metadata.example.org': ['169.254.169.254'],
  'v6.example.org': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'receiver.corp': ['10.1.2.3'],
};
const resolve = async (host: string) => {
  const a = dns[host];
  if (!a) throw new Error('ENOTFOUND');
  return a;
};

describe('webhook targets', () => {
  const strict = new WebhookTargets('', resolve);

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a00:1]/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.100.100.200/latest/meta-data',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
    'http://0.0.0.0/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata.example.org/',
    'http://sneaky.example.org/',
    'ftp://hooks.example.org/',
  ])('refuses %s', async (url) => {
    expect(await strict.refusal(url)).toBeTruthy();
  });

  it.each([
    'https://hooks.example.org/in',
    'http://93.184.215.14/',
    'https://v6.example.org/',
    'https://[2606:4700::1111]/',
  ])('allows the public %s', async (url) => {
    expect(await strict.refusal(url)).toBeUndefined();
  });

  it('says why, and what to do about it', async () => {
    expect(await strict.refusal('http://sneaky.example.org/')).toMatch(
      /sneaky\.example\.org resolves to 10\.0\.0\.5 .*WEBHOOK_ALLOWED_HOSTS/,
    );
  });

  it('lets an unresolvable name pass at subscription time only when asked to', async () => {
    expect(await strict.refusal('https://not-yet.example.org/')).toMatch(/does not resolve/);
    expect(await strict.refusal('https://not-yet.example.org/', { unresolvedOk: true })).toBeUndefined();
  });

  it('permits what WEBHOOK_ALLOWED_HOSTS names: host names, addresses and CIDR ranges', async () => {
    const allow = new WebhookTargets('127.0.0.1, 10.1.0.0/16, receiver.corp, [::1]', resolve);
    expect(await allow.refusal('http://127.0.0.1:9000/')).toBeUndefined();
    expect(await allow.refusal('http://[::1]:9000/')).toBeUndefined();
    expect(await allow.refusal('http://10.1.200.7/')).toBeUndefined();
    expect(await allow.refusal('http://receiver.corp/')).toBeUndefined();
    expect(await allow.refusal('http://127.0.0.2/')).toBeTruthy();
    expect(await allow.refusal('http://10.2.0.1/')).toBeTruthy();
    expect(await allow.refusal('http://sneaky.example.org/')).toBeTruthy();
  });

  it('refuses a malformed allow-list at start', () => {
    expect(() => new WebhookTargets('10.0.0.0/40')).toThrow(/prefix/);
    expect(() => new WebhookTargets('http://x/')).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });
});
