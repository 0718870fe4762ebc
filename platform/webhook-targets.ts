/**
 * Where webhooks may go. A subscription is a request the service makes on someone's behalf, so
 * without a rule it reaches whatever the service's host can: loopback, the operator's private
 * network, cloud metadata endpoints. Those are refused when subscribing, and at every connection a
 * delivery makes: `lookup` is the resolver the sockets use (platform/webhook-http.ts), so the
 * address checked is the address connected to, and a name that resolves elsewhere between a check
 * and the request (DNS rebinding) cannot reach an internal address. WEBHOOK_ALLOWED_HOSTS names
 * exceptions.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

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

/** A connection the target rule refused: never attempted. */
export class TargetRefused extends Error {
  readonly code = 'EWEBHOOKTARGET';
}

const hostOf = (u: URL) =>
  u.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
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
    const host = this.hostRefusal(url);
    if (typeof host === 'string') return host;
    if (host.settled) return undefined;
    let addresses: string[];
    try {
      addresses = await this.resolve(host.name);
    } catch (err) {
      return unresolvedOk ? undefined : `${host.name} does not resolve: ${(err as Error).message}`;
    }
    return this.addressesRefusal(host.name, addresses);
  }

  /**
   * What the URL alone decides, without DNS: a refusal, or the host name to check at connect time
   * (`settled` when its name or literal address already decides: sockets skip `lookup` for literals).
   */
  hostRefusal(url: string): string | { name: string; settled: boolean } {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs are allowed';
      host = hostOf(u);
    } catch {
      return 'not a URL';
    }
    if (this.allowedNames.has(host)) return { name: host, settled: true };
    if (isIP(host)) return this.refuseAddress(host) ?? { name: host, settled: true };
    if (FORBIDDEN_NAMES.some((re) => re.test(host))) {
      return `${host} names this machine or a metadata service (allow it with WEBHOOK_ALLOWED_HOSTS)`;
    }
    return { name: host, settled: false };
  }

  private addressesRefusal(host: string, addresses: string[]): string | undefined {
    if (addresses.length === 0) return `${host} does not resolve`;
    for (const ip of addresses) {
      const why = this.refuseAddress(ip);
      if (why) return `${host} resolves to ${why}`;
    }
    return undefined;
  }

  /**
   * The resolver of every webhook socket (`lookup` of net.connect): resolves, applies the rule to
   * every address, and hands the socket only addresses that passed. A name WEBHOOK_ALLOWED_HOSTS
   * lists may resolve anywhere.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    const answer = (err: NodeJS.ErrnoException | null, addresses: string[]) => {
      if (err) return void callback(err, '', 4);
      const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      const usable = wanted ? entries.filter((e) => e.family === wanted) : entries;
      if (options.all) return void (callback as any)(null, usable);
      const first = usable[0];
      if (!first) return void callback(new TargetRefused(`${host} has no address of that family`), '', 4);
      callback(null, first.address, first.family);
    };
    this.resolve(host).then(
      (addresses) => {
        const why = this.allowedNames.has(host) ? undefined : this.addressesRefusal(host, addresses);
        answer(why ? new TargetRefused(why) : null, addresses);
      },
      (err: NodeJS.ErrnoException) => answer(err, []),
    );
  };
}
