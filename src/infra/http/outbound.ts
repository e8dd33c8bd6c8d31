import { lookup as dnsLookup, LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, Dispatcher } from 'undici';

/**
 * Outbound HTTP to URLs that others name (an OParl endpoint, the links and file URLs in its
 * answers). Such a URL may point into the network the server runs in: its loopback, the
 * cloud's metadata service at 169.254.169.254, an intranet. The agent here connects only to
 * public unicast addresses, and checks the address it actually connects to, after the DNS
 * lookup, for every connection (redirects included): a name that resolves to a public address
 * when checked and to a private one when used gets nowhere.
 */

/** Networks reachable although not public: none, all, or these (addresses and CIDRs). */
export type PrivateNetworks = 'none' | 'all' | readonly string[];

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  uniqueLocal: 'unique local (private)',
  reserved: 'reserved',
};

/** Refused: the address connected to is not public, and no allowed network holds it. */
export class RefusedAddress extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `refused to connect to ${host}${host === address ? '' : ` (${address})`}: a ${RANGE_WORDS[range] ?? range} address, not a public one ` +
        `(allow private networks with --allow-private or IMPORT_ALLOW_PRIVATE_NETWORKS)`,
    );
    this.name = 'RefusedAddress';
  }
}

/** The address itself, or the IPv4 address it stands for (IPv4-mapped, NAT64). */
function effective(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() !== 'ipv6') return address;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return v6.toIPv4Address();
  // NAT64 (RFC 6052): the IPv4 address is the last 32 bits; DNS64 resolvers hand these out for public hosts.
  if (range === 'rfc6052') return ipaddr.fromByteArray(v6.toByteArray().slice(12));
  return v6;
}

/** Parses `10.0.0.0/8`, `192.168.1.5`, `fd00::/8` into CIDRs; throws on anything else. */
export function parseNetworks(entries: readonly string[]): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return entries.map((entry) => {
    const value = entry.trim();
    if (ipaddr.isValidCIDR(value)) return ipaddr.parseCIDR(value);
    if (ipaddr.isValid(value)) {
      const address = ipaddr.parse(value);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
    throw new Error(`"${value}" is neither an IP address nor a CIDR`);
  });
}

/**
 * A check of addresses: why one may not be connected to (its range: `loopback`, `private`,
 * `linkLocal`, …), or null when it may: a public unicast address, or one in an allowed network.
 */
export function addressCheck(allowed: PrivateNetworks = 'none'): (address: string) => string | null {
  const networks = allowed === 'all' || allowed === 'none' ? [] : parseNetworks(allowed);
  return (address) => {
    if (!ipaddr.isValid(address)) return 'invalid';
    const ip = effective(ipaddr.parse(address));
    const range = ip.range();
    if (range === 'unicast' || allowed === 'all') return null;
    return networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits)) ? null : range;
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An `http(s)` agent that connects only to public addresses (and `allowed` networks). Every
 * address a name resolves to that is not allowed is dropped; a name left without one, or an
 * IP literal that is not allowed, fails with RefusedAddress before a connection is made.
 */
export function outboundAgent(allowed: PrivateNetworks = 'none'): Dispatcher {
  if (allowed === 'all') return new Agent();
  const refused = addressCheck(allowed);
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...lookupOptions, all: true } satisfies LookupAllOptions, (error, addresses) => {
      if (error) return callback(error, []);
      const usable = addresses.filter((a) => refused(a.address) === null);
      if (usable.length === 0) return callback(new RefusedAddress(hostname, addresses[0].address, refused(addresses[0].address) ?? 'unknown'), []);
      if (lookupOptions.all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
  const connector = buildConnector({ lookup });
  return new Agent({
    connect: (connectOptions, callback) => {
      // Node connects to an IP literal without a lookup: those are checked here.
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      const range = isIP(host) ? refused(host) : null;
      if (range) return callback(new RefusedAddress(host, host, range), null);
      connector(connectOptions, callback);
    },
  });
}

/** Whether an error (or its cause) is a refused address: no point in trying again. */
export function isRefusedAddress(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof RefusedAddress) return true;
  }
  return false;
}
