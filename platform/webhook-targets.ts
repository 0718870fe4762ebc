/**
 * Where webhooks may go. A subscription is a request the service makes on an admin's behalf, so
 * without a rule it reaches whatever the service's host can: loopback, the operator's private
 * network, cloud metadata endpoints. Those are refused when subscribing and again at every
 * delivery (a name may resolve elsewhere by then), unless WEBHOOK_ALLOWED_HOSTS names them.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Ranges no webhook may reach: not the public internet. */
const FORBIDDEN: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT (also Alibaba Cloud's metadata 100.100.100.200)
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['fc00::', 7, 'ipv6'], // unique local (AWS metadata fd00:ec2::254)
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
  ['64:ff9b::', 96, 'ipv6'], // NAT64: an IPv4 address in disguise
];
/** Names that mean "this machine" or a metadata service whatever they resolve to. */
const FORBIDDEN_NAMES = [/^localhost$/, /\.localhost$/, /^metadata$/, /^metadata\.google\.internal$/];

const forbidden = new BlockList();
for (const [net, prefix, type] of FORBIDDEN) forbidden.addSubnet(net, prefix, type);

const family = (ip: string): 'ipv4' | 'ipv6' => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

export type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

export class WebhookTargets {
  private readonly allowedNames = new Set<string>();
  private readonly allowedAddresses = new BlockList();

  /** `allowed`: WEBHOOK_ALLOWED_HOSTS, comma-separated host names, addresses or CIDR ranges. */
  constructor(
    allowed = '',
    private readonly resolve: Resolve = resolveAll,
  ) {
    for (const entry of allowed
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean)) {
      const [net = '', prefix] = entry.replace(/^\[|\]$/g, '').split('/');
      if (isIP(net)) {
        const bits = prefix === undefined ? (isIP(net) === 6 ? 128 : 32) : Number(prefix);
        if (!Number.isInteger(bits) || bits < 0 || bits > (isIP(net) === 6 ? 128 : 32)) {
          throw new Error(`WEBHOOK_ALLOWED_HOSTS: '${entry}' has an invalid prefix length`);
        }
        this.allowedAddresses.addSubnet(net, bits, family(net));
      } else if (/^[a-z0-9.-]+$/.test(entry) && prefix === undefined) {
        this.allowedNames.add(entry);
      } else {
        throw new Error(`WEBHOOK_ALLOWED_HOSTS: '${entry}' is not a host name, address or CIDR range`);
      }
    }
  }

  /** Why a webhook may not go to this address, or undefined when it may. */
  private refuseAddress(ip: string): string | undefined {
    const type = family(ip);
    if (this.allowedAddresses.check(ip, type)) return undefined;
    if (forbidden.check(ip, type)) {
      return `${ip} is a loopback, private, link-local or metadata address (allow it with WEBHOOK_ALLOWED_HOSTS)`;
    }
    return undefined;
  }

  /**
   * Why a webhook may not be sent to `url` now, or undefined when it may. With `unresolvedOk`, a
   * name that does not resolve (yet) passes: delivery checks it again.
   */
  async refusal(url: string, { unresolvedOk = false } = {}): Promise<string | undefined> {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs are allowed';
      host = u.hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '');
    } catch {
      return 'not a URL';
    }
    if (this.allowedNames.has(host)) return undefined;
    if (isIP(host)) return this.refuseAddress(host);
    if (FORBIDDEN_NAMES.some((re) => re.test(host))) {
      return `${host} names this machine or a metadata service (allow it with WEBHOOK_ALLOWED_HOSTS)`;
    }
    let addresses: string[];
    try {
      addresses = await this.resolve(host);
    } catch (err) {
      return unresolvedOk ? undefined : `${host} does not resolve: ${(err as Error).message}`;
    }
    for (const ip of addresses) {
      const why = this.refuseAddress(ip);
      if (why) return `${host} resolves to ${why}`;
    }
    return undefined;
  }
}
